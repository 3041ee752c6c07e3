/**
 * desired.json as the function builds it from the spec (api.md §7): adapters, stores and
 * shares with every default applied, in the configure program's own shape.
 */
import { describe, expect, it } from 'vitest';
import { configurationIssues } from '../../src/api/configuration.js';
import { desiredJson, parseDesired, type Desired } from '../../src/configure/desired.js';
import { server } from '../fixtures/xr.js';

describe('the desired configuration of a server', () => {
  it('a minimal XR: NFS on, SMB off on its own port, one badger and one local store, share export', () => {
    expect(server().configuration).toEqual({
      adapters: { nfs: { enabled: true, port: 12049 }, smb: { enabled: false, port: 12445 } },
      stores: {
        metadata: [{ name: 'default', type: 'badger', path: '/data/store/metadata/default' }],
        local: [{ name: 'default', path: '/data/store/block/default' }],
        remote: [],
      },
      shares: [
        {
          name: 'export',
          metadataStore: 'default',
          localStore: 'default',
          readOnly: false,
          defaultPermission: 'read-write',
        },
      ],
    });
  });

  it('every kind of store and share setting, with no secret in it', () => {
    const configured = server({
      percona: { enabled: true },
      adapters: { nfs: { port: 2049 }, smb: { enabled: true, port: 445 } },
      stores: {
        metadata: [{ name: 'pg', type: 'postgres' }, { name: 'fast' }],
        local: [{ name: 'scratch' }],
        remote: [
          {
            name: 'archive',
            s3: { bucket: 'files', credentialsSecretRef: { name: 'archive-s3' } },
          },
          {
            name: 'minio',
            s3: {
              bucket: 'cold',
              endpoint: 'minio.storage.svc:9000',
              region: 'garage',
              prefix: 'x/',
              allowPrivateEndpoint: true,
              credentialsSecretRef: { name: 'minio-s3' },
            },
          },
        ],
      },
      shares: [
        { name: 'export', remoteStore: 'minio', quota: '1Ti' },
        { name: 'reports', metadataStore: 'fast', readOnly: true, defaultPermission: 'none' },
      ],
    }).configuration;
    expect(configured).toEqual({
      adapters: { nfs: { enabled: true, port: 2049 }, smb: { enabled: true, port: 445 } },
      stores: {
        metadata: [
          { name: 'pg', type: 'postgres' },
          { name: 'fast', type: 'badger', path: '/data/store/metadata/fast' },
        ],
        local: [{ name: 'scratch', path: '/data/store/block/scratch' }],
        remote: [
          {
            name: 'archive',
            bucket: 'files',
            region: 'us-east-1',
            prefix: 'team-a/demo/',
            allowPrivateEndpoint: false,
          },
          {
            name: 'minio',
            bucket: 'cold',
            endpoint: 'https://minio.storage.svc:9000',
            region: 'garage',
            prefix: 'x/',
            allowPrivateEndpoint: true,
          },
        ],
      },
      shares: [
        {
          name: 'export',
          metadataStore: 'pg',
          localStore: 'scratch',
          remoteStore: 'minio',
          readOnly: false,
          defaultPermission: 'read-write',
          quotaBytes: 1099511627776,
        },
        {
          name: 'reports',
          metadataStore: 'fast',
          localStore: 'scratch',
          readOnly: true,
          defaultPermission: 'none',
        },
      ],
    });
    // The program reads back exactly what the function writes.
    expect(parseDesired(desiredJson(configured))).toEqual({ ok: true, desired: configured });
  });

  it('what the program would refuse is an issue on spec, in its own words', () => {
    const refused: Desired = {
      ...server().configuration,
      shares: [
        {
          name: 'export',
          metadataStore: 'default',
          localStore: 'nowhere',
          readOnly: false,
          defaultPermission: 'read',
        },
      ],
    };
    expect(configurationIssues(refused)).toEqual([
      {
        path: 'spec',
        message:
          'gives a desired.json the configure program refuses: shares[0].localStore: names no declared store (nowhere)',
      },
    ]);
    expect(configurationIssues(server().configuration)).toEqual([]);
  });
});
