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
import { backupHistory, phase, restoreStatus } from './lifecycle.js';
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

export function deriveStatus(
  plan: Plan,
  observation: Observation,
  verdicts: Verdicts,
): DittoServerStatus {
  const { server, backup } = plan;
  const observed = observation.resources;
  const count = (field: string) => replicaCount(integer(observed.deployment, 'status', field));
  const endpoints = serverEndpoints(server, observed);
  const applied = verdicts.configured.reason === 'Applied';
  return {
    // Running once the server is available and its configuration applied (api.md §4).
    phase: phase(server, plan.lifecycle.hold, verdicts.serverAvailable && applied),
    replicas: count('replicas'),
    readyReplicas: count('readyReplicas'),
    availableReplicas: count('availableReplicas'),
    database: databaseStatus(server, observation, verdicts),
    backup: {
      enabled: backup.enabled,
      ready: verdicts.backup.status === ConditionStatus.TRUE,
      stanzaCreated: backup.enabled && observation.percona.stanzaCreated,
      repoPath: backup.enabled ? backupRepoPath(server.namespace, server.name) : '',
      ...backupHistory(observation.lifecycle.backups),
    },
    endpoints: {
      api: hostPort(endpoints.api),
      nfs: hostPort(endpoints.nfs),
      smb: hostPort(endpoints.smb),
    },
    shares: sharesStatus(server, endpoints),
    configuration: configurationStatus(plan, verdicts.configured),
    ...restoreStatus(plan.lifecycle),
  };
}
