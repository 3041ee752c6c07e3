/** How an existing store's redacted config is compared with the spec's, DittoFS defaults in. */
import { describe, expect, it } from 'vitest';
import { compareStore, type WantedStore } from '../../src/configure/store-configs.js';

const PG: WantedStore = {
  kind: 'metadata',
  name: 'pg',
  type: 'postgres',
  config: { host: 'db', port: 5432, database: 'dittofs', user: 'dittofs', password: 'p' },
};

const S3: WantedStore = {
  kind: 'remote',
  name: 'archive',
  type: 's3',
  config: {
    bucket: 'b',
    region: 'us-east-1',
    prefix: 'team-a/files/',
    access_key_id: 'AKIA1',
    secret_access_key: 's',
  },
};

const BADGER: WantedStore = {
  kind: 'metadata',
  name: 'default',
  type: 'badger',
  config: { path: '/data/store/metadata/default' },
};

type Case = {
  readonly reason: string;
  readonly wanted: WantedStore;
  readonly observed: { type: string; config?: Record<string, unknown> };
  readonly result: ReturnType<typeof compareStore>;
};

const EQUAL = { result: 'equal' } as const;

const cases: readonly Case[] = [
  {
    reason: "badger's legacy db_path key is its path",
    wanted: BADGER,
    observed: { type: 'badger', config: { db_path: '/data/store/metadata/default' } },
    result: EQUAL,
  },
  {
    reason: 'postgres: no port means 5432, dbname means database, the password is redacted',
    wanted: PG,
    observed: {
      type: 'postgres',
      config: { host: 'db', dbname: 'dittofs', user: 'dittofs', password: '********' },
    },
    result: EQUAL,
  },
  {
    reason: 'postgres: a port written as a string is ignored by DittoFS, so it is 5432',
    wanted: PG,
    observed: {
      type: 'postgres',
      config: {
        host: 'db',
        port: '6543',
        database: 'dittofs',
        user: 'dittofs',
        sslmode: 'disable',
      },
    },
    result: EQUAL,
  },
  {
    reason: 'postgres: no sslmode is disable, so a spec asking for require differs',
    wanted: { ...PG, config: { ...PG.config, sslmode: 'require' } },
    observed: { type: 'postgres', config: { host: 'db', database: 'dittofs', user: 'dittofs' } },
    result: {
      result: 'conflict',
      reason:
        'metadata store pg: sslmode is "disable" on the server, "require" in the spec (DittoFS ' +
        "does not apply a store's config in place safely: give the store a new name)",
    },
  },
  {
    reason: 's3: no region is us-east-1; keys the program never writes are left alone',
    wanted: S3,
    observed: {
      type: 's3',
      config: {
        bucket: 'b',
        prefix: 'team-a/files/',
        access_key_id: 'AKIA1',
        secret_access_key: '********',
        force_path_style: false,
        parallel_uploads: 8,
      },
    },
    result: EQUAL,
  },
  {
    reason: 's3: an endpoint and private access the spec does not have',
    wanted: S3,
    observed: {
      type: 's3',
      config: { ...S3.config, endpoint: 'http://10.0.0.5:9000', allow_private_endpoint: true },
    },
    result: {
      result: 'conflict',
      reason:
        'remote store archive: endpoint is "http://10.0.0.5:9000" on the server, "" in the ' +
        'spec, allow_private_endpoint is true on the server, false in the spec (DittoFS does ' +
        "not apply a store's config in place safely: give the store a new name)",
    },
  },
  {
    reason: 's3: only the access key id differs, a rotation',
    wanted: S3,
    observed: {
      type: 's3',
      config: { ...S3.config, access_key_id: 'AKIA0', secret_access_key: '********' },
    },
    result: { result: 'credentials' },
  },
  {
    reason: 'another type',
    wanted: BADGER,
    observed: { type: 'memory' },
    result: {
      result: 'conflict',
      reason:
        'metadata store default is of type memory on the server, badger in the spec (DittoFS ' +
        "cannot change a store's type in place: give the store a new name)",
    },
  },
  {
    reason: 'no config at all',
    wanted: {
      kind: 'local',
      name: 'default',
      type: 'fs',
      config: { path: '/data/store/block/default' },
    },
    observed: { type: 'fs' },
    result: {
      result: 'conflict',
      reason:
        'local store default: path is unset on the server, "/data/store/block/default" in the ' +
        "spec (DittoFS does not apply a store's config in place safely: give the store a new name)",
    },
  },
];

describe('compareStore', () => {
  it.each(cases)('$reason', ({ wanted, observed, result }) => {
    expect(compareStore(wanted, observed)).toEqual(result);
  });
});
