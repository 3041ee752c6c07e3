/**
 * The XR conditions DatabaseReady, BackupReady and Available (api.md §4): fixed CamelCase
 * reasons, one-line messages derived only from observed state, so the same observation
 * always gives the same conditions and nothing flaps.
 */
import { Status, Target, type Condition } from '@crossplane-org/function-sdk-typescript';
import type { DittoServer } from '../api/parse.js';
import type { Composition } from '../compose/index.js';
import { condition, integer, text } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import { perconaStatusCurrent } from '../observe/readiness.js';
import { readyForBackup, serverAvailable, stanzaCreated } from './status.js';

type Verdict = readonly [status: Status, reason: string, message: string];

const TRUE = Status.STATUS_CONDITION_TRUE;
const FALSE = Status.STATUS_CONDITION_FALSE;
const UNKNOWN = Status.STATUS_CONDITION_UNKNOWN;

/** Why the Percona cluster is not usable yet, or undefined when it is ready. */
function perconaProblem(server: DittoServer, observed: ObservedResources): string | undefined {
  const name = `PerconaPGCluster ${server.names.postgresCluster}`;
  const cluster = observed.postgres;
  if (!cluster) return `${name} does not exist yet`;
  if (!perconaStatusCurrent(cluster)) return `${name} has not reported on its latest spec yet`;
  const state = text(cluster, 'status', 'state');
  if (state === undefined || state === '') return `${name} has not reported a state yet`;
  return state === 'ready' ? undefined : `${name} is ${state}`;
}

function databaseReady(server: DittoServer, observed: ObservedResources): Verdict {
  const { database } = server;
  if (database.type === 'sqlite')
    return [TRUE, 'SQLite', 'The control plane uses its embedded SQLite database'];
  if (database.source === 'external') {
    return serverAvailable(server, observed)
      ? [
          TRUE,
          'ExternalPostgres',
          `The server runs on the external PostgreSQL of Secret ${database.secretName}`,
        ]
      : [
          UNKNOWN,
          'ExternalPostgres',
          `The external PostgreSQL of Secret ${database.secretName} is proven once the server is available`,
        ];
  }
  const problem = perconaProblem(server, observed);
  return problem
    ? [FALSE, 'PerconaNotReady', problem]
    : [TRUE, 'PerconaReady', `PerconaPGCluster ${server.names.postgresCluster} is ready`];
}

function backupReady({ server, backup }: Composition, observed: ObservedResources): Verdict {
  if (!backup.enabled) return [FALSE, 'BackupDisabled', 'Backups are not enabled'];
  const ref = server.percona?.backup?.credentialsSecretRef.name ?? '';
  if (backup.credentials.state === 'missing') {
    return [
      FALSE,
      'CredentialsNotFound',
      `Secret ${ref} with the S3 credentials was not found in namespace ${server.namespace}`,
    ];
  }
  if (backup.credentials.state === 'invalid')
    return [FALSE, 'CredentialsInvalid', backup.credentials.problem];
  const cluster = observed.postgres;
  if (!cluster || !perconaStatusCurrent(cluster)) {
    return [FALSE, 'BackupNotReady', perconaProblem(server, observed) ?? ''];
  }
  const forBackup = condition(observed.postgres, 'ReadyForBackup');
  if (!readyForBackup(observed.postgres)) {
    const why = forBackup
      ? `ReadyForBackup is ${forBackup.status}${forBackup.reason ? ` (${forBackup.reason})` : ''}`
      : 'ReadyForBackup is not reported yet';
    return [FALSE, 'BackupNotReady', `PerconaPGCluster ${server.names.postgresCluster}: ${why}`];
  }
  if (!stanzaCreated(observed.postgres)) {
    return [FALSE, 'StanzaNotCreated', 'The pgBackRest stanza of repo1 has not been created yet'];
  }
  return [TRUE, 'BackupReady', 'Percona is ready for backups and the repo1 stanza exists'];
}

function available(
  { server, deploymentDeferred }: Composition,
  observed: ObservedResources,
): Verdict {
  const name = `Deployment ${server.names.deployment}`;
  if (server.spec.replicas === 0)
    return [TRUE, 'Stopped', 'The server is stopped (spec.replicas is 0)'];
  if (deploymentDeferred) {
    return [
      FALSE,
      'WaitingForDatabase',
      `${name} is created once PerconaPGCluster ${server.names.postgresCluster} is ready`,
    ];
  }
  if (!observed.deployment) return [FALSE, 'Creating', `${name} does not exist yet`];
  if (serverAvailable(server, observed)) return [TRUE, 'Available', 'The server is available'];
  const ready = integer(observed.deployment, 'status', 'availableReplicas') ?? 0;
  return [
    FALSE,
    'Unavailable',
    `${name} has ${ready} of ${server.spec.replicas} replicas available`,
  ];
}

export function deriveConditions(
  composition: Composition,
  observed: ObservedResources,
): Condition[] {
  const verdicts: [string, Verdict][] = [
    ['DatabaseReady', databaseReady(composition.server, observed)],
    ['BackupReady', backupReady(composition, observed)],
    ['Available', available(composition, observed)],
  ];
  return verdicts.map(([type, [status, reason, message]]) => ({
    type,
    status,
    reason,
    message,
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  }));
}
