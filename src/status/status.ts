/**
 * The XR status (api.md §4), derived from observed state and written in full every time.
 * Its `ready` fields are the verdicts behind the conditions, so the two always agree.
 */
import { Status } from '@crossplane-org/function-sdk-typescript';
import type { DittoServer } from '../api/parse.js';
import type { DittoServerStatus } from '../api/status.js';
import type { Composition } from '../compose/index.js';
import { backupRepoPath } from '../names.js';
import { integer, text, type Fields } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import { loadBalancerAddress } from '../observe/readiness.js';
import { backupVerdict, databaseVerdict, serverAvailable, stanzaCreated } from './verdicts.js';

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
  observed: ObservedResources,
): DittoServerStatus['database'] {
  const { database, names } = server;
  const ready = databaseVerdict(server, observed).status === Status.STATUS_CONDITION_TRUE;
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
    state: text(observed.postgres, 'status', 'state') ?? '',
    host: text(observed.postgres, 'status', 'host') ?? '',
    secretName: names.postgresUserSecret,
    ready,
  };
}

/** The XRD declares counts as int32 >= 0: anything else a broken controller reports is 0. */
function replicaCount(value: number | undefined): number {
  return value !== undefined && value >= 0 && value <= 2147483647 ? value : 0;
}

export function deriveStatus(
  composition: Composition,
  observed: ObservedResources,
): DittoServerStatus {
  const { server, backup } = composition;
  const { spec, names } = server;
  const count = (field: string) => replicaCount(integer(observed.deployment, 'status', field));
  const phase =
    spec.replicas === 0 ? 'Stopped' : serverAvailable(server, observed) ? 'Running' : 'Pending';
  const adapter = (
    enabled: boolean,
    key: 'nfs-service' | 'smb-service',
    name: string,
    port: number,
  ) => (enabled ? endpoint(server, observed[key], name, port) : '');
  return {
    phase,
    replicas: count('replicas'),
    readyReplicas: count('readyReplicas'),
    availableReplicas: count('availableReplicas'),
    database: databaseStatus(server, observed),
    backup: {
      enabled: backup.enabled,
      ready: backupVerdict(composition, observed).status === Status.STATUS_CONDITION_TRUE,
      stanzaCreated: backup.enabled && stanzaCreated(observed.postgres),
      repoPath: backup.enabled ? backupRepoPath(server.namespace, server.name) : '',
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
  };
}
