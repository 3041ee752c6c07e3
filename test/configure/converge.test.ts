/**
 * The configure program against the fake DittoFS: what it writes, what the server ends
 * with, and what it says, compared whole.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../support/fake-dittofs-state.js';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { ARCHIVE_CONFIG, desired, ENV, FRESH_LOG, QUOTA } from './fixtures.js';
import { DESIRED_PATH, runAgainst } from './harness.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

const loggedIn = () => `logged in to ${fake.url} as admin`;

/** Ids 1 and 2 are the first-boot adapters; the program's creates follow in order. */
const FRESH_STATE = {
  adapters: [
    { type: 'nfs', enabled: true, port: 12049, listening: true, starts: 1 },
    { type: 'smb', enabled: false, port: 12445, listening: false, starts: 1 },
  ],
  metadataStores: [
    {
      id: fakeId(3),
      name: 'default',
      type: 'badger',
      config: { path: '/data/store/metadata/default' },
    },
  ],
  localStores: [
    { id: fakeId(4), name: 'default', type: 'fs', config: { path: '/data/store/block/default' } },
  ],
  remoteStores: [{ id: fakeId(5), name: 'archive', type: 's3', config: ARCHIVE_CONFIG }],
  shares: [
    {
      id: fakeId(6),
      name: '/export',
      metadata_store_id: fakeId(3),
      local_block_store_id: fakeId(4),
      remote_block_store_id: fakeId(5),
      read_only: false,
      enabled: true,
      default_permission: 'read-write',
      quota_bytes: QUOTA,
    },
  ],
  admin: { password: 'fake-admin-password', mustChangePassword: false },
};

describe('a fresh server', () => {
  it('ends with the spec: stores, the share on all three, SMB off and on its spec port', async () => {
    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result).toEqual({
      code: 0,
      stdout: [loggedIn(), ...FRESH_LOG],
      stderr: [],
      // Only the desired file: nothing goes to the termination log on success.
      files: new Map([[DESIRED_PATH, JSON.stringify(desired())]]),
    });
    expect(fake.state()).toEqual(FRESH_STATE);
    expect(fake.writes).toEqual([
      {
        method: 'POST',
        path: '/api/v1/store/metadata',
        body: {
          name: 'default',
          type: 'badger',
          config: '{"path":"/data/store/metadata/default"}',
        },
        status: 201,
      },
      {
        method: 'POST',
        path: '/api/v1/store/block/local',
        body: { name: 'default', type: 'fs', config: '{"path":"/data/store/block/default"}' },
        status: 201,
      },
      {
        method: 'POST',
        path: '/api/v1/store/block/remote',
        body: { name: 'archive', type: 's3', config: JSON.stringify(ARCHIVE_CONFIG) },
        status: 201,
      },
      {
        method: 'POST',
        path: '/api/v1/shares',
        body: {
          name: 'export',
          metadata_store_id: 'default',
          local_block_store: 'default',
          remote_block_store: 'archive',
          read_only: false,
          default_permission: 'read-write',
          quota_bytes: '107374182400',
        },
        status: 201,
      },
      {
        method: 'PUT',
        path: '/api/v1/adapters/smb',
        body: { enabled: false, port: 12445 },
        status: 200,
      },
    ]);
  });

  it('makes no write the second time, and says everything is unchanged', async () => {
    await runAgainst(fake.url, desired(), ENV);
    const writes = fake.writes.length;

    const second = await runAgainst(fake.url, desired(), ENV);

    expect(fake.writes.length).toBe(writes);
    expect(second.code).toBe(0);
    expect(second.stdout).toEqual([
      loggedIn(),
      'metadata store default: unchanged',
      'local store default: unchanged',
      'remote store archive: unchanged',
      'share export: unchanged',
      'adapter nfs: unchanged',
      'adapter smb: unchanged',
      'done: no changes',
    ]);
    expect(fake.state()).toEqual(FRESH_STATE);
  });

  it('moves an enabled SMB adapter to its spec port once the share exists', async () => {
    const spec = desired();
    spec.adapters.smb = { enabled: true, port: 12445 };
    spec.adapters.nfs = { enabled: true, port: 2049 };

    const result = await runAgainst(fake.url, spec, ENV);

    expect(result.stdout.slice(-3)).toEqual([
      'adapter nfs: updated port 12049 -> 2049',
      'adapter smb: updated port 1445 -> 12445',
      'done: 6 changes',
    ]);
    expect(fake.state().adapters).toEqual([
      { type: 'nfs', enabled: true, port: 2049, listening: true, starts: 2 },
      { type: 'smb', enabled: true, port: 12445, listening: true, starts: 2 },
    ]);
    expect(fake.writes.map((w) => `${w.method} ${w.path}`).slice(-3)).toEqual([
      'POST /api/v1/shares',
      'PUT /api/v1/adapters/nfs',
      'PUT /api/v1/adapters/smb',
    ]);
  });
});

describe('a server with some state', () => {
  it('creates only what is missing', async () => {
    fake.addMetadataStore('default', 'badger', { path: '/data/store/metadata/default' });
    fake.addBlockStore('local', 'default', 'fs', { path: '/data/store/block/default' });

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.stdout).toEqual([
      loggedIn(),
      'metadata store default: unchanged',
      'local store default: unchanged',
      'remote store archive: created (s3)',
      'share export: created',
      'adapter nfs: unchanged',
      'adapter smb: updated enabled true -> false, port 1445 -> 12445',
      'done: 3 changes',
    ]);
    expect(fake.writes.map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      'POST /api/v1/store/block/remote 201',
      'POST /api/v1/shares 201',
      'PUT /api/v1/adapters/smb 200',
    ]);
  });

  it('leaves a share and stores it was not told about alone, and names them', async () => {
    const meta = fake.addMetadataStore('old', 'badger', { path: '/data/store/metadata/old' });
    const local = fake.addBlockStore('local', 'old', 'fs', { path: '/data/store/block/old' });
    fake.addBlockStore('remote', 'cold', 'memory', {});
    const legacy = fake.addShare({
      name: '/legacy',
      metadata_store_id: meta.id,
      local_block_store_id: local.id,
      remote_block_store_id: null,
      read_only: true,
      default_permission: 'read',
    });

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      loggedIn(),
      'metadata store default: created (badger)',
      'left alone: metadata store old (not in the spec)',
      'local store default: created (fs)',
      'left alone: local store old (not in the spec)',
      'remote store archive: created (s3)',
      'left alone: remote store cold (not in the spec)',
      'share export: created',
      'left alone: share legacy (not in the spec)',
      'adapter nfs: unchanged',
      'adapter smb: updated enabled true -> false, port 1445 -> 12445',
      'done: 5 changes',
    ]);
    const state = fake.state();
    expect(state.shares[0]).toEqual(legacy);
    expect(state.metadataStores.map((s) => s.name)).toEqual(['old', 'default']);
    expect(state.localStores.map((s) => s.name)).toEqual(['old', 'default']);
    expect(state.remoteStores.map((s) => s.name)).toEqual(['cold', 'archive']);
    expect(fake.writes.filter((w) => w.method === 'DELETE')).toEqual([]);
  });
});
