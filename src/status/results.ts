/**
 * Warning results: only for things a human must act on, each naming what to do. Nothing
 * is reported on a healthy call.
 */
import type { Notice } from '../api/resolve.js';
import type { Observation } from '../observe/observe.js';
import { expectedKind } from '../observe/observed.js';
import type { Plan } from '../safety/plan.js';
import { Severity, Target, type Result } from '../wire/types.js';

function credentialNotices({ server, backup }: Plan): Notice[] {
  if (!backup.enabled) return [];
  const until =
    backup.s3Conf !== undefined
      ? `Secret ${server.names.backupSecret} keeps the last known credentials until then`
      : 'backups cannot run until then';
  switch (backup.credentials.state) {
    case 'missing': {
      const ref = server.percona?.backup?.credentialsSecretRef.name ?? '';
      return [
        {
          reason: 'CredentialsNotFound',
          message: `Secret ${ref} with the S3 credentials was not found in namespace ${server.namespace}: create it or fix spec.percona.backup.credentialsSecretRef; ${until}`,
        },
      ];
    }
    case 'invalid':
      return [
        {
          reason: 'CredentialsInvalid',
          message: `${backup.credentials.problem}: fix the Secret; ${until}`,
        },
      ];
    default:
      return [];
  }
}

function unexpectedKinds(observation: Observation): Notice[] {
  return observation.unexpected.map(({ key, found }) => ({
    reason: 'UnexpectedObservedKind',
    message: `the observed resource ${key} is ${found}, not ${expectedKind(key)}; it is ignored: delete it so the function can compose its own`,
  }));
}

export function deriveResults(plan: Plan, observation: Observation): Result[] {
  const notices = [...plan.notices, ...credentialNotices(plan), ...unexpectedKinds(observation)];
  return notices.map(({ reason, message }) => ({
    severity: Severity.WARNING,
    message,
    reason,
    target: Target.COMPOSITE_AND_CLAIM,
  }));
}
