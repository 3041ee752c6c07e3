/**
 * Backup health (api.md §8): the server's PerconaPGBackups, fetched by the label its
 * cluster carries, fill `status.backup` and decide BackupReady. Played on a running server
 * (configured, phase Running) as the nightly backups come in; whole responses are reviewed
 * golden files.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import type { DittoServerStatus } from '../src/api/status.js';
import { NIGHT } from './fixtures/backups.js';
import { BACKUP_SPEC } from './fixtures/xr.js';
import {
  applied,
  AVAILABLE,
  BACKUP_READY,
  BACKUPS_REQUIREMENT,
  condition,
  DATABASE_READY,
  servedConditions,
  status,
} from './support/expected.js';
import {
  BACKUP_STATUS,
  CONFIGURED,
  matchesGolden,
  READY,
  SERVING_STATUS,
} from './support/percona-story.js';
import { backup } from './support/lifecycle-story.js';
import { desiredObjects } from './support/request.js';
import { at, play } from './support/story.js';

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };

const responses = play([
  ['created', { spec: SPEC }],
  ['percona ready', { spec: SPEC, world: READY }],
  // The server available: its configure Job is created, and completes by the next step.
  ['no backup yet', { spec: SPEC, world: READY }],
  ['backup-succeeded', { spec: SPEC, world: CONFIGURED, backups: [NIGHT.full, NIGHT.incr] }],
  [
    'backup-failed',
    {
      spec: SPEC,
      world: CONFIGURED,
      backups: [NIGHT.full, NIGHT.incr, NIGHT.failed, NIGHT.running],
    },
  ],
]);

const JOB = 'demo-configure-0844943269';
/** The whole status of the configured server, its `backup` as given. */
const configured = (backup: DittoServerStatus['backup']) =>
  status({
    ...SERVING_STATUS,
    phase: 'Running',
    backup,
    configuration: { applied: true, hash: '0844943269' },
  });

const backupStatus = (rsp: RunFunctionResponse) =>
  (rsp.desired?.composite?.resource?.status as { backup: unknown }).backup;
const BASE = backup(true);

describe('backup health', () => {
  it('asks Crossplane for the PerconaPGBackups labelled with the server, on every call', () => {
    for (const rsp of responses.values()) {
      expect(rsp.requirements?.resources.backups).toEqual(BACKUPS_REQUIREMENT);
    }
    const cluster = desiredObjects(at(responses, 'no backup yet')).postgres as {
      spec: { metadata: unknown };
    };
    expect(cluster.spec.metadata).toEqual({ labels: { 'dittofs.io/server': 'demo' } });
  });

  it('no backup yet: nothing to report beyond the repository', () => {
    const rsp = at(responses, 'no backup yet');
    expect(backupStatus(rsp)).toEqual(BASE);
    expect(rsp.conditions[1]).toEqual(BACKUP_READY);
  });

  it('succeeded: the newest successful backup and the latest restorable time', async () => {
    const rsp = at(responses, 'backup-succeeded');
    expect(backupStatus(rsp)).toEqual({
      ...BASE,
      lastSuccessful: {
        name: 'demo-postgres-repo1-incr-q9t4w',
        completedAt: '2026-11-20T03:00:52Z',
        type: 'incr',
      },
      latestRestorableTime: '2026-11-20T08:59:12.654321Z',
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(configured(BACKUP_STATUS));
    expect(rsp.conditions).toEqual(servedConditions(applied(JOB)));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'backup-succeeded');
  });

  it('failed: BackupReady is False, reason LastBackupFailed, while the next one runs', async () => {
    const rsp = at(responses, 'backup-failed');
    const failed = {
      ...BASE,
      ready: false,
      lastSuccessful: {
        name: 'demo-postgres-repo1-incr-q9t4w',
        completedAt: '2026-11-20T03:00:52Z',
        type: 'incr',
      },
      lastFailed: { name: 'demo-postgres-repo1-incr-b3x8z', at: '2026-11-20T04:00:00Z' },
      latestRestorableTime: '2026-11-20T08:59:12.654321Z',
    };
    expect(backupStatus(rsp)).toEqual(failed);
    expect(rsp.desired?.composite?.resource?.status).toEqual(configured(failed));
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      condition(
        'BackupReady',
        'False',
        'LastBackupFailed',
        'The newest backup, PerconaPGBackup demo-postgres-repo1-incr-b3x8z, failed; the newest that succeeded is demo-postgres-repo1-incr-q9t4w',
      ),
      AVAILABLE,
      applied(JOB),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'backup-failed');
  });
});
