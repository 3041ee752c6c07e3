/**
 * The XR status (api.md §4), derived from observed state and written in full every time.
 * Its `ready` fields are the verdicts behind the conditions, so the two always agree.
 */
import type { DittoServer } from '../api/parse.js';
import type { DittoServerStatus } from '../api/status.js';
import { backupRepoPath } from '../names.js';
import { integer, text, type Fields } from '../observe/fields.js';
import type { Observation } from '../observe/observe.js';
import { loadBalancerAddress } from '../observe/readiness.js';
import type { Plan } from '../safety/plan.js';
import { ConditionStatus } from '../wire/types.js';
import { backupHistory, phase, restoreStatus } from './lifecycle.js';
import type { Verdicts } from './verdicts.js';

/** `<service>.<namespace>.svc:<port>`, or the load balancer's address once it has one. */
function endpoint(
  server: DittoServer,
  service: Fields | undefined,
  name: string,
  port: number,
): string {
  const address =
    service && text(service, 'spec', 'type') === 'LoadBalancer'
      ? loadBalancerAddress(service)
      : undefined;
  return `${address ?? `${name}.${server.namespace}.svc`}:${port}`;
}

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
  { server, backup, lifecycle }: Plan,
  observation: Observation,
  verdicts: Verdicts,
): DittoServerStatus {
  const { spec, names } = server;
  const observed = observation.resources;
  const count = (field: string) => replicaCount(integer(observed.deployment, 'status', field));
  const adapter = (
    enabled: boolean,
    key: 'nfs-service' | 'smb-service',
    name: string,
    port: number,
  ) => (enabled ? endpoint(server, observed[key], name, port) : '');
  return {
    phase: phase(server, lifecycle.hold, verdicts.serverAvailable),
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
      api: endpoint(server, observed['api-service'], names.apiService, spec.controlPlane.port),
      nfs: adapter(
        spec.adapters.nfs.enabled,
        'nfs-service',
        names.nfsService,
        spec.adapters.nfs.port,
      ),
      smb: adapter(
        spec.adapters.smb.enabled,
        'smb-service',
        names.smbService,
        spec.adapters.smb.port,
      ),
    },
    ...restoreStatus(lifecycle),
  };
}
