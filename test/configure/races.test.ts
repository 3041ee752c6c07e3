/**
 * Things that appear between the program's listing and its POST (another client, a retried
 * POST that had landed): DittoFS answers 409, and the program compares like for any existing
 * thing. Also what DittoFS says back that the program passes on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../support/fake-dittofs-http.js';
import { fakeId } from '../support/fake-dittofs-state.js';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { ARCHIVE_CONFIG, desired, ENV, QUOTA } from './fixtures.js';
import { runAgainst, TERMINATION_LOG } from './harness.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

const loggedIn = () => `logged in to ${fake.url} as admin`;

describe('a 409 Conflict on create', () => {
  it('reads an equal store back and carries on', async () => {
    fake.beforeNext('POST', '/api/v1/store/block/remote', () => {
      fake.addBlockStore('remote', 'archive', 's3', ARCHIVE_CONFIG);
    });

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(run.stdout.slice(0, 5)).toEqual([
      loggedIn(),
      'metadata store default: created (badger)',
      'local store default: created (fs)',
      'remote store archive: unchanged',
      'share export: created',
    ]);
    expect(fake.requests.slice(-4)).toEqual([
      'POST /api/v1/store/block/remote 409',
      'GET /api/v1/store/block/remote/archive 200',
      'POST /api/v1/shares 201',
      'PUT /api/v1/adapters/smb 200',
    ]);
    expect(fake.state().shares[0]?.remote_block_store_id).toBe(fakeId(5));
  });

  it('stops when the store that appeared is not the spec', async () => {
    fake.beforeNext('POST', '/api/v1/store/metadata', () => {
      fake.addMetadataStore('default', 'memory', {});
    });

    const run = await runAgainst(fake.url, desired(), ENV);

    const reason =
      'metadata store default is of type memory on the server, badger in the spec (DittoFS ' +
      "cannot change a store's type in place: give the store a new name)";
    expect([run.code, run.stderr, run.files.get(TERMINATION_LOG)]).toEqual([
      1,
      [reason],
      `${reason}\n`,
    ]);
  });

  it('updates and enables a share that appeared different', async () => {
    fake.beforeNext('POST', '/api/v1/shares', () => {
      fake.addShare({
        name: '/export',
        metadata_store_id: fakeId(3),
        local_block_store_id: fakeId(4),
        remote_block_store_id: fakeId(5),
        read_only: true,
        default_permission: 'read-write',
        quota_bytes: QUOTA,
        enabled: false,
      });
    });

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(run.stdout.slice(4, 6)).toEqual([
      'share export: updated read_only true -> false',
      'share export: enabled',
    ]);
    expect(fake.requests.slice(-6, -1)).toEqual([
      'POST /api/v1/store/block/remote 201',
      'POST /api/v1/shares 409',
      'GET /api/v1/shares/export 200',
      'PUT /api/v1/shares/export 200',
      'POST /api/v1/shares/export/enable 200',
    ]);
    expect(fake.state().shares.map(({ read_only, enabled }) => ({ read_only, enabled }))).toEqual([
      { read_only: false, enabled: true },
    ]);
  });

  it('compares an adapter that came back meanwhile', async () => {
    const [smb] = fake.data.adapters.splice(1, 1);
    fake.beforeNext('POST', '/api/v1/adapters', () => {
      if (smb) fake.data.adapters.push(smb);
    });

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(run.stdout.slice(-2)).toEqual([
      'adapter smb: updated enabled true -> false, port 1445 -> 12445',
      'done: 5 changes',
    ]);
    expect(fake.requests.slice(-3)).toEqual([
      'POST /api/v1/adapters 409',
      'GET /api/v1/adapters/smb 200',
      'PUT /api/v1/adapters/smb 200',
    ]);
  });
});

describe('what DittoFS says back', () => {
  it('passes on the warning of a block-store rebind it could not apply live', async () => {
    const meta = fake.addMetadataStore('default', 'badger', {
      path: '/data/store/metadata/default',
    });
    const local = fake.addBlockStore('local', 'default', 'fs', {
      path: '/data/store/block/default',
    });
    fake.addBlockStore('remote', 'archive', 's3', ARCHIVE_CONFIG);
    fake.addShare({
      name: '/export',
      metadata_store_id: meta.id,
      local_block_store_id: local.id,
      remote_block_store_id: null,
      read_only: false,
      default_permission: 'read-write',
      quota_bytes: QUOTA,
    });
    const warning =
      'block store binding changed but live reload failed; a server restart is required for ' +
      'the change to take effect';
    fake.answerOnce(
      'PUT',
      '/api/v1/shares/export',
      json(200, { ...shareAnswer(meta.id, local.id), warnings: [warning] }),
    );

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(run.stdout.slice(4, 6)).toEqual([
      'share export: updated remote store (none) -> archive',
      `share export: DittoFS warns: ${warning}`,
    ]);
    expect(run.code).toBe(0);
  });
});

function shareAnswer(metadataStore: string, localStore: string) {
  return {
    id: fakeId(6),
    name: '/export',
    metadata_store_id: metadataStore,
    local_block_store_id: localStore,
    remote_block_store_id: fakeId(5),
    read_only: false,
    enabled: true,
    default_permission: 'read-write',
  };
}
