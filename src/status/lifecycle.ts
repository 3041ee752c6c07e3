/**
 * What the XR reports of the Percona lifecycle (api.md §4, §8): the backup history, the
 * restore asked for, the phase while a restore or an upgrade holds the server, and the
 * verdicts those change.
 */
import type { DittoServerStatus } from '../api/status.js';
import type { DittoServer } from '../api/parse.js';
import type { BackupHistory } from '../observe/backups.js';
import type { Hold, LifecyclePlan } from '../safety/lifecycle.js';
import { ConditionStatus } from '../wire/types.js';
import type { Verdict } from './verdicts.js';

type BackupStatus = DittoServerStatus['backup'];

/** The history fields of `status.backup`, each only once known. */
export function backupHistory(
  history: BackupHistory,
): Pick<BackupStatus, 'lastSuccessful' | 'lastFailed' | 'latestRestorableTime'> {
  const { lastSuccessful, lastFailed, latestRestorableTime } = history;
  return {
    ...(lastSuccessful && { lastSuccessful }),
    ...(lastFailed && { lastFailed }),
    ...(latestRestorableTime !== undefined && { latestRestorableTime }),
  };
}

/**
 * BackupReady=False, reason LastBackupFailed, when the newest finished backup failed
 * (BackupHistory.newestFailed says how "newest" is decided); undefined otherwise.
 */
export function lastBackupFailed(history: BackupHistory): Verdict | undefined {
  const { lastFailed, lastSuccessful } = history;
  if (!history.newestFailed || !lastFailed) return undefined;
  const since = lastSuccessful
    ? `the newest that succeeded is ${lastSuccessful.name}`
    : 'none has succeeded yet';
  return {
    status: ConditionStatus.FALSE,
    reason: 'LastBackupFailed',
    message: `The newest backup, PerconaPGBackup ${lastFailed.name}, failed; ${since}`,
  };
}

/** Available=False while a restore or an upgrade holds the server at 0 replicas. */
export function heldVerdict(server: DittoServer, hold: NonNullable<Hold>): Verdict {
  return {
    status: ConditionStatus.FALSE,
    reason: hold.operation === 'restore' ? 'Restoring' : 'Upgrading',
    message: `Deployment ${server.names.deployment} is held at 0 replicas while ${hold.object} runs`,
  };
}

/**
 * Stopped when spec.replicas is 0; Restoring or Upgrading while one holds the server;
 * Running once the server is available; Pending otherwise.
 */
export function phase(
  server: DittoServer,
  hold: Hold,
  serving: boolean,
): DittoServerStatus['phase'] {
  if (server.spec.replicas === 0) return 'Stopped';
  if (hold) return hold.operation === 'restore' ? 'Restoring' : 'Upgrading';
  return serving ? 'Running' : 'Pending';
}

/** `status.restore`, only when a restore is asked for. */
export function restoreStatus(
  lifecycle: LifecyclePlan,
): Pick<DittoServerStatus, 'restore'> | Record<string, never> {
  const restore = lifecycle.restoreStatus;
  return restore ? { restore: { name: restore.name, state: restore.state } } : {};
}
