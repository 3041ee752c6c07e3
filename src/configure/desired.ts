/**
 * desired.json: what the configure program makes a running DittoFS match. The function writes
 * it (ConfigMap `<n>-configure`, key `desired.json`) with every default already applied, so
 * every field here is explicit; the program parses it with this same schema. It never holds a
 * secret: credentials arrive as environment variables (env-names.ts). Fields: docs/configure.md.
 */
import * as z from 'zod';
import { fieldErrorMap, fromZod, issuesText } from '../api/issues.js';

/** One lowercase segment: SMB lowercases share names and cannot address `/a/b`. */
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const name = z.string().regex(NAME, `must match ${NAME.source}`);
const absolutePath = z.string().regex(/^\/\S*$/, 'must be an absolute path without spaces');
const port = z.int().min(1).max(65535);

const adapter = z.strictObject({ enabled: z.boolean(), port });

/** Badger keeps its files at `path` (under /data/store/metadata). */
const badgerStore = z.strictObject({ name, type: z.literal('badger'), path: absolutePath });
/** Postgres connection settings come from DITTOFS_METADATA_POSTGRES_* (env-names.ts). */
const postgresStore = z.strictObject({ name, type: z.literal('postgres') });
const metadataStore = z.discriminatedUnion('type', [badgerStore, postgresStore]);

/** An `fs` local block store at `path` (under /data/store/block). */
const localStore = z.strictObject({ name, path: absolutePath });

/** An `s3` remote block store; its keys come from DITTOFS_REMOTE_<NAME>_* (env-names.ts). */
const remoteStore = z.strictObject({
  name,
  bucket: z.string().min(1),
  /** Absent: AWS S3 itself. DittoFS then uses virtual-hosted addressing; with one, path style. */
  endpoint: z.string().regex(/^\S+$/, 'must not be empty or hold spaces').optional(),
  region: z.string().min(1),
  /** Key prefix inside the bucket; `""` writes at the bucket root. */
  prefix: z.string(),
  /** DittoFS refuses loopback and private endpoints (in-cluster MinIO) unless this is true. */
  allowPrivateEndpoint: z.boolean(),
});

const share = z.strictObject({
  name,
  metadataStore: name,
  localStore: name,
  /** Absent: the share has no remote tier. */
  remoteStore: name.optional(),
  readOnly: z.boolean(),
  defaultPermission: z.enum(['none', 'read', 'read-write']),
  /** Bytes; absent means no quota. */
  quotaBytes: z.int().min(1).optional(),
});

type Ctx = z.core.$RefinementCtx;

/** Flags every item whose `field` repeats an earlier item's (items without one are skipped). */
function unique<T>(ctx: Ctx, items: readonly T[], at: readonly string[], field: keyof T & string) {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const value = item[field];
    if (value === undefined) return;
    if (seen.has(value))
      ctx.addIssue({
        code: 'custom',
        path: [...at, index, field],
        message: `duplicate ${String(value)}`,
      });
    seen.add(value);
  });
}

export const desiredSchema = z
  .strictObject({
    adapters: z.strictObject({ nfs: adapter, smb: adapter }),
    stores: z.strictObject({
      metadata: z.array(metadataStore),
      local: z.array(localStore),
      remote: z.array(remoteStore),
    }),
    shares: z.array(share),
  })
  .superRefine((desired, ctx) => {
    // Even a disabled adapter keeps its port: enabling it later must not collide.
    if (desired.adapters.nfs.port === desired.adapters.smb.port)
      ctx.addIssue({
        code: 'custom',
        path: ['adapters', 'smb', 'port'],
        message: 'same as adapters.nfs.port',
      });
    const { metadata, local, remote } = desired.stores;
    unique(ctx, metadata, ['stores', 'metadata'], 'name');
    // Two stores on one directory would fight over Badger's lock or mix their blocks.
    unique(
      ctx,
      metadata.map((store) => ({ path: store.type === 'badger' ? store.path : undefined })),
      ['stores', 'metadata'],
      'path',
    );
    // Every postgres store would use the one DITTOFS_METADATA_POSTGRES_* database, and so
    // write the same tables.
    metadata.forEach((store, index) => {
      if (store.type === 'postgres' && metadata.findIndex((s) => s.type === 'postgres') < index)
        ctx.addIssue({
          code: 'custom',
          path: ['stores', 'metadata', index, 'type'],
          message: 'only one postgres store is possible (they would share one database)',
        });
    });
    unique(ctx, local, ['stores', 'local'], 'name');
    unique(ctx, local, ['stores', 'local'], 'path');
    unique(ctx, remote, ['stores', 'remote'], 'name');
    unique(ctx, desired.shares, ['shares'], 'name');
    const declared = {
      metadataStore: metadata.map((store) => store.name),
      localStore: local.map((store) => store.name),
      remoteStore: remote.map((store) => store.name),
    };
    desired.shares.forEach((item, index) => {
      for (const field of ['metadataStore', 'localStore', 'remoteStore'] as const) {
        const ref = item[field];
        if (ref === undefined || declared[field].includes(ref)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['shares', index, field],
          message: `names no declared store (${ref})`,
        });
      }
    });
  });

export type Desired = z.output<typeof desiredSchema>;
export type DesiredAdapter = Desired['adapters']['nfs'];
export type DesiredMetadataStore = Desired['stores']['metadata'][number];
export type DesiredLocalStore = Desired['stores']['local'][number];
export type DesiredRemoteStore = Desired['stores']['remote'][number];
export type DesiredShare = Desired['shares'][number];

/** The shared wording, plus plain words for an unknown field and an unknown store type. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`;
  // A discriminated union that matches no option says which values it takes.
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options))
    return `must be one of ${issue.options.map(String).join(', ')}`;
  return fieldErrorMap(issue);
};

export type ParsedDesired = { ok: true; desired: Desired } | { ok: false; message: string };

/** Parses desired.json text; a failure is one line naming every offending field. */
export function parseDesired(text: string): ParsedDesired {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not valid JSON' };
  }
  const parsed = desiredSchema.safeParse(raw, { error: errorMap });
  if (parsed.success) return { ok: true, desired: parsed.data };
  return { ok: false, message: issuesText(fromZod('', parsed.error)) };
}

/**
 * Key order of desired.json, most telling first (a store's name before its settings); a key
 * not listed here would follow, alphabetically.
 */
const KEY_ORDER = [
  ...['adapters', 'stores', 'shares', 'nfs', 'smb', 'metadata', 'local', 'remote'],
  ...['name', 'type', 'enabled', 'port', 'path', 'bucket', 'endpoint', 'region', 'prefix'],
  ...['allowPrivateEndpoint', 'metadataStore', 'localStore', 'remoteStore', 'readOnly'],
  ...['defaultPermission', 'quotaBytes'],
];

function rank(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index < 0 ? KEY_ORDER.length : index;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(
    ([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return Object.fromEntries(entries.map(([key, child]) => [key, ordered(child)]));
}

/**
 * The bytes of desired.json: keys in one fixed order at every level (so the same value always
 * gives the same bytes, and the same configure Job hash), 2-space indent, trailing newline.
 * Absent optional fields are left out. It does not validate: `desiredProblems` does.
 */
export function desiredJson(value: Desired): string {
  return `${JSON.stringify(ordered(value), null, 2)}\n`;
}

/**
 * What the configure program would refuse in `value` (one line, every field named), or
 * undefined: for the function to catch a bad desired.json before it composes the Job.
 */
export function desiredProblems(value: Desired): string | undefined {
  const parsed = desiredSchema.safeParse(value, { error: errorMap });
  return parsed.success ? undefined : issuesText(fromZod('', parsed.error));
}
