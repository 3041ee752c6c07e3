/**
 * The rules that keep restores and upgrades safe (api.md §8), each played on a running
 * server: a restore runs once per name and is never dropped while it runs; it waits for
 * something to restore from; one operation holds the cluster at a time; the cluster keeps
 * the version it runs until its upgrade succeeded. The server is configured before each
 * story goes on; a hold bumps its Deployment's generation, so once back it is configured
 * again by a new Job (test/percona-restore.test.ts plays that step by step).
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { NIGHT } from '../fixtures/backups.js';
import type { World } from '../fixtures/observed.js';
import { BACKUP_SPEC, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { BACKUP_KEYS, backupKeysWith, warning } from '../support/expected.js';
import { BACKUPS, CONFIGURED, READY } from '../support/percona-story.js';
import { desiredObjects } from '../support/request.js';
import { at, play, type Reconcile, type Story } from '../support/story.js';

/** Percona reconciling (a restore or an upgrade under way, or a change). */
const BUSY: World = { ...CONFIGURED, percona: { state: 'initializing', backup: 'ready' } };
/** The Deployment's generation: 2 once held at 0 replicas, 3 once back at 1. */
const HELD = { deploymentGeneration: 2 } as const;
const BACK = { deploymentGeneration: 3 } as const;
/** The configure Job of the Deployment as created (generation 1), and once back (3). */
const FIRST_JOB = 'configure-0844943269';
const AFTER_JOB = 'configure-7b75743339';
const percona = (extra: Overrides = {}) => ({
  percona: { enabled: true, backup: BACKUP_SPEC, ...extra },
});
const SPEC = percona();
const LATEST = percona({ restore: { name: 'latest-one' } });

/** A server running with SPEC and configured, then the steps given. */
function story(...steps: (readonly [string, Reconcile])[]) {
  const start: Story = [
    ['created', { spec: SPEC, backups: BACKUPS }],
    ['percona ready', { spec: SPEC, world: READY, backups: BACKUPS }],
    ['available', { spec: SPEC, world: READY, backups: BACKUPS }],
    ['running', { spec: SPEC, world: CONFIGURED, backups: BACKUPS }],
  ];
  return play([...start, ...steps]);
}

const keys = (rsp: RunFunctionResponse) => Object.keys(desiredObjects(rsp));
/** What a running server with backups composes, its configure Job `job`, then these keys. */
const served = (job: string, ...more: string[]) => [...backupKeysWith(job), ...more];
const status = (rsp: RunFunctionResponse) =>
  rsp.desired?.composite?.resource?.status as { phase: string; restore?: unknown };
const last = (responses: ReadonlyMap<string, RunFunctionResponse>) =>
  [...responses.values()].at(-1) as RunFunctionResponse;

describe('a restore waits until it can do its job', () => {
  it('on a server whose cluster does not exist yet', () => {
    const rsp = at(play([['created', { spec: LATEST, backups: BACKUPS }]]), 'created');
    expect(keys(rsp)).toEqual(BACKUP_KEYS.filter((key) => key !== 'deployment'));
    expect(status(rsp).restore).toEqual({ name: 'latest-one', state: '' });
    expect(rsp.results).toEqual([]);
  });

  it('until a backup has succeeded', () => {
    const rsp = last(
      story(['asked', { spec: LATEST, world: CONFIGURED, backups: [NIGHT.failed] }]),
    );
    expect(keys(rsp)).toEqual(served(FIRST_JOB));
    expect(rsp.results).toEqual([
      warning(
        'RestoreWaiting',
        'spec.percona.restore latest-one waits: no backup of PerconaPGCluster demo-postgres has succeeded yet (PerconaPGBackups labelled dittofs.io/server=demo), so there is nothing to restore from; it starts once one has',
      ),
    ]);
  });

  it('until its target is restorable', () => {
    const late = percona({
      restore: { name: 'pitr', type: 'time', target: '2026-11-20T10:00:00+01:00' },
    });
    const rsp = last(story(['asked', { spec: late, world: CONFIGURED, backups: BACKUPS }]));
    expect(keys(rsp)).toEqual(served(FIRST_JOB));
    expect(rsp.results).toEqual([
      warning(
        'RestoreWaiting',
        'spec.percona.restore pitr waits: its target 2026-11-20T10:00:00+01:00 is after the latest restorable time 2026-11-20T08:59:12.654321Z of PerconaPGCluster demo-postgres, and PostgreSQL would refuse to start short of it; it starts once the target is restorable (type latest restores everything there is)',
      ),
    ]);
  });

  it('while an upgrade runs, and an upgrade waits while a restore runs', () => {
    const raised = percona({ postgresVersion: 18 });
    const upgrading = story(
      ['raised', { spec: raised, world: CONFIGURED, backups: BACKUPS }],
      [
        'restore asked',
        {
          spec: { ...raised, ...percona({ postgresVersion: 18, restore: { name: 'x' } }) },
          world: { ...BUSY, ...HELD, upgrade: 'running' },
          backups: BACKUPS,
        },
      ],
    );
    expect(keys(at(upgrading, 'restore asked'))).toEqual(served(FIRST_JOB, 'upgrade'));
    expect(status(at(upgrading, 'restore asked')).phase).toBe('Upgrading');
    const restoring = story(
      ['restore asked', { spec: LATEST, world: CONFIGURED, backups: BACKUPS }],
      [
        'raised',
        {
          spec: percona({ postgresVersion: 18, restore: { name: 'latest-one' } }),
          world: { ...BUSY, ...HELD, restore: 'Running' },
          backups: BACKUPS,
        },
      ],
    );
    const rsp = at(restoring, 'raised');
    expect(keys(rsp)).toEqual(served(FIRST_JOB, 'restore-latest-one'));
    expect((desiredObjects(rsp).postgres?.spec as JsonObject).postgresVersion).toBe(17);
    expect(status(rsp).phase).toBe('Restoring');
  });
});

describe('a restore runs once per name', () => {
  it('is never created again once it finished, even deleted by hand', () => {
    const back: World = { ...CONFIGURED, ...BACK };
    const responses = story(
      ['asked', { spec: LATEST, world: CONFIGURED, backups: BACKUPS }],
      [
        'succeeded',
        { spec: LATEST, world: { ...CONFIGURED, ...HELD, restore: 'Succeeded' }, backups: BACKUPS },
      ],
      ['deleted', { spec: LATEST, world: back, backups: BACKUPS, lost: ['restore-latest-one'] }],
      ['configured again', { spec: LATEST, world: back, backups: BACKUPS }],
    );
    // Back at 1 replica: configured again by a new Job, and no restore composed.
    expect(keys(at(responses, 'deleted'))).toEqual(served(AFTER_JOB));
    expect(status(at(responses, 'deleted')).phase).toBe('Pending');
    const rsp = at(responses, 'configured again');
    expect(keys(rsp)).toEqual(served(AFTER_JOB));
    expect(status(rsp).phase).toBe('Running');
    expect(status(rsp).restore).toEqual({ name: 'latest-one', state: 'Succeeded' });
  });

  it('keeps its options when the spec changes them under the same name', () => {
    const changed = percona({
      restore: { name: 'latest-one', type: 'time', target: '2026-11-20T01:00:00Z' },
    });
    const responses = story(
      ['asked', { spec: LATEST, world: CONFIGURED, backups: BACKUPS }],
      ['changed', { spec: changed, world: { ...BUSY, restore: 'Running' }, backups: BACKUPS }],
    );
    const rsp = at(responses, 'changed');
    expect(desiredObjects(at(responses, 'asked'))['restore-latest-one']?.spec).toEqual({
      pgCluster: 'demo-postgres',
      repoName: 'repo1',
    });
    expect(desiredObjects(rsp)['restore-latest-one']).toEqual(
      desiredObjects(at(responses, 'asked'))['restore-latest-one'],
    );
    expect(rsp.results).toEqual([
      warning(
        'RestoreChangeIgnored',
        'spec.percona.restore latest-one differs from PerconaPGRestore demo-postgres-restore-latest-one, which exists with options (none); a restore runs once per name, so it is kept as it is: give the restore a new name to restore again',
      ),
    ]);
  });

  it('is never dropped while it runs, and kept once it succeeded, whatever the spec says', () => {
    const responses = story(
      ['asked', { spec: LATEST, world: CONFIGURED, backups: BACKUPS }],
      [
        'removed while running',
        { spec: SPEC, world: { ...BUSY, ...HELD, restore: 'Running' }, backups: BACKUPS },
      ],
      [
        'removed, succeeded',
        { spec: SPEC, world: { ...CONFIGURED, ...HELD, restore: 'Succeeded' }, backups: BACKUPS },
      ],
    );
    const running = at(responses, 'removed while running');
    expect(keys(running)).toEqual(served(FIRST_JOB, 'restore-latest-one'));
    expect(status(running).phase).toBe('Restoring');
    expect(status(running).restore).toBeUndefined();
    expect(keys(at(responses, 'removed, succeeded'))).toEqual(
      served(FIRST_JOB, 'restore-latest-one'),
    );
  });

  it('goes once failed and no longer named: a later one of that name is a retry', () => {
    const responses = story(
      ['asked', { spec: LATEST, world: CONFIGURED, backups: BACKUPS }],
      [
        'failed',
        { spec: LATEST, world: { ...CONFIGURED, ...HELD, restore: 'Failed' }, backups: BACKUPS },
      ],
      [
        'removed',
        { spec: SPEC, world: { ...CONFIGURED, ...BACK, restore: 'Failed' }, backups: BACKUPS },
      ],
    );
    expect(keys(at(responses, 'failed'))).toEqual(served(FIRST_JOB, 'restore-latest-one'));
    expect(keys(at(responses, 'removed'))).toEqual(served(AFTER_JOB));
  });
});

describe('an upgrade', () => {
  it('waits for a ready cluster; the cluster keeps the version it runs', () => {
    const rsp = last(
      story(['raised', { spec: percona({ postgresVersion: 18 }), world: BUSY, backups: BACKUPS }]),
    );
    expect(keys(rsp)).toEqual(served(FIRST_JOB));
    expect((desiredObjects(rsp).postgres?.spec as JsonObject).postgresVersion).toBe(17);
    expect(status(rsp).phase).toBe('Running');
  });

  it('that runs is kept when the version is set back, and holds the server', () => {
    const responses = story(
      ['raised', { spec: percona({ postgresVersion: 18 }), world: CONFIGURED, backups: BACKUPS }],
      [
        'set back',
        { spec: SPEC, world: { ...BUSY, ...HELD, upgrade: 'running' }, backups: BACKUPS },
      ],
    );
    const rsp = at(responses, 'set back');
    expect(keys(rsp)).toEqual(served(FIRST_JOB, 'upgrade'));
    expect(desiredObjects(rsp).upgrade).toEqual(desiredObjects(at(responses, 'raised')).upgrade);
    expect(status(rsp).phase).toBe('Upgrading');
  });

  it('that succeeded composes its version even before the cluster shows it', () => {
    const raised = percona({ postgresVersion: 18 });
    const responses = story(
      ['raised', { spec: raised, world: CONFIGURED, backups: BACKUPS }],
      // The operator's write of 18 not observed yet: the upgrade is, the cluster is not.
      [
        'succeeded',
        {
          spec: raised,
          world: { ...CONFIGURED, upgrade: 'succeeded', clusterBehind: true },
          backups: BACKUPS,
        },
      ],
    );
    const spec = desiredObjects(at(responses, 'succeeded')).postgres?.spec as JsonObject;
    expect([spec.postgresVersion, spec.image]).toEqual([
      18,
      'docker.io/percona/percona-distribution-postgresql:18.1-3',
    ]);
  });
});
