/**
 * PerconaPGUpgrade `<n>-postgres-upgrade-<from>-to-<to>` (key `upgrade`): a major
 * PostgreSQL upgrade with pg_upgrade (api.md §8). The operator pauses the cluster and
 * annotates it itself, and on success writes the new version and images into it.
 */
import type { DittoServer } from '../api/parse.js';
import { labels, postgresUpgradeName } from '../names.js';
import type { UpgradeFields } from '../observe/lifecycle.js';
import type { PerconaPGUpgrade } from './types.js';

/** The upgrade to compose: the fields the CRD requires, and only those. */
export type PlannedUpgrade = UpgradeFields;

export function perconaPGUpgrade(server: DittoServer, upgrade: PlannedUpgrade): PerconaPGUpgrade {
  return {
    apiVersion: 'pgv2.percona.com/v2',
    kind: 'PerconaPGUpgrade',
    metadata: {
      name: postgresUpgradeName(server.name, upgrade.from, upgrade.to),
      namespace: server.namespace,
      labels: labels(server.name, 'database'),
    },
    spec: {
      postgresClusterName: server.names.postgresCluster,
      image: upgrade.image,
      fromPostgresVersion: upgrade.from,
      toPostgresVersion: upgrade.to,
      toPostgresImage: upgrade.toPostgresImage,
      toPgBouncerImage: upgrade.toPgBouncerImage,
      toPgBackRestImage: upgrade.toPgBackRestImage,
    },
  };
}
