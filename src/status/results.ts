/**
 * Warning results: only for things a human must act on, each naming what to do. Nothing
 * is reported on a healthy call.
 */
import { Severity, Target, type Result } from '@crossplane-org/function-sdk-typescript';
import type { Notice } from '../api/resolve.js';
import type { Composition } from '../compose/index.js';
import { expectedKind, type Observation } from '../observe/observed.js';

function credentialNotices({ server, backup, resources }: Composition): Notice[] {
  if (!backup.enabled) return [];
  const until = resources.has('backup-secret')
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

export function deriveResults(composition: Composition, observation: Observation): Result[] {
  const notices = [
    ...composition.notices,
    ...credentialNotices(composition),
    ...unexpectedKinds(observation),
  ];
  return notices.map(({ reason, message }) => ({
    severity: Severity.SEVERITY_WARNING,
    message,
    reason,
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  }));
}
