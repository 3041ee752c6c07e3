/**
 * A major PostgreSQL upgrade played through reconciles (api.md §8): 16 raised to 17 on a
 * running server composes a PerconaPGUpgrade while the cluster keeps 16 and its image; the
 * server is held at 0 replicas (phase Upgrading) while Percona pauses the cluster and runs
 * pg_upgrade; once it succeeded, 17 is composed and the server comes back. A failed one is
 * kept, with a Warning. Whole responses are reviewed golden files.
 */
import { Ready, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import type { World } from './fixtures/observed.js';
import { BACKUP_SPEC, type JsonObject } from './fixtures/xr.js';
import { validateComposedObject } from './support/composed-object.js';
import {
  applied,
  applying,
  BACKUP_READY,
  backupKeysWith,
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
const PG16 = 'docker.io/percona/percona-distribution-postgresql:16.11-2';
const PG17 = 'docker.io/percona/percona-distribution-postgresql:17.7-2';
const V16 = { percona: { enabled: true, postgresVersion: 16, backup: BACKUP_SPEC } };
const V17 = { percona: { enabled: true, postgresVersion: 17, backup: BACKUP_SPEC } };

/**
 * The configure hash follows the Deployment's generation: 1 as created, 2 held at 0 for
 * the upgrade, 3 back at 1 replica with the new image in its init container.
 */
const HASH = { 1: '0844943269', 2: '8eeb1fa095', 3: '7b75743339' };
const FIRST_JOB = `configure-${HASH[1]}`;
const AFTER_JOB = `configure-${HASH[3]}`;

/** Percona has paused the cluster for pg_upgrade (spec.pause, state paused). */
const PAUSED: World = {
  ...CONFIGURED,
  percona: { state: 'paused', generation: 2, backup: 'ready' },
  deploymentGeneration: 2,
};
/** Percona wrote 17 and its images, and resumed the cluster; the server still at 0. */
const UPGRADED: World = {
  ...CONFIGURED,
  percona: { state: 'ready', generation: 3, backup: 'ready' },
  deploymentGeneration: 2,
  upgrade: 'succeeded',
};
/** The server back at 1 replica, available. */
const BACK: World = { ...UPGRADED, deploymentGeneration: 3 };

const base: Story = [
  ['created', { spec: V16, backups: BACKUPS }],
  ['percona ready', { spec: V16, world: READY, backups: BACKUPS }],
  ['available', { spec: V16, world: READY, backups: BACKUPS }],
  ['running', { spec: V16, world: CONFIGURED, backups: BACKUPS }],
  ['upgrade asked', { spec: V17, world: CONFIGURED, backups: BACKUPS }],
  ['upgrade-running', { spec: V17, world: { ...PAUSED, upgrade: 'running' }, backups: BACKUPS }],
];
const succeeded = play([
  ...base,
  // The upgrade reports success before the cluster's new version reaches the cache.
  [
    'upgrade-succeeded',
    { spec: V17, world: { ...UPGRADED, clusterBehind: true }, backups: BACKUPS },
  ],
  ['upgraded', { spec: V17, world: BACK, backups: BACKUPS }],
  ['reconfigured', { spec: V17, world: BACK, backups: BACKUPS }],
]);
const failed = play([
  ...base,
  ['upgrade-failed', { spec: V17, world: { ...PAUSED, upgrade: 'failed' }, backups: BACKUPS }],
]);

type Cluster = { spec: { postgresVersion: number; image: string } & JsonObject };
const cluster = (rsp: RunFunctionResponse) => desiredObjects(rsp).postgres as unknown as Cluster;
const statusOf = (rsp: RunFunctionResponse): unknown => rsp.desired?.composite?.resource?.status;
const UPGRADING = held('Upgrading', 'PerconaPGUpgrade demo-postgres-upgrade-16-to-17');
const PAUSED_DATABASE = databaseNotReady('is paused');

describe('a major PostgreSQL upgrade', () => {
  it('asked for: a PerconaPGUpgrade with every required field; the cluster keeps 16', () => {
    const rsp = at(succeeded, 'upgrade asked');
    expect(desiredObjects(rsp).upgrade).toEqual({
      apiVersion: 'pgv2.percona.com/v2',
      kind: 'PerconaPGUpgrade',
      metadata: {
        name: 'demo-postgres-upgrade-16-to-17',
        namespace: 'team-a',
        labels: {
          'app.kubernetes.io/name': 'dittofs',
          'app.kubernetes.io/instance': 'demo',
          'app.kubernetes.io/managed-by': 'function-dittoserver',
          'app.kubernetes.io/component': 'database',
        },
      },
      spec: {
        postgresClusterName: 'demo-postgres',
        image: 'docker.io/percona/percona-postgresql-operator:2.8.2-upgrade',
        fromPostgresVersion: 16,
        toPostgresVersion: 17,
        toPostgresImage: PG17,
        toPgBouncerImage: 'docker.io/percona/percona-pgbouncer:1.25.0-1',
        toPgBackRestImage: 'docker.io/percona/percona-pgbackrest:2.57.0-1',
      },
    });
    expect(cluster(rsp)).toEqual(cluster(at(succeeded, 'running')));
    expect(cluster(rsp).spec.image).toBe(PG16);
    expect((desiredObjects(rsp).deployment?.spec as JsonObject).replicas).toBe(0);
    expect(readiness(rsp)).toEqual({ ...SERVED, [FIRST_JOB]: T, upgrade: F });
    expect(statusOf(rsp)).toEqual(
      status({
        ...SERVING_STATUS,
        phase: 'Upgrading',
        configuration: { applied: false, hash: HASH[1] },
      }),
    );
    expect(rsp.conditions).toEqual([DATABASE_READY, BACKUP_READY, ...UPGRADING]);
    expect(rsp.results).toEqual([]);
  });

  it('running: neither pause nor the operator annotation is composed; still 16', async () => {
    const rsp = at(succeeded, 'upgrade-running');
    expect(cluster(rsp)).toEqual(cluster(at(succeeded, 'running')));
    expect(desiredObjects(rsp).upgrade).toEqual(
      desiredObjects(at(succeeded, 'upgrade asked')).upgrade,
    );
    expect(readiness(rsp)).toEqual({ ...SERVED, postgres: F, [FIRST_JOB]: T, upgrade: F });
    expect(statusOf(rsp)).toEqual(
      status({
        ...SERVING_STATUS,
        ...AT_ZERO,
        phase: 'Upgrading',
        database: percona('paused', false),
        configuration: { applied: false, hash: HASH[2] },
      }),
    );
    expect(rsp.conditions).toEqual([PAUSED_DATABASE, BACKUP_READY, ...UPGRADING]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'upgrade-running');
  });

  it('succeeded: 17 and its image are composed, the server comes back', async () => {
    const rsp = at(succeeded, 'upgrade-succeeded');
    expect(cluster(rsp)).toEqual({
      ...cluster(at(succeeded, 'running')),
      spec: { ...cluster(at(succeeded, 'running')).spec, postgresVersion: 17, image: PG17 },
    });
    // Back at 1 replica; its wait-for-postgres init container now runs the 17 image.
    const before = JSON.stringify(desiredObjects(at(succeeded, 'running')).deployment);
    expect(desiredObjects(rsp).deployment).toEqual(JSON.parse(before.replaceAll(PG16, PG17)));
    expect(readiness(rsp)).toEqual({ ...SERVED, [FIRST_JOB]: T, upgrade: T });
    expect(statusOf(rsp)).toEqual(
      status({
        ...SERVING_STATUS,
        ...AT_ZERO,
        configuration: { applied: false, hash: HASH[2] },
      }),
    );
    expect(rsp.conditions).toEqual(released());
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'upgrade-succeeded');
  });

  it('done once the cluster shows 17: the upgrade goes, so Percona cannot write its images back', () => {
    const rsp = at(succeeded, 'upgraded');
    expect(Object.keys(desiredObjects(rsp))).toEqual(backupKeysWith(AFTER_JOB));
    expect(cluster(rsp)).toEqual(cluster(at(succeeded, 'upgrade-succeeded')));
  });

  it('back and available: a new Job configures it on 17, and only then phase Running', async () => {
    const rsp = at(succeeded, 'upgraded');
    expect(readiness(rsp)).toEqual({ ...SERVED, [AFTER_JOB]: F });
    expect(statusOf(rsp)).toEqual(
      status({ ...SERVING_STATUS, configuration: { applied: false, hash: HASH[3] } }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applying(`demo-${AFTER_JOB}`)));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'upgrade-reconfiguring');
    const done = at(succeeded, 'reconfigured');
    expect(readiness(done)).toEqual({ ...SERVED, [AFTER_JOB]: T });
    expect(statusOf(done)).toEqual(
      status({
        ...SERVING_STATUS,
        phase: 'Running',
        configuration: { applied: true, hash: HASH[3] },
      }),
    );
    expect(done.conditions).toEqual(servedConditions(applied(`demo-${AFTER_JOB}`)));
    expect(done.results).toEqual([]);
  });

  it('failed: kept as it is, the cluster stays on 16, the server is released, a human is told', () => {
    const rsp = at(failed, 'upgrade-failed');
    expect(desiredObjects(rsp).upgrade).toEqual(
      desiredObjects(at(failed, 'upgrade asked')).upgrade,
    );
    expect(cluster(rsp)).toEqual(cluster(at(failed, 'running')));
    expect(desiredObjects(rsp).deployment).toEqual(
      desiredObjects(at(failed, 'running')).deployment,
    );
    expect(readiness(rsp)).toEqual({ ...SERVED, postgres: F, [FIRST_JOB]: T, upgrade: F });
    expect(statusOf(rsp)).toEqual(
      status({
        ...SERVING_STATUS,
        ...AT_ZERO,
        database: percona('paused', false),
        configuration: { applied: false, hash: HASH[2] },
      }),
    );
    expect(rsp.conditions).toEqual(released(PAUSED_DATABASE));
    expect(rsp.results).toEqual([
      warning(
        'PostgresUpgradeFailed',
        `PerconaPGUpgrade demo-postgres-upgrade-16-to-17 (PostgreSQL 16 to 17) failed (PGUpgradeFailed), so PerconaPGCluster demo-postgres stays on PostgreSQL 16, paused by Percona: read the logs of the upgrade's Jobs, unpause the cluster (kubectl -n team-a patch perconapgcluster demo-postgres --type merge -p '{"spec":{"pause":false}}') and delete the PerconaPGUpgrade; the upgrade is tried again while spec.percona.postgresVersion is above 16`,
      ),
    ]);
  });

  it('composes only objects the API server accepts at every step', () => {
    for (const rsp of [...succeeded.values(), ...failed.values()]) {
      for (const object of Object.values(desiredObjects(rsp))) {
        expect(validateComposedObject(object)).toEqual([]);
      }
    }
  });
});
