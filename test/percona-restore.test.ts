/**
 * A restore of the control-plane database played through reconciles (api.md §8): asked
 * for on a configured server, running (the server held at 0 replicas, phase Restoring),
 * succeeded (the server back, configured again by a new Job against the restored
 * database, and only then Running), then a second restore under a new name that fails.
 * Each step asserts readiness, status, conditions and results here, and the whole response
 * as a reviewed golden file.
 */
import { Ready } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import type { World } from './fixtures/observed.js';
import { BACKUP_SPEC, type JsonObject } from './fixtures/xr.js';
import { validateComposedObject } from './support/composed-object.js';
import {
  applied,
  applying,
  BACKUP_READY,
  DATABASE_READY,
  databaseNotReady,
  servedConditions,
  status,
  warning,
} from './support/expected.js';
import { percona } from './support/lifecycle-story.js';
import {
  AT_ZERO,
  BACKUPS,
  CONFIGURED,
  held,
  matchesGolden,
  READY,
  released,
  SERVED,
  SERVING_STATUS,
} from './support/percona-story.js';
import { desiredObjects, readiness } from './support/request.js';
import { at, play, type Story } from './support/story.js';

const T = Ready.READY_TRUE;
const F = Ready.READY_FALSE;
const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };
const PITR = { name: 'before-import', type: 'time', target: '2026-11-20T08:30:00+01:00' };
const RESTORE = { percona: { enabled: true, backup: BACKUP_SPEC, restore: PITR } };
const AGAIN = { percona: { enabled: true, backup: BACKUP_SPEC, restore: { name: 'second' } } };

/**
 * The configure hash follows the Deployment's generation: 1 as created, 2 held at 0 for
 * the restore, 3 back at 1 replica, 4 held again for the second restore.
 */
const HASH = { 1: '0844943269', 2: '8eeb1fa095', 3: '7b75743339', 4: '092d80b160' };
const FIRST_JOB = `configure-${HASH[1]}`;
const AFTER_JOB = `configure-${HASH[3]}`;

/** Crunchy has taken the instances down for the in-place restore. */
const RESTORING: World = {
  ...CONFIGURED,
  percona: { state: 'initializing', backup: 'ready' },
  deploymentGeneration: 2,
};
const BACK: World = { ...CONFIGURED, deploymentGeneration: 3, restore: 'Succeeded' };

const STORY: Story = [
  ['created', { spec: SPEC, backups: BACKUPS }],
  ['percona ready', { spec: SPEC, world: READY, backups: BACKUPS }],
  ['available', { spec: SPEC, world: READY, backups: BACKUPS }],
  ['running', { spec: SPEC, world: CONFIGURED, backups: BACKUPS }],
  ['restore asked', { spec: RESTORE, world: CONFIGURED, backups: BACKUPS }],
  [
    'restore-running',
    { spec: RESTORE, world: { ...RESTORING, restore: 'Running' }, backups: BACKUPS },
  ],
  [
    'restore-succeeded',
    {
      spec: RESTORE,
      world: { ...CONFIGURED, deploymentGeneration: 2, restore: 'Succeeded' },
      backups: BACKUPS,
    },
  ],
  ['restore-reconfiguring', { spec: RESTORE, world: BACK, backups: BACKUPS }],
  ['reconfigured', { spec: RESTORE, world: BACK, backups: BACKUPS }],
  ['second asked', { spec: AGAIN, world: BACK, backups: BACKUPS }],
  [
    'restore-failed',
    {
      spec: AGAIN,
      world: {
        ...CONFIGURED,
        deploymentGeneration: 4,
        restores: { 'restore-before-import': 'Succeeded' },
        restore: 'Failed',
      },
      backups: BACKUPS,
    },
  ],
];

const responses = play(STORY);
const step = (name: string) => at(responses, name);

/** Available and Configured while restore `name` runs. */
const restoring = (name: string) =>
  held('Restoring', `PerconaPGRestore demo-postgres-restore-${name}`);

describe('a restore of the control-plane database', () => {
  it('asked for: composed from repo1 with the target in UTC, the server held at 0', () => {
    const rsp = step('restore asked');
    const desired = desiredObjects(rsp);
    expect(desired['restore-before-import']).toEqual({
      apiVersion: 'pgv2.percona.com/v2',
      kind: 'PerconaPGRestore',
      metadata: {
        name: 'demo-postgres-restore-before-import',
        namespace: 'team-a',
        labels: {
          'app.kubernetes.io/name': 'dittofs',
          'app.kubernetes.io/instance': 'demo',
          'app.kubernetes.io/managed-by': 'function-dittoserver',
          'app.kubernetes.io/component': 'database',
        },
      },
      spec: {
        pgCluster: 'demo-postgres',
        repoName: 'repo1',
        options: ['--type=time', '--target="2026-11-20 07:30:00+00"'],
      },
    });
    expect(validateComposedObject(desired['restore-before-import'] as JsonObject)).toEqual([]);
    expect((desired.deployment?.spec as JsonObject).replicas).toBe(0);
    expect(desired.postgres).toEqual(desiredObjects(step('running')).postgres);
    // The completed Job is kept as observed; no new one while the server is held.
    expect(desired[FIRST_JOB]).toEqual(desiredObjects(step('running'))[FIRST_JOB]);
    expect(readiness(rsp)).toEqual({ ...SERVED, [FIRST_JOB]: T, 'restore-before-import': F });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        phase: 'Restoring',
        configuration: { applied: false, hash: HASH[1] },
        restore: { name: 'before-import', state: '' },
      }),
    );
    expect(rsp.conditions).toEqual([DATABASE_READY, BACKUP_READY, ...restoring('before-import')]);
    expect(rsp.results).toEqual([]);
  });

  it('running: nothing the operator wrote onto the cluster is composed back', async () => {
    const rsp = step('restore-running');
    const desired = desiredObjects(rsp);
    expect(desired.postgres).toEqual(desiredObjects(step('running')).postgres);
    expect(desired['restore-before-import']).toEqual(
      desiredObjects(step('restore asked'))['restore-before-import'],
    );
    expect(readiness(rsp)).toEqual({
      ...SERVED,
      postgres: F,
      [FIRST_JOB]: T,
      'restore-before-import': F,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        phase: 'Restoring',
        ...AT_ZERO,
        database: percona('initializing', false),
        configuration: { applied: false, hash: HASH[2] },
        restore: { name: 'before-import', state: 'Running' },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseNotReady('is initializing'),
      BACKUP_READY,
      ...restoring('before-import'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'restore-running');
  });

  it('succeeded: kept as the record of its name, the server comes back', async () => {
    const rsp = step('restore-succeeded');
    const desired = desiredObjects(rsp);
    expect(desired.deployment).toEqual(desiredObjects(step('running')).deployment);
    expect(readiness(rsp)).toEqual({ ...SERVED, [FIRST_JOB]: T, 'restore-before-import': T });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        ...AT_ZERO,
        configuration: { applied: false, hash: HASH[2] },
        restore: { name: 'before-import', state: 'Succeeded' },
      }),
    );
    expect(rsp.conditions).toEqual(released());
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'restore-succeeded');
  });

  it('back and available: a new Job configures it against the restored database', async () => {
    const rsp = step('restore-reconfiguring');
    const desired = desiredObjects(rsp);
    // The first Job goes in the response that composes its successor.
    expect(desired[FIRST_JOB]).toBeUndefined();
    expect(readiness(rsp)).toEqual({ ...SERVED, [AFTER_JOB]: F, 'restore-before-import': T });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        configuration: { applied: false, hash: HASH[3] },
        restore: { name: 'before-import', state: 'Succeeded' },
      }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applying(`demo-${AFTER_JOB}`)));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'restore-reconfiguring');
  });

  it('configured again: only now phase Running', () => {
    const rsp = step('reconfigured');
    expect(readiness(rsp)).toEqual({ ...SERVED, [AFTER_JOB]: T, 'restore-before-import': T });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        phase: 'Running',
        configuration: { applied: true, hash: HASH[3] },
        restore: { name: 'before-import', state: 'Succeeded' },
      }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applied(`demo-${AFTER_JOB}`)));
    expect(rsp.results).toEqual([]);
  });

  it('a new name: a new restore, the succeeded one kept; it fails and a human is told', async () => {
    expect(Object.keys(desiredObjects(step('second asked'))).slice(-2)).toEqual([
      'restore-before-import',
      'restore-second',
    ]);
    expect(desiredObjects(step('second asked'))['restore-second']?.spec).toEqual({
      pgCluster: 'demo-postgres',
      repoName: 'repo1',
    });
    const rsp = step('restore-failed');
    expect(readiness(rsp)).toEqual({
      ...SERVED,
      [AFTER_JOB]: T,
      'restore-before-import': T,
      'restore-second': F,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING_STATUS,
        ...AT_ZERO,
        configuration: { applied: false, hash: HASH[4] },
        restore: { name: 'second', state: 'Failed' },
      }),
    );
    expect(rsp.conditions).toEqual(released());
    expect(rsp.results).toEqual([
      warning(
        'RestoreFailed',
        'PerconaPGRestore demo-postgres-restore-second failed: read the logs of Job demo-postgres-pgbackrest-restore and the events of PerconaPGCluster demo-postgres; a restore runs once per name, so give spec.percona.restore a new name to try again, or remove it',
      ),
    ]);
    await matchesGolden(rsp, 'restore-failed');
  });

  it('composes only objects the API server accepts at every step', () => {
    for (const rsp of responses.values()) {
      for (const object of Object.values(desiredObjects(rsp))) {
        expect(validateComposedObject(object)).toEqual([]);
      }
    }
  });
});
