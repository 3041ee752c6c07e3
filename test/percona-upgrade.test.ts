/**
 * A major PostgreSQL upgrade played through reconciles (api.md §8): 16 raised to 17 on a
 * running server composes a PerconaPGUpgrade while the cluster keeps 16 and its image; the
 * server is held at 0 replicas (phase Upgrading) while Percona pauses the cluster and runs
 * pg_upgrade; once it succeeded, 17 is composed and the server comes back. A failed one is
 * kept, with a Warning. Whole responses are reviewed golden files.
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
const PG16 = 'docker.io/percona/percona-distribution-postgresql:16.11-2';
const PG17 = 'docker.io/percona/percona-distribution-postgresql:17.7-2';
const V16 = { percona: { enabled: true, postgresVersion: 16, backup: BACKUP_SPEC } };
const V17 = { percona: { enabled: true, postgresVersion: 17, backup: BACKUP_SPEC } };

const READY: World = { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' };
/** Percona has paused the cluster for pg_upgrade (spec.pause, state paused). */
const PAUSED: World = {
  percona: { state: 'paused', generation: 2, backup: 'ready' },
  deployment: 'available',
  deploymentGeneration: 2,
};
/** Percona wrote 17 and its images, and resumed the cluster. */
const UPGRADED: World = {
  percona: { state: 'ready', generation: 3, backup: 'ready' },
  deployment: 'available',
  deploymentGeneration: 2,
  upgrade: 'succeeded',
};

const base: Story = [
  ['created', { spec: V16, backups: BACKUPS }],
  ['percona ready', { spec: V16, world: READY, backups: BACKUPS }],
  ['running', { spec: V16, world: READY, backups: BACKUPS }],
  ['upgrade asked', { spec: V17, world: READY, backups: BACKUPS }],
  ['upgrade-running', { spec: V17, world: { ...PAUSED, upgrade: 'running' }, backups: BACKUPS }],
];
const succeeded = play([
  ...base,
  // The upgrade reports success before the cluster's new version reaches the cache.
  [
    'upgrade-succeeded',
    { spec: V17, world: { ...UPGRADED, clusterBehind: true }, backups: BACKUPS },
  ],
  ['upgraded', { spec: V17, world: UPGRADED, backups: BACKUPS }],
  ['server back', { spec: V17, world: { ...UPGRADED, deploymentGeneration: 3 }, backups: BACKUPS }],
]);
const failed = play([
  ...base,
  ['upgrade-failed', { spec: V17, world: { ...PAUSED, upgrade: 'failed' }, backups: BACKUPS }],
]);

async function matchesGolden(rsp: RunFunctionResponse, name: string): Promise<void> {
  await expect(stringify(responseJson(rsp), { lineWidth: 0, version: '1.1' })).toMatchFileSnapshot(
    `golden/percona-lifecycle/${name}.yaml`,
  );
}

type Cluster = { spec: { postgresVersion: number; image: string } & JsonObject };
const cluster = (rsp: RunFunctionResponse) => desiredObjects(rsp).postgres as unknown as Cluster;
const phase = (rsp: RunFunctionResponse) =>
  (rsp.desired?.composite?.resource?.status as JsonObject).phase;
const available = (rsp: RunFunctionResponse) => rsp.conditions[2];

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
const database = (state: string, ready: boolean) => ({
  type: 'postgres' as const,
  clusterName: 'demo-postgres',
  state,
  host: 'demo-postgres-pgbouncer.team-a.svc',
  secretName: 'demo-postgres-pguser-dittofs',
  ready,
});
const BACKUP_STATUS = {
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
const BACKUP_READY = condition(
  'BackupReady',
  'True',
  'BackupReady',
  'Percona is ready for backups and the repo1 stanza exists',
);
const HELD = condition(
  'Available',
  'False',
  'Upgrading',
  'Deployment demo is held at 0 replicas while PerconaPGUpgrade demo-postgres-upgrade-16-to-17 runs',
);

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
    expect(readiness(rsp)).toEqual({ ...SERVED, upgrade: F });
    expect(phase(rsp)).toBe('Upgrading');
    expect(available(rsp)).toEqual(HELD);
    expect(rsp.results).toEqual([]);
  });

  it('running: neither pause nor the operator annotation is composed; still 16', async () => {
    const rsp = at(succeeded, 'upgrade-running');
    expect(cluster(rsp)).toEqual(cluster(at(succeeded, 'running')));
    expect(desiredObjects(rsp).upgrade).toEqual(
      desiredObjects(at(succeeded, 'upgrade asked')).upgrade,
    );
    expect(readiness(rsp)).toEqual({ ...SERVED, postgres: F, upgrade: F });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Upgrading',
        database: database('paused', false),
        backup: BACKUP_STATUS,
        endpoints: { nfs: '203.0.113.2:12049' },
      }),
    );
    expect(rsp.conditions).toEqual([
      condition(
        'DatabaseReady',
        'False',
        'PerconaNotReady',
        'PerconaPGCluster demo-postgres is paused',
      ),
      condition(
        'BackupReady',
        'True',
        'BackupReady',
        'Percona is ready for backups and the repo1 stanza exists',
      ),
      HELD,
    ]);
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
    expect(readiness(rsp)).toEqual({ ...SERVED, upgrade: T });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        database: database('ready', true),
        backup: BACKUP_STATUS,
        endpoints: { nfs: '203.0.113.2:12049' },
      }),
    );
    expect(rsp.conditions).toEqual([
      condition('DatabaseReady', 'True', 'PerconaReady', 'PerconaPGCluster demo-postgres is ready'),
      BACKUP_READY,
      condition(
        'Available',
        'False',
        'Unavailable',
        'Deployment demo is still scaled to 0 replicas',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, 'upgrade-succeeded');
  });

  it('done once the cluster shows 17: the upgrade goes, so Percona cannot write its images back', () => {
    const rsp = at(succeeded, 'upgraded');
    expect(Object.keys(desiredObjects(rsp))).toEqual(Object.keys(SERVED));
    expect(cluster(rsp)).toEqual(cluster(at(succeeded, 'upgrade-succeeded')));
    expect(phase(at(succeeded, 'server back'))).toBe('Running');
    expect(Object.values(readiness(at(succeeded, 'server back')))).toEqual(
      Array<Ready>(11).fill(T),
    );
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
    expect(readiness(rsp)).toEqual({ ...SERVED, postgres: F, upgrade: F });
    expect(phase(rsp)).toBe('Pending');
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
