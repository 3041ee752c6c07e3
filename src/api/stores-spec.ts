/**
 * `spec.stores` and `spec.shares`: what DittoFS keeps data in and what clients mount
 * (api.md §2, §7). Literal defaults live here; the share's store defaults and the remote
 * prefix depend on other fields and are resolved in resolve-stores.ts.
 */
import * as z from './zod.js';
import { s3Credentials, s3Bucket, s3Region } from './percona-spec.js';
import { storageSize } from './kube.js';
import { parseRemoteEndpoint } from './remote-endpoint.js';
import { quantityValue } from './quantity.js';

/**
 * One lowercase segment: DittoFS stores a share as `/<name>` and SMB lowercases the name a
 * client asks for, so anything else would be unreachable over SMB. Stores use the same rule,
 * which also keeps the configure program's environment variable names distinct.
 */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const name = (what: string) =>
  z
    .string()
    .regex(
      NAME_PATTERN,
      'must be 1-63 lowercase letters, digits and -, starting with a letter or digit',
    )
    .meta({ description: `Name of the ${what}: ${NAME_PATTERN.source}.` });

/** A name referring to a declared store; checked against them in resolve-stores.ts. */
const storeReference = (description: string) =>
  z.string().min(1).max(63).optional().meta({ description });

/** How many stores of one kind, and shares, a server takes: a bound on what is composed. */
export const MAX_STORES = 16;
export const MAX_SHARES = 128;

const metadataStore = z
  .object({
    name: name('metadata store'),
    type: z.enum(['badger', 'postgres']).default('badger').meta({
      description:
        'badger keeps metadata at /data/store/metadata/<name>; postgres uses the control-plane PostgreSQL (spec.percona.enabled or spec.database.postgresSecretRef). Defaults to badger.',
    }),
  })
  .meta({ description: 'A metadata store.' });

const localStore = z.object({ name: name('local store') }).meta({
  description: 'A local block store: a directory /data/store/block/<name> on the content volume.',
});

const remoteEndpoint = z
  .string()
  .min(1)
  .max(300)
  .superRefine((text, ctx) => {
    const parsed = parseRemoteEndpoint(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
  });

export const remoteS3 = z
  .object({
    bucket: s3Bucket.meta({ description: 'S3 bucket. Required.' }),
    endpoint: remoteEndpoint.optional().meta({
      description:
        'S3 endpoint: host, host:port or http(s)://host[:port]. Unset: AWS S3 for the region.',
    }),
    region: s3Region
      .default('us-east-1')
      .meta({ description: 'S3 region. Defaults to us-east-1.' }),
    prefix: z
      .string()
      .max(512)
      .regex(/^[^/\s][^\s]*$|^$/, 'must be an S3 key prefix without spaces, not starting with /')
      .optional()
      .meta({
        description:
          'Key prefix of the blocks in the bucket. Defaults to <namespace>/<name of the server>/, so servers can share a bucket.',
      }),
    credentialsSecretRef: s3Credentials(
      'Secret with the S3 access key id and secret access key. Required.',
    ),
    allowPrivateEndpoint: z.boolean().default(false).meta({
      description:
        'Let DittoFS reach an endpoint on a private or in-cluster address, such as MinIO; DittoFS refuses one otherwise. Defaults to false.',
    }),
  })
  .superRefine(({ endpoint, allowPrivateEndpoint }, ctx) => {
    const parsed = endpoint === undefined ? undefined : parseRemoteEndpoint(endpoint);
    if (!parsed?.ok || !parsed.endpoint.private || allowPrivateEndpoint) return;
    ctx.addIssue({
      code: 'custom',
      path: ['endpoint'],
      message:
        'is a private or in-cluster address, which DittoFS refuses unless allowPrivateEndpoint is true',
    });
  })
  .meta({ description: 'S3 settings of the remote store.' });

const remoteStore = z
  .object({ name: name('remote store'), s3: remoteS3 })
  .meta({ description: 'A remote block store on S3, behind a local store.' });

/** Each name once per list; reported at the second use. */
const uniqueNames =
  (what: string) =>
  (items: readonly { readonly name: string }[], ctx: z.core.$RefinementCtx): void => {
    const seen = new Set<string>();
    for (const [index, { name: itemName }] of items.entries()) {
      if (seen.has(itemName)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `${what} ${itemName} is declared twice`,
        });
      }
      seen.add(itemName);
    }
  };

export const stores = z
  .object({
    metadata: z
      .array(metadataStore)
      .min(1)
      .max(MAX_STORES)
      .superRefine(uniqueNames('metadata store'))
      .prefault([{ name: 'default' }])
      .meta({ description: 'Metadata stores. Defaults to one badger store named default.' }),
    local: z
      .array(localStore)
      .min(1)
      .max(MAX_STORES)
      .superRefine(uniqueNames('local store'))
      .prefault([{ name: 'default' }])
      .meta({ description: 'Local block stores. Defaults to one named default.' }),
    remote: z
      .array(remoteStore)
      .max(MAX_STORES)
      .superRefine(uniqueNames('remote store'))
      .default([])
      .meta({ description: 'Remote block stores on S3. Defaults to none.' }),
  })
  .meta({ description: 'Where DittoFS keeps metadata and file contents.' });

export const PERMISSIONS = ['none', 'read', 'read-write'] as const;

/** A quota DittoFS takes: a whole number of bytes. */
const quota = storageSize('Size limit of the share, e.g. 100Gi. Unset: no quota.').refine(
  (text) => Number.isSafeInteger(quantityValue(text)),
  'must be a whole number of bytes, such as 100Gi',
);

const share = z
  .object({
    name: name('share, mounted as /<name>'),
    metadataStore: storeReference('Metadata store of the share. Defaults to the first one.'),
    localStore: storeReference('Local block store of the share. Defaults to the first one.'),
    remoteStore: storeReference('Remote block store behind the local one. Unset: none.'),
    readOnly: z.boolean().default(false).meta({ description: 'Refuse writes. Defaults to false.' }),
    defaultPermission: z.enum(PERMISSIONS).default('read-write').meta({
      description: 'Access of users without an explicit permission. Defaults to read-write.',
    }),
    quota: quota.optional(),
  })
  .meta({ description: 'A share clients mount over NFS and SMB.' });

export const shares = z
  .array(share)
  .min(1)
  .max(MAX_SHARES)
  .superRefine(uniqueNames('share'))
  .prefault([{ name: 'export' }])
  .meta({
    description: 'Shares. Defaults to one named export on the first metadata and local stores.',
  });

export type StoresSpec = z.output<typeof stores>;
export type ShareSpec = z.output<typeof share>;
export type RemoteS3Spec = z.output<typeof remoteS3>;
