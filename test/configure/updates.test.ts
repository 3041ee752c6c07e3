/**
 * Existing things that differ from the spec: what is updated (with which keys), and what
 * is refused (and then nothing is written).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../support/fake-dittofs-state.js';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { ARCHIVE_CONFIG, desired, ENV, PG_ENV, PG_PASSWORD, QUOTA } from './fixtures.js';
import { runAgainst, TERMINATION_LOG } from './harness.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

/** The spec's three stores, as a previous run left them; ids 3, 4, 5. */
function seedStores() {
  return {
    meta: fake.addMetadataStore('default', 'badger', { path: '/data/store/metadata/default' }),
    local: fake.addBlockStore('local', 'default', 'fs', { path: '/data/store/block/default' }),
    remote: fake.addBlockStore('remote', 'archive', 's3', ARCHIVE_CONFIG),
  };
}

/** Share `export` on the seeded stores, as the spec has it but with `quota` bytes. */
function seedSpecShare(quota: number) {
  const { meta, local, remote } = seedStores();
  fake.addShare({
    name: '/export',
    metadata_store_id: meta.id,
    local_block_store_id: local.id,
    remote_block_store_id: remote.id,
    read_only: false,
    default_permission: 'read-write',
    quota_bytes: quota,
  });
}

const loggedIn = () => `logged in to ${fake.url} as admin`;
const SMB_OFF = 'adapter smb: updated enabled true -> false, port 1445 -> 12445';
function archive() {
  const store = fake.data.blockStores.find((candidate) => candidate.name === 'archive');
  if (store === undefined) throw new Error('seedStores() makes store archive');
  return store;
}

const writes = () => fake.writes.map(({ method, path, body }) => ({ method, path, body }));

describe('a share that differs', () => {
  it('is updated with the update keys, store UUIDs, and enabled', async () => {
    const { meta, remote } = seedStores();
    const other = fake.addBlockStore('local', 'other', 'fs', { path: '/data/store/block/other' });
    fake.addShare({
      name: '/export',
      metadata_store_id: meta.id,
      local_block_store_id: other.id,
      remote_block_store_id: null,
      read_only: true,
      default_permission: 'none',
      enabled: false,
    });

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.stdout).toEqual([
      loggedIn(),
      'metadata store default: unchanged',
      'local store default: unchanged',
      'left alone: local store other (not in the spec)',
      'remote store archive: unchanged',
      'share export: updated read_only true -> false, default_permission none -> read-write, ' +
        'quota none -> 100.00GiB, local store other -> default, remote store (none) -> archive',
      'share export: enabled',
      'adapter nfs: unchanged',
      SMB_OFF,
      'done: 3 changes',
    ]);
    expect(writes().slice(0, 2)).toEqual([
      {
        method: 'PUT',
        path: '/api/v1/shares/export',
        body: {
          read_only: false,
          default_permission: 'read-write',
          quota_bytes: String(QUOTA),
          local_block_store_id: fakeId(4),
          remote_block_store_id: remote.id,
        },
      },
      { method: 'POST', path: '/api/v1/shares/export/enable', body: undefined },
    ]);
    expect(fake.state().shares).toEqual([
      {
        id: fakeId(7),
        name: '/export',
        metadata_store_id: meta.id,
        local_block_store_id: fakeId(4),
        remote_block_store_id: remote.id,
        read_only: false,
        enabled: true,
        default_permission: 'read-write',
        quota_bytes: QUOTA,
      },
    ]);
  });

  it('loses its quota and remote tier when the spec has neither', async () => {
    seedSpecShare(QUOTA);
    const spec = desired();
    spec.shares = spec.shares.map(({ remoteStore: _r, quotaBytes: _q, ...share }) => share);

    const result = await runAgainst(fake.url, spec, ENV);

    expect(result.stdout).toEqual([
      loggedIn(),
      'metadata store default: unchanged',
      'local store default: unchanged',
      'remote store archive: unchanged',
      'share export: updated quota 100.00GiB -> none, remote store archive -> (none)',
      'adapter nfs: unchanged',
      SMB_OFF,
      'done: 2 changes',
    ]);
    expect(writes()[0]).toEqual({
      method: 'PUT',
      path: '/api/v1/shares/export',
      body: { quota_bytes: '0', remote_block_store_id: '' },
    });
    expect(fake.state().shares[0]?.remote_block_store_id).toBe(null);
  });

  it('is left as is when its quota shows the same as the spec (DittoFS rounds to 0.01 GiB)', async () => {
    seedSpecShare(QUOTA + 1);

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.stdout[4]).toBe('share export: unchanged');
    expect(writes().map((w) => w.path)).toEqual(['/api/v1/adapters/smb']);
  });
});

describe('what DittoFS cannot change in place', () => {
  it('stops before any write, naming every conflict and what to do', async () => {
    fake.addMetadataStore('default', 'memory', {});
    fake.addBlockStore('local', 'default', 'fs', { path: '/srv/blocks' });
    const pg = fake.addMetadataStore('pg', 'badger', { path: '/data/store/metadata/pg' });
    fake.addShare({
      name: '/export',
      metadata_store_id: pg.id,
      local_block_store_id: fakeId(4),
      remote_block_store_id: null,
      read_only: false,
      default_permission: 'read-write',
    });

    const result = await runAgainst(fake.url, desired(), ENV);

    const reason =
      'metadata store default is of type memory on the server, badger in the spec (DittoFS ' +
      "cannot change a store's type in place: give the store a new name); local store default: " +
      'path is "/srv/blocks" on the server, "/data/store/block/default" in the spec (DittoFS ' +
      "does not apply a store's config in place safely: give the store a new name); share " +
      'export uses metadata store pg on the server, default in the spec (DittoFS cannot move ' +
      'a share to another metadata store: give the share a new name)';
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([reason]);
    expect(result.files.get(TERMINATION_LOG)).toBe(`${reason}\n`);
    expect(fake.writes).toEqual([]);
  });
});

describe('store credentials', () => {
  it('sends a changed S3 access key with its secret, and only then', async () => {
    const { meta, local } = seedStores();
    archive().config = JSON.stringify({
      ...ARCHIVE_CONFIG,
      access_key_id: 'AKIAOLD',
    });
    fake.addShare({
      name: '/export',
      metadata_store_id: meta.id,
      local_block_store_id: local.id,
      remote_block_store_id: fakeId(5),
      read_only: false,
      default_permission: 'read-write',
      quota_bytes: QUOTA,
    });

    const first = await runAgainst(fake.url, desired(), ENV);
    archive().config = JSON.stringify({
      ...ARCHIVE_CONFIG,
      secret_access_key: 'x',
    });
    const second = await runAgainst(fake.url, desired(), ENV);

    expect(first.stdout[3]).toBe(
      'remote store archive: updated its S3 keys (the access key id changed)',
    );
    expect(second.stdout[3]).toBe('remote store archive: unchanged');
    expect(writes().filter((w) => w.path.startsWith('/api/v1/store'))).toEqual([
      {
        method: 'PUT',
        path: '/api/v1/store/block/remote/archive',
        body: { config: JSON.stringify(ARCHIVE_CONFIG) },
      },
    ]);
    expect(fake.state().remoteStores[0]?.config).toEqual({
      ...ARCHIVE_CONFIG,
      secret_access_key: 'x',
    });
  });

  it('gives a postgres store the env settings, the port as a JSON number', async () => {
    const spec = desired();
    spec.stores.metadata = [{ name: 'pg', type: 'postgres' }];
    spec.shares = spec.shares.map((share) => ({ ...share, metadataStore: 'pg' }));
    const env = { ...ENV, ...PG_ENV };

    const first = await runAgainst(fake.url, spec, env);
    const second = await runAgainst(fake.url, spec, env);

    expect(first.stdout[1]).toBe('metadata store pg: created (postgres)');
    expect(fake.state().metadataStores).toEqual([
      {
        id: fakeId(3),
        name: 'pg',
        type: 'postgres',
        config: {
          host: 'files-postgres-pgbouncer.team-a.svc',
          port: 5432,
          database: 'dittofs',
          user: 'dittofs',
          password: PG_PASSWORD,
          sslmode: 'require',
        },
      },
    ]);
    expect(second.stdout.at(-1)).toBe('done: no changes');
  });
});

describe('adapters', () => {
  it('creates a missing adapter, and stops the listener a disabled one starts with', async () => {
    fake.data.adapters.splice(1, 1);

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.stdout.slice(-2)).toEqual([
      'adapter smb: created (disabled, port 12445)',
      'done: 5 changes',
    ]);
    expect(writes().slice(-2)).toEqual([
      {
        method: 'POST',
        path: '/api/v1/adapters',
        body: { type: 'smb', enabled: false, port: 12445 },
      },
      { method: 'PUT', path: '/api/v1/adapters/smb', body: { enabled: false } },
    ]);
    expect(fake.state().adapters[1]).toEqual({
      type: 'smb',
      enabled: false,
      port: 12445,
      listening: false,
      starts: 1,
    });
  });
});
