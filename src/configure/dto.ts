/**
 * What DittoFS v0.29.0 answers, as far as this program reads it (shared/reference/
 * dittofs-api.md §1-§5). Loose objects: a field the server adds later is no error.
 */
import * as z from 'zod';

export const loginAnswer = z.looseObject({
  access_token: z.string().min(1),
  user: z.looseObject({ must_change_password: z.boolean() }),
});

/** Store `config` comes back as an object, secrets replaced by `"********"`. */
const storeConfig = z.record(z.string(), z.unknown());

export const metadataStoreDto = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  config: storeConfig.optional(),
});
export type MetadataStoreDto = z.output<typeof metadataStoreDto>;

export const blockStoreDto = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  type: z.string(),
  config: storeConfig.optional(),
});
export type BlockStoreDto = z.output<typeof blockStoreDto>;

export const shareDto = z.looseObject({
  id: z.string(),
  /** With its leading slash: `/export`. */
  name: z.string(),
  metadata_store_id: z.string(),
  local_block_store_id: z.string(),
  remote_block_store_id: z.string().nullable().optional(),
  read_only: z.boolean(),
  enabled: z.boolean(),
  default_permission: z.string(),
  /** `ByteSize.String()` (`100.00GiB`); absent when there is no quota. */
  quota_bytes: z.string().optional(),
  /** Only on PUT: a block-store rebind the server could not apply live. */
  warnings: z.array(z.string()).optional(),
});
export type ShareDto = z.output<typeof shareDto>;

export const adapterDto = z.looseObject({
  id: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  /** 0 means the type's default port. */
  port: z.int(),
});
export type AdapterDto = z.output<typeof adapterDto>;
