/**
 * The judgements the XR reports (api.md §4): is the database ready, do backups work, is
 * the server available. Each has a fixed CamelCase reason and a one-line message; they are
 * made once per call (`judge`) and both the conditions and the status fields read them, so
 * the two can never disagree.
 */
import type { DittoServer } from '../api/parse.js';
import type { BackupHistory } from '../observe/backups.js';
import { integer, type Fields } from '../observe/fields.js';
import type { Observation } from '../observe/observe.js';
import type { PerconaView } from '../observe/percona.js';
import type { Plan } from '../safety/plan.js';
import { ConditionStatus } from '../wire/types.js';
import { configuredVerdict, type ConfiguredVerdict } from './configured.js';
import { heldVerdict, lastBackupFailed } from './lifecycle.js';

export type Verdict = {
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
};

export type Verdicts = {
  /** Replicas wanted and the observed Deployment available. */
  readonly serverAvailable: boolean;
  readonly database: Verdict;
  readonly backup: Verdict;
  readonly available: Verdict;
  /** Whether the running server matches the spec's stores, shares and adapters (api.md §7). */
  readonly configured: ConfiguredVerdict;
};

const verdict = (status: ConditionStatus, reason: string, message: string): Verdict => ({
  status,
  reason,
  message,
});
const TRUE = ConditionStatus.TRUE;
const FALSE = ConditionStatus.FALSE;
const UNKNOWN = ConditionStatus.UNKNOWN;

/** Why the Percona cluster is not usable yet, or undefined when it is ready. */
function perconaProblem(server: DittoServer, percona: PerconaView): string | undefined {
  const name = `PerconaPGCluster ${server.names.postgresCluster}`;
  if (!percona.cluster) return `${name} does not exist yet`;
  if (!percona.current) return `${name} has not reported on its latest spec yet`;
  if (percona.state === '') return `${name} has not reported a state yet`;
  return percona.state === 'ready' ? undefined : `${name} is ${percona.state}`;
}

function databaseVerdict(
  server: DittoServer,
  percona: PerconaView,
  serverAvailable: boolean,
): Verdict {
  const { database } = server;
  if (database.type === 'sqlite')
    return verdict(TRUE, 'SQLite', 'The control plane uses its embedded SQLite database');
  if (database.source === 'external') {
    const secret = `the external PostgreSQL of Secret ${database.secretName}`;
    return serverAvailable
      ? verdict(TRUE, 'ExternalPostgres', `The server runs on ${secret}`)
      : verdict(
          UNKNOWN,
          'ExternalPostgres',
          `The function cannot see ${secret}; it is proven once the server is available`,
        );
  }
  const problem = perconaProblem(server, percona);
  return problem
    ? verdict(FALSE, 'PerconaNotReady', problem)
    : verdict(TRUE, 'PerconaReady', `PerconaPGCluster ${server.names.postgresCluster} is ready`);
}

function backupVerdict(
  { server, backup }: Plan,
  percona: PerconaView,
  history: BackupHistory,
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
  if (!percona.cluster || !percona.current) {
    return verdict(FALSE, 'BackupNotReady', perconaProblem(server, percona) ?? '');
  }
  const forBackup = percona.readyForBackup;
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
  if (!percona.stanzaCreated) {
    return verdict(
      FALSE,
      'StanzaNotCreated',
      'The pgBackRest stanza of repo1 has not been created yet',
    );
  }
  return (
    lastBackupFailed(history) ??
    verdict(TRUE, 'BackupReady', 'Percona is ready for backups and the repo1 stanza exists')
  );
}

function availableVerdict(
  { server, deploymentHeld, lifecycle }: Plan,
  { resources, identity }: Observation,
  serverAvailable: boolean,
): Verdict {
  const name = `Deployment ${server.names.deployment}`;
  const deployment = resources.deployment;
  if (server.spec.replicas === 0)
    return verdict(TRUE, 'Stopped', 'The server is stopped (spec.replicas is 0)');
  const identityProblems = [identity.jwt.problem, identity.admin.problem].filter(
    (problem) => problem !== undefined,
  );
  if (identityProblems.length > 0) {
    const then = deployment
      ? 'the server would not start again'
      : `${name} is created once DittoFS accepts them`;
    return verdict(
      FALSE,
      'IdentitySecretInvalid',
      `${identityProblems.join('; ')} in namespace ${server.namespace}: ${then}`,
    );
  }
  if (lifecycle.hold) return heldVerdict(server, lifecycle.hold);
  if (deploymentHeld === 'database') {
    return verdict(
      FALSE,
      'WaitingForDatabase',
      `${name} is created once PerconaPGCluster ${server.names.postgresCluster} is ready`,
    );
  }
  if (!deployment) return verdict(FALSE, 'Creating', `${name} does not exist yet`);
  if (serverAvailable) return verdict(TRUE, 'Available', 'The server is available');
  return verdict(FALSE, 'Unavailable', `${name} ${rolloutProblem(deployment)}`);
}

/**
 * Which of the readiness rules of `deploymentReady` the observed Deployment fails, read
 * the same way (counts that are not integers read as 0), so the message never contradicts
 * the verdict.
 */
function rolloutProblem(deployment: Fields): string {
  const replicas = integer(deployment, 'spec', 'replicas') ?? 1;
  // Held for a restore or an upgrade until the last call; this call brings it back.
  if (replicas === 0) return 'is still scaled to 0 replicas';
  const generation = integer(deployment, 'metadata', 'generation') ?? 0;
  const observedGeneration = integer(deployment, 'status', 'observedGeneration') ?? -1;
  if (observedGeneration < generation) return 'has not been observed at its latest spec yet';
  const available = integer(deployment, 'status', 'availableReplicas') ?? 0;
  if (available !== replicas) return `has ${available} of ${replicas} replicas available`;
  const updated = integer(deployment, 'status', 'updatedReplicas') ?? 0;
  if (updated !== replicas) return `has ${updated} of ${replicas} replicas updated`;
  return 'does not report condition Available=True';
}

export function judge(plan: Plan, observation: Observation): Verdicts {
  const { server } = plan;
  // A Deployment at 0 replicas is ready, but serves nothing: held, or not scaled up yet.
  const scaled = (integer(observation.resources.deployment, 'spec', 'replicas') ?? 1) > 0;
  const serverAvailable =
    server.spec.replicas > 0 &&
    plan.lifecycle.hold === undefined &&
    scaled &&
    observation.ready.deployment === true;
  return {
    serverAvailable,
    database: databaseVerdict(server, observation.percona, serverAvailable),
    backup: backupVerdict(plan, observation.percona, observation.lifecycle.backups),
    available: availableVerdict(plan, observation, serverAvailable),
    configured: configuredVerdict(plan, observation),
  };
}
