/**
 * The Percona lifecycle step of the plan (api.md §8): restores, the major upgrade and the
 * bootstrap data source, and whether the server is held at 0 replicas meanwhile. One
 * operation holds the cluster at a time: a running restore makes an upgrade wait, a
 * running upgrade makes a restore wait, and a restore asked for with a raise starts first.
 */
import type { DittoServer } from '../api/parse.js';
import type { PlannedRestore } from '../compose/percona-restore.js';
import type { PlannedUpgrade } from '../compose/percona-upgrade.js';
import type { DataSource } from '../compose/percona-data-source.js';
import type { Observation } from '../observe/observe.js';
import type { BackupPlan } from './backup.js';
import { planBootstrap } from './bootstrap.js';
import type { Kept } from './kept.js';
import { planRestores } from './restores.js';
import { planUpgrade } from './upgrade.js';

/** What runs on the cluster while the server is held at 0 replicas, and its object. */
export type Hold =
  { readonly operation: 'restore' | 'upgrade'; readonly object: string } | undefined;

export type LifecyclePlan = {
  /** In key order, after the fixed keys. */
  readonly restores: readonly PlannedRestore[];
  readonly upgrade: PlannedUpgrade | undefined;
  /** An observed Deployment is composed with 0 replicas, one not observed is not composed. */
  readonly hold: Hold;
  /** `status.restore`; undefined when no restore is asked for. */
  readonly restoreStatus: { readonly name: string; readonly state: string } | undefined;
  readonly dataSource: DataSource | undefined;
  /** The PerconaPGCluster is not composed yet (bootstrap waiting for credentials). */
  readonly clusterHeld: boolean;
};

/** The plan, and the server with the PostgreSQL version and image the cluster keeps. */
export function planLifecycle(
  server: DittoServer,
  observation: Observation,
  backup: BackupPlan,
): Kept<{ readonly server: DittoServer; readonly lifecycle: LifecyclePlan }> {
  const restores = planRestores(server, observation);
  const restoring = restores.value.running;
  const upgrade = planUpgrade(server, observation, restoring !== undefined);
  const upgrading = upgrade.value.running;
  const bootstrap = planBootstrap(server, observation, backup);
  const hold: Hold =
    restoring !== undefined
      ? { operation: 'restore', object: `PerconaPGRestore ${restoring}` }
      : upgrading !== undefined
        ? { operation: 'upgrade', object: `PerconaPGUpgrade ${upgrading}` }
        : undefined;
  const percona = upgrade.value.percona;
  return {
    value: {
      server:
        percona && percona !== server.percona
          ? { ...server, percona, perconaSettings: percona }
          : server,
      lifecycle: {
        restores: restores.value.restores,
        upgrade: upgrade.value.upgrade,
        hold,
        restoreStatus: restores.value.status,
        dataSource: bootstrap.value.dataSource,
        clusterHeld: bootstrap.value.clusterHeld,
      },
    },
    notices: [...restores.notices, ...upgrade.notices, ...bootstrap.notices],
  };
}
