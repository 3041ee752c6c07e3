/** The PerconaPGCluster `<n>-postgres`: the control-plane database (api.md §3, percona.md §1). */
import type { DittoServer } from '../api/parse.js';
import type { ResolvedPercona } from '../api/resolve.js';
import { labels, POSTGRES_INSTANCE, POSTGRES_USER, SERVER_LABEL } from '../names.js';
import { perconaBackups } from './percona-backups.js';
import type { DataSource } from './percona-data-source.js';
import { resourceRequirements } from './resource-requirements.js';
import type { PerconaPGCluster } from './types.js';

/** Copied by Percona to the Crunchy cluster as postgres-operator.crunchydata.com/authorizeBackupRemoval. */
export const AUTHORIZE_BACKUP_REMOVAL = 'pgv2.percona.com/authorizeBackupRemoval';

/**
 * Percona's opt-in deletion finalizers: delete-pvc also deletes the pguser Secrets. Without
 * them the volumes outlive the cluster and a re-created server finds its data (api.md §6).
 */
export const DELETE_WITH_SERVER_FINALIZERS = [
  'percona.com/delete-pvc',
  'percona.com/delete-ssl',
] as const;

/** The single instance set `instance1`. */
function instanceSet(percona: ResolvedPercona) {
  const { storageClassName } = percona;
  return {
    name: POSTGRES_INSTANCE,
    replicas: percona.replicas,
    // accessModes and requests.storage are optional in this CRD but required by the Crunchy
    // PostgresCluster it becomes; without them the operator never writes a status.
    dataVolumeClaimSpec: {
      accessModes: ['ReadWriteOnce'],
      // Unset means the cluster's default storage class.
      ...(storageClassName === undefined ? {} : { storageClassName }),
      resources: { requests: { storage: percona.storageSize } },
    },
    ...resourceRequirements(percona.resources),
  };
}

/**
 * Only what DittoFS needs is set; `pmm`, `expose`, `patroni`, `autoCreateUserSchema` and
 * the like keep the operator's defaults. Images are always set: 2.8.2 ships none.
 * `backupSecretName` is undefined exactly when `percona.backup` is. `dataSource`: where a
 * new cluster's data comes from (or the observed one, kept).
 */
export function perconaPGCluster(
  server: DittoServer,
  percona: ResolvedPercona,
  backupSecretName: string | undefined,
  dataSource?: DataSource,
): PerconaPGCluster {
  return {
    apiVersion: 'pgv2.percona.com/v2',
    kind: 'PerconaPGCluster',
    metadata: {
      name: server.names.postgresCluster,
      namespace: server.namespace,
      labels: labels(server.name, 'database'),
      // Percona pauses the whole cluster's reconcile when backups leave a running cluster
      // without it; on a cluster that never had backups it changes nothing (api.md §6).
      ...(percona.backup === undefined && {
        annotations: { [AUTHORIZE_BACKUP_REMOVAL]: 'true' },
      }),
      ...(percona.deleteWithServer ? { finalizers: [...DELETE_WITH_SERVER_FINALIZERS] } : {}),
    },
    spec: {
      // Pinned: left empty, the operator writes its own version into the spec.
      crVersion: percona.crVersion,
      // Percona copies these onto its PerconaPGBackups: the function finds them by it.
      metadata: { labels: { [SERVER_LABEL]: server.name } },
      image: percona.postgresImage,
      postgresVersion: percona.postgresVersion,
      // Percona creates `<cluster>-pguser-dittofs` for this user; the Deployment reads it.
      users: [{ name: POSTGRES_USER, databases: [percona.databaseName] }],
      instances: [instanceSet(percona)],
      // 2.8.x always deploys pgBouncer, so it is configured rather than left to defaults.
      proxy: { pgBouncer: { replicas: percona.pgBouncer.replicas, image: percona.pgBouncerImage } },
      backups: perconaBackups(
        { namespace: server.namespace, name: server.name, image: percona.pgBackRestImage },
        percona.backup,
        backupSecretName,
      ),
      ...(dataSource === undefined ? {} : { dataSource }),
    },
  };
}
