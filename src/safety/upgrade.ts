/**
 * Major PostgreSQL upgrades (api.md §8). Raising `postgresVersion` on an observed cluster
 * composes a PerconaPGUpgrade from the version the cluster runs to the asked one; the
 * cluster keeps the version and image it runs until the upgrade succeeded (the operator
 * then writes the new ones itself, and a cluster that names the target version before
 * resolves the upgrade as a no-op), and only then is the new version composed.
 * An observed upgrade is composed exactly as observed until the cluster shows the version
 * it succeeded to, or a new one replaces it after it succeeded: a running one is never
 * dropped, a failed one waits for a human. A new upgrade starts only on a ready cluster,
 * never during a restore.
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice, ResolvedPercona } from '../api/resolve.js';
import type { PlannedUpgrade } from '../compose/percona-upgrade.js';
import { text } from '../observe/fields.js';
import type { ObservedUpgrade } from '../observe/lifecycle.js';
import type { Observation } from '../observe/observe.js';
import { postgresUpgradeName } from '../names.js';
import type { Kept } from './kept.js';

export type UpgradePlan = {
  /** The cluster's settings with the version and image it is composed with. */
  readonly percona: ResolvedPercona | undefined;
  readonly upgrade: PlannedUpgrade | undefined;
  /** The upgrade object that runs now (observed running or created on this call). */
  readonly running: string | undefined;
};

/** The PerconaPGUpgrade CRD's bounds on `fromPostgresVersion`. */
const FROM_VERSIONS = { min: 12, max: 17 } as const;

const planned = ({ state: _state, failure: _failure, ...upgrade }: ObservedUpgrade) => upgrade;

function failedNotice(server: DittoServer, upgrade: ObservedUpgrade, current: number): Notice {
  const cluster = server.names.postgresCluster;
  const name = postgresUpgradeName(server.name, upgrade.from, upgrade.to);
  const unpause = `kubectl -n ${server.namespace} patch perconapgcluster ${cluster} --type merge -p '{"spec":{"pause":false}}'`;
  return {
    reason: 'PostgresUpgradeFailed',
    message: `PerconaPGUpgrade ${name} (PostgreSQL ${upgrade.from} to ${upgrade.to}) failed (${upgrade.failure}), so PerconaPGCluster ${cluster} stays on PostgreSQL ${current}, paused by Percona: read the logs of the upgrade's Jobs, unpause the cluster (${unpause}) and delete the PerconaPGUpgrade; the upgrade is tried again while spec.percona.postgresVersion is above ${current}`,
  };
}

/** The image the observed cluster runs; undefined when it names none usable. */
function observedImage(observation: Observation): string | undefined {
  const image = text(observation.resources.postgres, 'spec', 'image');
  return image !== undefined && /^\S+$/.test(image) ? image : undefined;
}

/** The image of `version` from the Input; the asked one for a version it has none for. */
function imageOf(server: DittoServer, percona: ResolvedPercona, version: number): string {
  const images: Readonly<Record<string, string>> = server.input.images.postgres;
  return images[String(version)] ?? percona.postgresImage;
}

export function planUpgrade(
  server: DittoServer,
  observation: Observation,
  restoring: boolean,
): Kept<UpgradePlan> {
  const percona = server.percona;
  const observed = observation.lifecycle.upgrade;
  const name = (upgrade: PlannedUpgrade) =>
    postgresUpgradeName(server.name, upgrade.from, upgrade.to);
  const runs = observation.percona.spec?.postgresVersion;
  // Done once the cluster shows the new version: kept, Percona would write the upgrade's
  // images back into the cluster whenever it reconciles the upgrade again (finalizeUpgrade),
  // undoing any image the Input moves to later.
  const done = observed?.state === 'succeeded' && runs !== undefined && runs >= observed.to;
  const keep = observed && !done ? planned(observed) : undefined;
  const keepRunning = observed?.state === 'running' && keep ? name(keep) : undefined;
  const notices =
    observed?.state === 'failed' ? [failedNotice(server, observed, runs ?? observed.from)] : [];
  const unchanged = { percona, upgrade: keep, running: keepRunning };
  if (!percona || !observation.resources.postgres || runs === undefined) {
    return { value: unchanged, notices };
  }
  // The operator writes the target version when the upgrade succeeds; the observed
  // cluster may not show it yet.
  const current = observed?.state === 'succeeded' && observed.to > runs ? observed.to : runs;
  const asked = percona.postgresVersion;
  if (asked === current) return { value: unchanged, notices };
  if (asked < current) {
    // Only while the cluster is behind its upgrade: keep-percona refused a lower version.
    const image = imageOf(server, percona, current);
    const ahead = { ...percona, postgresVersion: current, postgresImage: image };
    return { value: { ...unchanged, percona: ahead }, notices };
  }
  const image =
    (current === runs ? observedImage(observation) : undefined) ??
    imageOf(server, percona, current);
  const kept = { ...percona, postgresVersion: current, postgresImage: image };
  const startable =
    observed?.state !== 'running' &&
    observed?.state !== 'failed' &&
    observation.percona.ready &&
    !restoring &&
    current >= FROM_VERSIONS.min &&
    current <= FROM_VERSIONS.max;
  if (!startable) return { value: { ...unchanged, percona: kept }, notices };
  const upgrade: PlannedUpgrade = {
    from: current,
    to: asked,
    image: percona.upgradeImage,
    toPostgresImage: percona.postgresImage,
    toPgBouncerImage: percona.pgBouncerImage,
    toPgBackRestImage: percona.pgBackRestImage,
  };
  return { value: { percona: kept, upgrade, running: name(upgrade) }, notices };
}
