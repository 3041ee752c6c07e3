/**
 * fast-check arbitraries for valid spec.stores and spec.shares (api.md §2): each list present
 * or left to its defaults, names unique, every share on declared stores, at most one
 * postgres metadata store and only with a PostgreSQL.
 */
import fc from 'fast-check';
import type { JsonObject } from '../../fixtures/xr.js';
import { bucket, region, subdomain } from './name-arbitraries.js';

/** A store or share name: one lowercase segment. */
const dataName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const names = (minLength: number, maxLength: number) =>
  fc.uniqueArray(dataName, { minLength, maxLength });

const remoteS3 = fc
  .tuple(
    fc.record(
      {
        bucket,
        region,
        prefix: fc.constantFrom('', 'team-a/files/', 'dittofs'),
        credentialsSecretRef: fc.record({ name: subdomain }),
      },
      { requiredKeys: ['bucket', 'credentialsSecretRef'] },
    ),
    fc.oneof(
      fc.constant({}),
      fc
        .constantFrom('s3.eu-west-1.amazonaws.com', 'https://storage.example.com:8443')
        .map((endpoint) => ({ endpoint })),
      // In-cluster or private: DittoFS needs allowPrivateEndpoint.
      fc
        .constantFrom('minio.storage.svc:9000', 'http://10.0.0.5:9000', 'minio')
        .map((endpoint) => ({ endpoint, allowPrivateEndpoint: true })),
    ),
  )
  .map(([settings, endpoint]) => ({ ...settings, ...endpoint }));

/** One share on declared stores (or their defaults, the first of each). */
const share = (metadata: string[], local: string[], remote: string[]) =>
  fc.record(
    {
      metadataStore: fc.constantFrom(...metadata),
      localStore: fc.constantFrom(...local),
      ...(remote.length > 0 ? { remoteStore: fc.constantFrom(...remote) } : {}),
      readOnly: fc.boolean(),
      defaultPermission: fc.constantFrom('none', 'read', 'read-write'),
      quota: fc.constantFrom('100Gi', '1Ti', '500M', '1.5Gi'),
    },
    { requiredKeys: [] },
  );

/** spec.stores and spec.shares, each present or left to its defaults; postgres needs a PostgreSQL. */
export const storesAndShares = (postgres: boolean): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      metadata: fc.option(names(1, 3), { nil: undefined }),
      local: fc.option(names(1, 3), { nil: undefined }),
      remote: fc.option(names(0, 2), { nil: undefined }),
      shares: fc.option(names(1, 4), { nil: undefined }),
    })
    .chain(({ metadata, local, remote, shares }) =>
      fc
        .record({
          metadataTypes: fc.array(
            fc.constantFrom(...(postgres ? ['badger', 'postgres'] : ['badger'])),
            {
              minLength: 3,
              maxLength: 3,
            },
          ),
          remoteS3: fc.array(remoteS3, { minLength: 2, maxLength: 2 }),
          shares: fc.tuple(
            ...(shares ?? []).map(() =>
              share(metadata ?? ['default'], local ?? ['default'], remote ?? []),
            ),
          ),
        })
        .map((picked) => {
          const stores: JsonObject = {
            ...(metadata && {
              // At most one postgres store: they would share the one database.
              metadata: metadata.map((name, index) => ({
                name,
                type: picked.metadataTypes.indexOf('postgres') === index ? 'postgres' : 'badger',
              })),
            }),
            ...(local && { local: local.map((name) => ({ name })) }),
            ...(remote && {
              remote: remote.map((name, index) => ({ name, s3: picked.remoteS3[index] ?? {} })),
            }),
          };
          return {
            ...(Object.keys(stores).length > 0 && { stores }),
            ...(shares && {
              shares: shares.map((name, index) => ({ name, ...picked.shares[index] })),
            }),
          };
        }),
    );
