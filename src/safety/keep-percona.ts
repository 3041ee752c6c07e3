/**
 * Spec changes to the Percona cluster that would destroy data or take the database down are
 * not carried out (api.md §6): the observed value is kept and a Warning says what to do.
 * Raising `postgresVersion` is not one of them: that is an upgrade (api.md §8).
 */
import type { DittoServer } from '../api/parse.js';
import type { FunctionInput } from '../api/input.js';
import type { Notice, ResolvedPercona } from '../api/resolve.js';
import type { ObservedResources } from '../observe/observed.js';
import type { ObservedPerconaSpec } from '../observe/percona.js';
import { classChangeRefused, shrinkRefused } from './keep-volumes.js';
import type { Kept } from './kept.js';

/** Turning Percona off while its cluster exists would delete the control-plane database. */
function keepPerconaCluster(server: DittoServer, observed: ObservedResources): Kept<DittoServer> {
  if (server.percona || !observed.postgres) return { value: server, notices: [] };
  const cluster = server.names.postgresCluster;
  return {
    value: {
      ...server,
      percona: server.perconaSettings,
      database: { type: 'postgres', source: 'percona' },
    },
    notices: [
      {
        reason: 'PerconaRemovalRefused',
        message: `spec.percona.enabled is false but PerconaPGCluster ${cluster} exists and holds the control-plane database, so it is kept; to remove it, save what you need and delete it with kubectl -n ${server.namespace} delete perconapgcluster ${cluster}`,
      },
    ],
  };
}

/** The PostgreSQL image Percona runs for a major version, from the Input. */
function postgresImage(input: FunctionInput, version: number, fallback: string): string {
  const images: Readonly<Record<string, string>> = input.images.postgres;
  return images[String(version)] ?? fallback;
}

/** Each guarded field: the observed value wins where the asked one would do harm. */
function guardSettings(
  server: DittoServer,
  percona: ResolvedPercona,
  observed: ObservedPerconaSpec,
): Kept<ResolvedPercona> {
  const cluster = `PerconaPGCluster ${server.names.postgresCluster}`;
  const notices: Notice[] = [];
  let kept = percona;
  const { postgresVersion, databaseName, storageSize, storageClassName } = observed;
  if (postgresVersion !== undefined && postgresVersion > percona.postgresVersion) {
    notices.push({
      reason: 'PostgresDowngradeRefused',
      message: `spec.percona.postgresVersion is ${percona.postgresVersion} but ${cluster} runs PostgreSQL ${postgresVersion}, which cannot be downgraded in place, so ${postgresVersion} is kept: set ${postgresVersion}, or restore a backup into a new server to go back`,
    });
    kept = {
      ...kept,
      postgresVersion,
      postgresImage: postgresImage(server.input, postgresVersion, kept.postgresImage),
    };
  }
  if (databaseName !== undefined && databaseName !== percona.databaseName) {
    notices.push({
      reason: 'DatabaseRenameRefused',
      message: `spec.percona.databaseName is ${percona.databaseName} but the server's data is in database ${databaseName} of ${cluster}; a new name would point the server at an empty database, so ${databaseName} is kept: set ${databaseName}`,
    });
    kept = { ...kept, databaseName };
  }
  if (storageSize !== undefined && shrinkRefused(percona.storageSize, storageSize)) {
    notices.push({
      reason: 'VolumeShrinkRefused',
      message: `spec.percona.storageSize is ${percona.storageSize} but the PostgreSQL volumes of ${cluster} have ${storageSize}; a volume cannot shrink without losing its data, so ${storageSize} is kept: set ${storageSize} or more`,
    });
    kept = { ...kept, storageSize };
  }
  if (classChangeRefused(percona.storageClassName, storageClassName)) {
    notices.push({
      reason: 'StorageClassChangeRefused',
      message: `the storage class of the PostgreSQL volumes of ${cluster} is ${storageClassName ?? ''} and cannot change to ${percona.storageClassName ?? ''} without losing their data, so ${storageClassName ?? ''} is kept: move the data to a new server to change it`,
    });
    kept = { ...kept, storageClassName };
  }
  return { value: kept, notices };
}

/** The cluster kept when Percona is turned off, then its settings guarded. */
export function keepPercona(
  asked: DittoServer,
  resources: ObservedResources,
  observed: ObservedPerconaSpec | undefined,
): Kept<DittoServer> {
  const enabled = keepPerconaCluster(asked, resources);
  const server = enabled.value;
  if (!server.percona || !observed) return enabled;
  const guarded = guardSettings(server, server.percona, observed);
  return {
    value: { ...server, percona: guarded.value, perconaSettings: guarded.value },
    notices: [...enabled.notices, ...guarded.notices],
  };
}
