/** A desired.json like the function writes, the environment its Job gives, and their parts. */
import type { Desired } from '../../src/configure/desired.js';
import { ADMIN_ENV } from './harness.js';

export const ACCESS_KEY_ID = 'AKIAFIXTUREKEY000001';
export const SECRET_ACCESS_KEY = 'fixture/secret+access=key/0000000000001';
export const PG_PASSWORD = 'pg-fixture-password-0001';

/** Admin, plus the keys of remote store `archive`. */
export const ENV = {
  ...ADMIN_ENV,
  DITTOFS_REMOTE_ARCHIVE_ACCESS_KEY_ID: ACCESS_KEY_ID,
  DITTOFS_REMOTE_ARCHIVE_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
};

/** What a Percona-backed server's Job adds for a postgres metadata store. */
export const PG_ENV = {
  DITTOFS_METADATA_POSTGRES_HOST: 'files-postgres-pgbouncer.team-a.svc',
  DITTOFS_METADATA_POSTGRES_PORT: '5432',
  DITTOFS_METADATA_POSTGRES_DATABASE: 'dittofs',
  DITTOFS_METADATA_POSTGRES_USER: 'dittofs',
  DITTOFS_METADATA_POSTGRES_PASSWORD: PG_PASSWORD,
  DITTOFS_METADATA_POSTGRES_SSLMODE: 'require',
};

/** 100 GiB. */
export const QUOTA = 107374182400;

/** The brief's example: one store of each kind, one share on all three, SMB off. */
export function desired(): Desired {
  return {
    adapters: { nfs: { enabled: true, port: 12049 }, smb: { enabled: false, port: 12445 } },
    stores: {
      metadata: [{ name: 'default', type: 'badger', path: '/data/store/metadata/default' }],
      local: [{ name: 'default', path: '/data/store/block/default' }],
      remote: [
        {
          name: 'archive',
          bucket: 'b',
          endpoint: 'https://minio.x:9000',
          region: 'us-east-1',
          prefix: 'team-a/files/',
          allowPrivateEndpoint: false,
        },
      ],
    },
    shares: [
      {
        name: 'export',
        metadataStore: 'default',
        localStore: 'default',
        remoteStore: 'archive',
        readOnly: false,
        defaultPermission: 'read-write',
        quotaBytes: QUOTA,
      },
    ],
  };
}

/** What the program says after it logged in, configuring a fresh DittoFS to `desired()`. */
export const FRESH_LOG = [
  'metadata store default: created (badger)',
  'local store default: created (fs)',
  'remote store archive: created (s3)',
  'share export: created',
  'adapter nfs: unchanged',
  'adapter smb: updated enabled true -> false, port 1445 -> 12445',
  'done: 5 changes',
];

/** The stored config of store `archive` as the program creates it. */
export const ARCHIVE_CONFIG = {
  bucket: 'b',
  region: 'us-east-1',
  endpoint: 'https://minio.x:9000',
  prefix: 'team-a/files/',
  access_key_id: ACCESS_KEY_ID,
  secret_access_key: SECRET_ACCESS_KEY,
};

/** What the program says when DittoFS refuses the admin password from `source`. */
export function loginRefusal(source: string): string {
  return (
    'admin login refused (401 Unauthorized: Invalid username or password): DittoFS does not ' +
    `accept the password of admin from ${source}. DittoFS reads its initial admin password ` +
    'only on first boot, so the usual cause is a control-plane database older than the ' +
    'admin Secret: put the old password back in the Secret, or set the new one with dfsctl'
  );
}
