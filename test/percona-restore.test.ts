/**
 * A restore of the control-plane database played through reconciles (api.md §8): asked
 * for on a running server, running (the server held at 0 replicas, phase Restoring),
 * succeeded (the server back), then a second restore under a new name that fails. Each
 * step asserts readiness, status, conditions and results here, and the whole response as
 * a reviewed golden file.
 */
import { Ready, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { NIGHT } from './fixtures/backups.js';
import type { World } from './fixtures/observed.js';
import { BACKUP_SPEC, type JsonObject } from './fixtures/xr.js';
import { validateComposedObject } from './support/composed-object.js';
import { condition, status, warning } from './support/expected.js';
import { desiredObjects, readiness, responseJson } from './support/request.js';
import { at, play, type Story } from './support/story.js';

const T = Ready.READY_TRUE;
const F = Ready.READY_FALSE;
const BACKUPS = [NIGHT.full, NIGHT.incr];
const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };
const PITR = { name: 'before-import', type: 'time', target: '2026-11-20T08:30:00+01:00' };
const RESTORE = { percona: { enabled: true, backup: BACKUP_SPEC, restore: PITR } };
const AGAIN = { percona: { enabled: true, backup: BACKUP_SPEC, restore: { name: 'second' } } };

const READY: World = { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' };
/** Crunchy has taken the instances down for the in-place restore. */
const RESTORING: World = {
  percona: { state: 'initializing', backup: 'ready' },
  deployment: 'available',
  deploymentGeneration: 2,
};
const DONE = { ...READY, deploymentGeneration: 2 };

const STORY: Story = [
  ['created', { spec: SPEC, backups: BACKUPS }],
  ['percona ready', { spec: SPEC, world: READY, backups: BACKUPS }],
  ['running', { spec: SPEC, world: READY, backups: BACKUPS }],
  ['restore asked', { spec: RESTORE, world: READY, backups: BACKUPS }],
  [
    'restore-running',
    { spec: RESTORE, world: { ...RESTORING, restore: 'Running' }, backups: BACKUPS },
  ],
  [
    'restore-succeeded',
    { spec: RESTORE, world: { ...DONE, restore: 'Succeeded' }, backups: BACKUPS },
  ],
  [
    'server back',
    {
      spec: RESTORE,
      world: { ...READY, deploymentGeneration: 3, restore: 'Succeeded' },
      backups: BACKUPS,
    },
  ],
  ['second asked', { spec: AGAIN, world: { ...DONE, restore: 'Succeeded' }, backups: BACKUPS }],
  [
    'restore-failed',
    {
      spec: AGAIN,
      world: { ...DONE, restores: { 'restore-before-import': 'Succeeded' }, restore: 'Failed' },
      backups: BACKUPS,
    },
  ],
];

const responses = play(STORY);
const step = (name: string) => at(responses, name);

async function matchesGolden(rsp: RunFunctionResponse, name: string): Promise<void> {
  await expect(stringify(responseJson(rsp), { lineWidth: 0, version: '1.1' })).toMatchFileSnapshot(
    `golden/percona-lifecycle/${name}.yaml`,
  );
}

const database = (state: string, ready: boolean) => ({
  type: 'postgres' as const,
  clusterName: 'demo-postgres',
  state,
  host: 'demo-postgres-pgbouncer.team-a.svc',
  secretName: 'demo-postgres-pguser-dittofs',
  ready,
});
const backup = {
  enabled: true,
  ready: true,
  stanzaCreated: true,
  repoPath: '/pgbackrest/team-a/demo/repo1',
  lastSuccessful: {
    name: 'demo-postgres-repo1-incr-q9t4w',
    completedAt: '2026-11-20T03:00:52Z',
    type: 'incr',
  },
  latestRestorableTime: '2026-11-20T08:59:12.654321Z',
};
const endpoints = { nfs: '203.0.113.2:12049' };
const databaseReady = condition(
  'DatabaseReady',
  'True',
  'PerconaReady',
  'PerconaPGCluster demo-postgres is ready',
);
const backupReady = condition(
  'BackupReady',
  'True',
  'BackupReady',
  'Percona is ready for backups and the repo1 stanza exists',
);
const SERVED = {
  config: T,
  'pvc-controlplane': T,
  'pvc-metadata': T,
  'pvc-content': T,
  'jwt-secret': T,
  'admin-secret': T,
  'api-service': T,
  'nfs-service': T,
  postgres: T,
  'backup-secret': T,
  deployment: T,
};

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
    expect(readiness(rsp)).toEqual({ ...SERVED, 'restore-before-import': F });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Restoring',
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        database: database('ready', true),
        backup,
        endpoints,
        restore: { name: 'before-import', state: '' },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition(
        'Available',
        'False',
        'Restoring',
        'Deployment demo is held at 0 replicas while PerconaPGRestore demo-postgres-restore-before-import runs',
      ),
    ]);
    expect(rsp.results).toEqual([]);
  });

  it('running: nothing the operator wrote onto the cluster is composed back', async () => {
    const rsp = step('restore-running');
    const desired = desiredObjects(rsp);
    expect(desired.postgres).toEqual(desiredObjects(step('running')).postgres);
    expect(desired['restore-before-import']).toEqual(
      desiredObjects(step('restore asked'))['restore-before-import'],
    );
    expect(readiness(rsp)).toEqual({ ...SERVED, postgres: F, 'restore-before-import': F });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Restoring',
        database: database('initializing', false),
        backup,
        endpoints,
        restore: { name: 'before-import', state: 'Running' },
      }),
    );
    expect(rsp.conditions).toEqual([
      condition(
        'DatabaseReady',
        'False',
        'PerconaNotReady',
        'PerconaPGCluster demo-postgres is initializing',
      ),
      backupReady,
      condition(
        'Available',
        'False',
        'Restoring',
        'Deployment demo is held at 0 replicas while PerconaPGRestore demo-postgres-restore-before-import runs',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'restore-running');
  });

  it('succeeded: kept as the record of its name, the server comes back', async () => {
    const rsp = step('restore-succeeded');
    const desired = desiredObjects(rsp);
    expect(desired.deployment).toEqual(desiredObjects(step('running')).deployment);
    expect(readiness(rsp)).toEqual({ ...SERVED, 'restore-before-import': T });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Pending',
        database: database('ready', true),
        backup,
        endpoints,
        restore: { name: 'before-import', state: 'Succeeded' },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition(
        'Available',
        'False',
        'Unavailable',
        'Deployment demo is still scaled to 0 replicas',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'restore-succeeded');
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      step('restore-succeeded').desired?.composite?.resource?.status,
    );
    expect((step('server back').desired?.composite?.resource?.status as JsonObject).phase).toBe(
      'Running',
    );
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
    expect(readiness(rsp)).toEqual({ ...SERVED, 'restore-before-import': T, 'restore-second': F });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Pending',
        database: database('ready', true),
        backup,
        endpoints,
        restore: { name: 'second', state: 'Failed' },
      }),
    );
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
