/**
 * `spec.percona.bootstrapFrom` (api.md §8): the data source of a new cluster. The operator
 * reads it only until the cluster's data is initialized, so on an observed cluster the
 * observed data source (or none) is kept, and asking for another one is refused with a
 * Warning. A new cluster that must start from S3 waits for usable credentials, so its
 * bootstrap restore never runs without them.
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import { bootstrapDataSource, type DataSource } from '../compose/percona-data-source.js';
import { at, isFields, text } from '../observe/fields.js';
import type { Observation } from '../observe/observe.js';
import type { BackupPlan } from './backup.js';
import type { Kept } from './kept.js';

export type BootstrapPlan = {
  readonly dataSource: DataSource | undefined;
  /** The new cluster is not composed yet: it waits for the S3 credentials. */
  readonly clusterHeld: boolean;
};

/**
 * The observed data source, when it has the fields the CRD requires of a pgBackRest one
 * (`stanza`, `repo.name`): the API server accepted it, so it is composed back as it is.
 */
function observedDataSource(cluster: unknown): DataSource | undefined {
  const dataSource = at(cluster, 'spec', 'dataSource');
  const pgbackrest = at(dataSource, 'pgbackrest');
  const valid =
    isFields(dataSource) &&
    text(pgbackrest, 'stanza') !== undefined &&
    text(pgbackrest, 'repo', 'name') !== undefined;
  return valid ? dataSource : undefined;
}

export function planBootstrap(
  server: DittoServer,
  observation: Observation,
  backup: BackupPlan,
): Kept<BootstrapPlan> {
  const percona = server.percona;
  const asked = percona?.bootstrapFrom;
  const cluster = observation.resources.postgres;
  const name = `PerconaPGCluster ${server.names.postgresCluster}`;
  if (cluster) {
    const kept = observedDataSource(cluster);
    const from = text(at(kept, 'pgbackrest', 'global'), 'repo1-path');
    const notices: Notice[] =
      asked && asked.repoPath !== from
        ? [
            {
              reason: 'BootstrapChangeRefused',
              message: `spec.percona.bootstrapFrom.repoPath is ${asked.repoPath}, but ${name} already exists (${from === undefined ? 'it started empty' : `it started from ${from}`}) and a data source only applies when a cluster is created, so it is left as it is: create a new DittoServer with this bootstrapFrom to start one from those backups`,
            },
          ]
        : [];
    return { value: { dataSource: kept, clusterHeld: false }, notices };
  }
  if (!percona?.backup || !asked)
    return { value: { dataSource: undefined, clusterHeld: false }, notices: [] };
  const { state } = backup.enabled ? backup.credentials : { state: 'missing' };
  if (!backup.enabled || state === 'missing' || state === 'invalid') {
    const ref = percona.backup.credentialsSecretRef.name;
    return {
      value: { dataSource: undefined, clusterHeld: true },
      notices: [
        {
          reason: 'BootstrapWaitingForCredentials',
          message: `${name} starts from the backups in ${asked.repoPath} (spec.percona.bootstrapFrom), so it is created once Secret ${ref} in namespace ${server.namespace} holds usable S3 credentials`,
        },
      ],
    };
  }
  return {
    value: {
      dataSource: bootstrapDataSource(asked.repoPath, percona.backup, backup.secretName),
      clusterHeld: false,
    },
    notices: [],
  };
}
