/**
 * One view of the observed PerconaPGCluster: its state as the operator reports it and the
 * parts of its spec the data-safety rules compare against. Every read tolerates garbage
 * (a wrong type reads as absent), since the operator, not us, writes most of it.
 */
import { POSTGRES_INSTANCE, POSTGRES_USER } from '../names.js';
import {
  at,
  condition,
  flag,
  integer,
  isFields,
  list,
  text,
  type Condition,
  type Fields,
} from './fields.js';

/** What the observed cluster's spec says, as far as the data-safety rules compare it. */
export type ObservedPerconaSpec = {
  readonly postgresVersion: number | undefined;
  /** The database the `dittofs` user owns. */
  readonly databaseName: string | undefined;
  /** `instances[instance1].dataVolumeClaimSpec`: the PostgreSQL volume. */
  readonly storageSize: string | undefined;
  readonly storageClassName: string | undefined;
  /** Percona treats an absent `backups.enabled` as on. */
  readonly backupsEnabled: boolean;
  /** Secrets projected into pgBackRest's conf.d (`backups.pgbackrest.configuration`). */
  readonly backupSecretNames: readonly string[];
};

export type PerconaView = {
  readonly cluster: Fields | undefined;
  /** Undefined when no cluster is observed. */
  readonly spec: ObservedPerconaSpec | undefined;
  /** `status.state`; empty before the operator reports one. */
  readonly state: string;
  /** The operator has reported on the latest spec (`observedGeneration` absent or current). */
  readonly current: boolean;
  /** Ready for the server: state `ready` and current (api.md §4). */
  readonly ready: boolean;
  readonly host: string;
  readonly readyForBackup: Condition | undefined;
  /** The pgBackRest stanza of repo1 exists. */
  readonly stanzaCreated: boolean;
};

/** Whether the operator has reported on the cluster's latest spec. */
export function perconaStatusCurrent(cluster: Fields): boolean {
  const observedGeneration = integer(cluster, 'status', 'observedGeneration');
  return (
    observedGeneration === undefined ||
    observedGeneration === integer(cluster, 'metadata', 'generation')
  );
}

/**
 * A PerconaPGCluster is ready when `status.state` is "ready" and that status is current:
 * `status.observedGeneration` is absent or equals `metadata.generation` (Percona 2.8
 * leaves status stale while the first instance pod is not Running).
 */
export function perconaClusterReady(cluster: Fields): boolean {
  return text(cluster, 'status', 'state') === 'ready' && perconaStatusCurrent(cluster);
}

function stanzaCreated(cluster: Fields | undefined): boolean {
  const repo1 = list(cluster, 'status', 'pgbackrest', 'repos').find(
    (repo) => text(repo, 'name') === 'repo1',
  );
  return isFields(repo1) && repo1.stanzaCreated === true;
}

const named = (items: readonly unknown[], name: string) =>
  items.find((item) => text(item, 'name') === name);

function observedSpec(cluster: Fields): ObservedPerconaSpec {
  const user = named(list(cluster, 'spec', 'users'), POSTGRES_USER);
  const volume = at(
    named(list(cluster, 'spec', 'instances'), POSTGRES_INSTANCE),
    'dataVolumeClaimSpec',
  );
  return {
    postgresVersion: integer(cluster, 'spec', 'postgresVersion'),
    databaseName: text(list(user, 'databases')[0]),
    storageSize: text(volume, 'resources', 'requests', 'storage'),
    storageClassName: text(volume, 'storageClassName'),
    backupsEnabled: flag(cluster, 'spec', 'backups', 'enabled') !== false,
    backupSecretNames: list(cluster, 'spec', 'backups', 'pgbackrest', 'configuration').flatMap(
      (projection) => {
        const name = text(projection, 'secret', 'name');
        return name === undefined ? [] : [name];
      },
    ),
  };
}

export function perconaView(cluster: Fields | undefined): PerconaView {
  const current = cluster !== undefined && perconaStatusCurrent(cluster);
  return {
    cluster,
    spec: cluster && observedSpec(cluster),
    state: text(cluster, 'status', 'state') ?? '',
    current,
    ready: cluster !== undefined && perconaClusterReady(cluster),
    host: text(cluster, 'status', 'host') ?? '',
    readyForBackup: condition(cluster, 'ReadyForBackup'),
    stanzaCreated: stanzaCreated(cluster),
  };
}
