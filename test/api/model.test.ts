/** The resolved model the builders read: stores, shares and the new Percona fields, whole. */
import { describe, expect, it } from 'vitest';
import { server } from '../fixtures/xr.js';
import { BACKUP_SPEC } from '../fixtures/xr.js';

const S3_REF = {
  name: 's3-data',
  accessKeyIdKey: 'AWS_ACCESS_KEY_ID',
  secretAccessKeyKey: 'AWS_SECRET_ACCESS_KEY',
};

describe('stores and shares', () => {
  it('default to one badger and one local store named default, and one export share', () => {
    const { stores, shares } = server();
    expect({ stores, shares }).toEqual({
      stores: {
        metadata: [{ name: 'default', type: 'badger' }],
        local: [{ name: 'default' }],
        remote: [],
      },
      shares: [
        {
          name: 'export',
          metadataStore: 'default',
          localStore: 'default',
          remoteStore: undefined,
          readOnly: false,
          defaultPermission: 'read-write',
          quota: undefined,
          quotaBytes: undefined,
        },
      ],
    });
  });

  it('put shares on the first stores unless they name others, and resolve remote settings', () => {
    const { stores, shares } = server({
      database: { postgresSecretRef: { name: 'pg' } },
      stores: {
        metadata: [{ name: 'fast' }, { name: 'pg', type: 'postgres' }],
        local: [{ name: 'ssd' }, { name: 'hdd' }],
        remote: [
          {
            name: 'aws',
            s3: { bucket: 'team-a-files', credentialsSecretRef: { name: 's3-data' } },
          },
          {
            name: 'minio',
            s3: {
              bucket: 'files',
              endpoint: 'MinIO.storage.svc:9000/',
              region: 'garage',
              prefix: 'dittofs/',
              allowPrivateEndpoint: true,
              credentialsSecretRef: { name: 's3-data' },
            },
          },
        ],
      },
      shares: [
        { name: 'home' },
        {
          name: 'archive',
          metadataStore: 'pg',
          localStore: 'hdd',
          remoteStore: 'minio',
          readOnly: true,
          defaultPermission: 'read',
          quota: '1.5Ti',
        },
      ],
    });
    expect({ stores, shares }).toEqual({
      stores: {
        metadata: [
          { name: 'fast', type: 'badger' },
          { name: 'pg', type: 'postgres' },
        ],
        local: [{ name: 'ssd' }, { name: 'hdd' }],
        remote: [
          {
            name: 'aws',
            bucket: 'team-a-files',
            endpoint: undefined,
            region: 'us-east-1',
            prefix: 'team-a/demo/',
            credentialsSecretRef: S3_REF,
            allowPrivateEndpoint: false,
          },
          {
            name: 'minio',
            bucket: 'files',
            endpoint: 'https://minio.storage.svc:9000',
            region: 'garage',
            prefix: 'dittofs/',
            credentialsSecretRef: S3_REF,
            allowPrivateEndpoint: true,
          },
        ],
      },
      shares: [
        {
          name: 'home',
          metadataStore: 'fast',
          localStore: 'ssd',
          remoteStore: undefined,
          readOnly: false,
          defaultPermission: 'read-write',
          quota: undefined,
          quotaBytes: undefined,
        },
        {
          name: 'archive',
          metadataStore: 'pg',
          localStore: 'hdd',
          remoteStore: 'minio',
          readOnly: true,
          defaultPermission: 'read',
          quota: '1.5Ti',
          quotaBytes: 1.5 * 2 ** 40,
        },
      ],
    });
  });
});

describe('the rest of the new model', () => {
  it('takes the configure and upgrade images from the Input, the release defaults otherwise', () => {
    const defaults = server({ percona: { enabled: true } });
    const custom = server(
      { percona: { enabled: true } },
      { images: { configure: 'mirror/fn:v1', upgrade: 'mirror/upgrade:2.8.2' } },
    );
    expect([
      defaults.configureImage,
      defaults.percona?.upgradeImage,
      custom.configureImage,
      custom.percona?.upgradeImage,
    ]).toEqual([
      'ghcr.io/dittofs/function-dittoserver:v0.1.0',
      'docker.io/percona/percona-postgresql-operator:2.8.2-upgrade',
      'mirror/fn:v1',
      'mirror/upgrade:2.8.2',
    ]);
  });

  it('carries a restore and a bootstrap source with their defaults', () => {
    const { percona } = server({
      percona: {
        enabled: true,
        backup: BACKUP_SPEC,
        restore: { name: 'before-upgrade' },
        bootstrapFrom: { repoPath: '/pgbackrest/team-a/old/repo1' },
      },
    });
    expect([percona?.restore, percona?.bootstrapFrom]).toEqual([
      { name: 'before-upgrade', type: 'latest' },
      { repoPath: '/pgbackrest/team-a/old/repo1' },
    ]);
  });

  it('defaults the content volume to 10Gi, the NetworkPolicy on and deletion protection off', () => {
    const { spec } = server();
    expect([spec.storage.contentSize, spec.networkPolicy, spec.deletionProtection]).toEqual([
      '10Gi',
      { enabled: true },
      false,
    ]);
  });
});
