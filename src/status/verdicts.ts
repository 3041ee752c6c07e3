/**
 * The three judgements the XR reports (api.md §4): is the database ready, do backups work,
 * is the server available. Each is a pure function of the composition and the observed
 * state with a fixed CamelCase reason and a one-line message; the conditions and the
 * status fields both read them, so they can never disagree.
 */
import { Status } from '@crossplane-org/function-sdk-typescript';
import type { DittoServer } from '../api/parse.js';
import type { Composition } from '../compose/index.js';
import { condition, integer, isFields, list, text, type Fields } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import { deploymentReady, perconaStatusCurrent } from '../observe/readiness.js';

export type Verdict = {
  readonly status: Status;
  readonly reason: string;
  readonly message: string;
};

const verdict = (status: Status, reason: string, message: string): Verdict => ({
  status,
  reason,
  message,
});
const TRUE = Status.STATUS_CONDITION_TRUE;
const FALSE = Status.STATUS_CONDITION_FALSE;
const UNKNOWN = Status.STATUS_CONDITION_UNKNOWN;

/** Whether the pgBackRest stanza of repo1 exists, as Percona mirrors it from Crunchy. */
export function stanzaCreated(cluster: Fields | undefined): boolean {
  const repo1 = list(cluster, 'status', 'pgbackrest', 'repos').find(
    (repo) => text(repo, 'name') === 'repo1',
  );
  return isFields(repo1) && repo1.stanzaCreated === true;
}

/** The server is up: replicas wanted and the observed Deployment available. */
export function serverAvailable(server: DittoServer, observed: ObservedResources): boolean {
  const current = observed.deployment;
  return server.spec.replicas > 0 && current !== undefined && deploymentReady(current);
}

/** Why the Percona cluster is not usable yet, or undefined when it is ready. */
function perconaProblem(server: DittoServer, cluster: Fields | undefined): string | undefined {
  const name = `PerconaPGCluster ${server.names.postgresCluster}`;
  if (!cluster) return `${name} does not exist yet`;
  if (!perconaStatusCurrent(cluster)) return `${name} has not reported on its latest spec yet`;
  const state = text(cluster, 'status', 'state') ?? '';
  if (state === '') return `${name} has not reported a state yet`;
  return state === 'ready' ? undefined : `${name} is ${state}`;
}

export function databaseVerdict(server: DittoServer, observed: ObservedResources): Verdict {
  const { database } = server;
  if (database.type === 'sqlite')
    return verdict(TRUE, 'SQLite', 'The control plane uses its embedded SQLite database');
  if (database.source === 'external') {
    const secret = `the external PostgreSQL of Secret ${database.secretName}`;
    return serverAvailable(server, observed)
      ? verdict(TRUE, 'ExternalPostgres', `The server runs on ${secret}`)
      : verdict(
          UNKNOWN,
          'ExternalPostgres',
          `The function cannot see ${secret}; it is proven once the server is available`,
        );
  }
  const problem = perconaProblem(server, observed.postgres);
  return problem
    ? verdict(FALSE, 'PerconaNotReady', problem)
    : verdict(TRUE, 'PerconaReady', `PerconaPGCluster ${server.names.postgresCluster} is ready`);
}

export function backupVerdict(
  { server, backup }: Composition,
  observed: ObservedResources,
): Verdict {
  if (!backup.enabled) return verdict(FALSE, 'BackupDisabled', 'Backups are not enabled');
  const ref = server.percona?.backup?.credentialsSecretRef.name ?? '';
  const { credentials } = backup;
  if (credentials.state === 'missing') {
    return verdict(
      FALSE,
      'CredentialsNotFound',
      `Secret ${ref} with the S3 credentials was not found in namespace ${server.namespace}`,
    );
  }
  if (credentials.state === 'invalid')
    return verdict(FALSE, 'CredentialsInvalid', credentials.problem);
  const cluster = observed.postgres;
  if (!cluster || !perconaStatusCurrent(cluster)) {
    return verdict(FALSE, 'BackupNotReady', perconaProblem(server, cluster) ?? '');
  }
  const forBackup = condition(cluster, 'ReadyForBackup');
  if (forBackup?.status !== 'True') {
    const why = forBackup
      ? `ReadyForBackup is ${forBackup.status}${forBackup.reason ? ` (${forBackup.reason})` : ''}`
      : 'ReadyForBackup is not reported yet';
    return verdict(
      FALSE,
      'BackupNotReady',
      `PerconaPGCluster ${server.names.postgresCluster}: ${why}`,
    );
  }
  if (!stanzaCreated(cluster)) {
    return verdict(
      FALSE,
      'StanzaNotCreated',
      'The pgBackRest stanza of repo1 has not been created yet',
    );
  }
  return verdict(TRUE, 'BackupReady', 'Percona is ready for backups and the repo1 stanza exists');
}

export function availableVerdict(
  { server, deploymentDeferred }: Composition,
  observed: ObservedResources,
): Verdict {
  const name = `Deployment ${server.names.deployment}`;
  if (server.spec.replicas === 0)
    return verdict(TRUE, 'Stopped', 'The server is stopped (spec.replicas is 0)');
  if (deploymentDeferred) {
    return verdict(
      FALSE,
      'WaitingForDatabase',
      `${name} is created once PerconaPGCluster ${server.names.postgresCluster} is ready`,
    );
  }
  if (!observed.deployment) return verdict(FALSE, 'Creating', `${name} does not exist yet`);
  if (serverAvailable(server, observed))
    return verdict(TRUE, 'Available', 'The server is available');
  return verdict(FALSE, 'Unavailable', `${name} ${rolloutProblem(observed.deployment)}`);
}

/**
 * Which of the readiness rules of `deploymentReady` the observed Deployment fails, read
 * the same way (counts that are not integers read as 0), so the message never contradicts
 * the verdict.
 */
function rolloutProblem(deployment: Fields): string {
  const replicas = integer(deployment, 'spec', 'replicas') ?? 1;
  const generation = integer(deployment, 'metadata', 'generation') ?? 0;
  const observedGeneration = integer(deployment, 'status', 'observedGeneration') ?? -1;
  if (observedGeneration < generation) return 'has not been observed at its latest spec yet';
  const available = integer(deployment, 'status', 'availableReplicas') ?? 0;
  if (available !== replicas) return `has ${available} of ${replicas} replicas available`;
  const updated = integer(deployment, 'status', 'updatedReplicas') ?? 0;
  if (updated !== replicas) return `has ${updated} of ${replicas} replicas updated`;
  return 'does not report condition Available=True';
}
