/**
 * Builds PerconaPGClusters from `server(...)` fixtures and fails the test unless the real
 * CRD and the operator's extra requirements accept them.
 */
import { expect } from 'vitest';
import type { DittoServer } from '../../src/api/parse.js';
import { perconaPGCluster } from '../../src/compose/percona-pg-cluster.js';
import type { Manifest } from '../../src/compose/types.js';
import { validatePerconaPGCluster } from './percona-crd.js';
import { perconaOperatorProblems } from './percona-operator.js';

export const PG17 = 'docker.io/percona/percona-distribution-postgresql:17.7-2';
export const PGBOUNCER = 'docker.io/percona/percona-pgbouncer:1.25.0-1';
export const PGBACKREST = 'docker.io/percona/percona-pgbackrest:2.57.0-1';

export type Cluster = Manifest & {
  spec: { image: string; postgresVersion: number; instances: unknown; backups: unknown };
};

/** Every cluster a test builds must be one the API server and the operator accept. */
export function expectAccepted(cluster: Manifest): Cluster {
  expect(validatePerconaPGCluster(cluster)).toStrictEqual([]);
  expect(perconaOperatorProblems(cluster)).toStrictEqual([]);
  return cluster as Cluster;
}

/** The cluster for a server with Percona on, wired to our backup Secret when backups are on. */
export function buildCluster(
  built: DittoServer,
  secretName: string = built.names.backupSecret,
): Cluster {
  const { percona } = built;
  if (!percona) throw new Error('fixture must enable percona');
  return expectAccepted(perconaPGCluster(built, percona, percona.backup ? secretName : undefined));
}
