/**
 * The XR status (api.md §4), derived from observed state and written in full every time.
 * Its `ready` fields are the verdicts behind the conditions, so the two always agree.
 */
import type { DittoServer } from '../api/parse.js';
import type { DittoServerStatus } from '../api/status.js';
import { backupRepoPath } from '../names.js';
import { hostPort, serverEndpoints } from '../observe/endpoints.js';
import { integer } from '../observe/fields.js';
import type { Observation } from '../observe/observe.js';
import type { Plan } from '../safety/plan.js';
import { ConditionStatus } from '../wire/types.js';
import { configurationStatus, sharesStatus } from './configured.js';
import type { Verdicts } from './verdicts.js';

function databaseStatus(
  server: DittoServer,
  { percona }: Observation,
  verdicts: Verdicts,
): DittoServerStatus['database'] {
  const { database, names } = server;
  const ready = verdicts.database.status === ConditionStatus.TRUE;
  if (database.type === 'sqlite') {
    return { type: 'sqlite', clusterName: '', state: '', host: '', secretName: '', ready };
  }
  if (database.source === 'external') {
    return {
      type: 'postgres',
      clusterName: '',
      state: '',
      host: '',
      secretName: database.secretName,
      ready,
    };
  }
  return {
    type: 'postgres',
    clusterName: names.postgresCluster,
    state: percona.state,
    host: percona.host,
    secretName: names.postgresUserSecret,
    ready,
  };
}

/** The XRD declares counts as int32 >= 0: anything else a broken controller reports is 0. */
function replicaCount(value: number | undefined): number {
  return value !== undefined && value >= 0 && value <= 2147483647 ? value : 0;
}

/**
 * Stopped when replicas is 0; Running once the server is available and its configuration
 * applied; Pending otherwise. (Restoring and Upgrading come before Running when they land.)
 */
function phaseOf(server: DittoServer, verdicts: Verdicts): DittoServerStatus['phase'] {
  if (server.spec.replicas === 0) return 'Stopped';
  const applied = verdicts.configured.reason === 'Applied';
  return verdicts.serverAvailable && applied ? 'Running' : 'Pending';
}

export function deriveStatus(
  plan: Plan,
  observation: Observation,
  verdicts: Verdicts,
): DittoServerStatus {
  const { server, backup } = plan;
  const observed = observation.resources;
  const count = (field: string) => replicaCount(integer(observed.deployment, 'status', field));
  const endpoints = serverEndpoints(server, observed);
  return {
    phase: phaseOf(server, verdicts),
    replicas: count('replicas'),
    readyReplicas: count('readyReplicas'),
    availableReplicas: count('availableReplicas'),
    database: databaseStatus(server, observation, verdicts),
    backup: {
      enabled: backup.enabled,
      ready: verdicts.backup.status === ConditionStatus.TRUE,
      stanzaCreated: backup.enabled && observation.percona.stanzaCreated,
      repoPath: backup.enabled ? backupRepoPath(server.namespace, server.name) : '',
    },
    endpoints: {
      api: hostPort(endpoints.api),
      nfs: hostPort(endpoints.nfs),
      smb: hostPort(endpoints.smb),
    },
    shares: sharesStatus(server, endpoints),
    configuration: configurationStatus(plan, verdicts.configured),
  };
}
