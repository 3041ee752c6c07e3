/**
 * The XR status (api.md §4), derived from observed state and written in full every time.
 */
import type { DittoServer } from '../api/parse.js';
import type { DittoServerStatus } from '../api/status.js';
import type { Composition } from '../compose/index.js';
import { backupRepoPath } from '../names.js';
import { condition, integer, isFields, list, text, type Fields } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import { deploymentReady, loadBalancerAddress, perconaClusterReady } from '../observe/readiness.js';

/** Whether backups work: Percona is ReadyForBackup and the repo1 stanza exists. */
export function stanzaCreated(cluster: Fields | undefined): boolean {
  const repo1 = list(cluster, 'status', 'pgbackrest', 'repos').find(
    (repo) => text(repo, 'name') === 'repo1',
  );
  return isFields(repo1) && repo1.stanzaCreated === true;
}

export function readyForBackup(cluster: Fields | undefined): boolean {
  return condition(cluster, 'ReadyForBackup')?.status === 'True';
}

/** The server is up: replicas wanted and the observed Deployment available. */
export function serverAvailable(server: DittoServer, observed: ObservedResources): boolean {
  const current = observed.deployment;
  return server.spec.replicas > 0 && current !== undefined && deploymentReady(current);
}

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
  if (database.type === 'sqlite') {
    return { type: 'sqlite', clusterName: '', state: '', host: '', secretName: '', ready: true };
  }
  if (database.source === 'external') {
    const ready = serverAvailable(server, observed);
    return {
      type: 'postgres',
      clusterName: '',
      state: '',
      host: '',
      secretName: database.secretName,
      ready,
    };
  }
  const cluster = observed.postgres;
  return {
    type: 'postgres',
    clusterName: names.postgresCluster,
    state: text(cluster, 'status', 'state') ?? '',
    host: text(cluster, 'status', 'host') ?? '',
    secretName: names.postgresUserSecret,
    ready: cluster !== undefined && perconaClusterReady(cluster),
  };
}

export function deriveStatus(
  composition: Composition,
  observed: ObservedResources,
): DittoServerStatus {
  const { server, backup } = composition;
  const { spec, names } = server;
  const deployment = observed.deployment;
  const count = (field: string) => integer(deployment, 'status', field) ?? 0;
  const backupReady =
    backup.enabled && readyForBackup(observed.postgres) && stanzaCreated(observed.postgres);
  const phase =
    spec.replicas === 0 ? 'Stopped' : serverAvailable(server, observed) ? 'Running' : 'Pending';
  return {
    phase,
    replicas: count('replicas'),
    readyReplicas: count('readyReplicas'),
    availableReplicas: count('availableReplicas'),
    database: databaseStatus(server, observed),
    backup: {
      enabled: backup.enabled,
      ready: backupReady,
      stanzaCreated: backup.enabled && stanzaCreated(observed.postgres),
      repoPath: backup.enabled ? backupRepoPath(server.namespace, server.name) : '',
    },
    endpoints: {
      api: endpoint(server, observed['api-service'], names.apiService, spec.controlPlane.port),
      nfs: spec.adapters.nfs.enabled
        ? endpoint(server, observed['nfs-service'], names.nfsService, spec.adapters.nfs.port)
        : '',
      smb: spec.adapters.smb.enabled
        ? endpoint(server, observed['smb-service'], names.smbService, spec.adapters.smb.port)
        : '',
    },
  };
}
