/**
 * The server's pgBackRest backups, as the PerconaPGBackup objects Crossplane fetched for
 * the `backups` requirement (by SERVER_LABEL): the newest that succeeded, the newest that
 * failed, and whether the newest finished one failed (api.md §8). Operator states
 * (perconapgbackup_types.go): "" | Starting | Running | Failed | Succeeded.
 */
import { BACKUPS_REQUIREMENT } from '../names.js';
import { PERCONA_BACKUP } from '../resources.js';
import { epochMillis, rfc3339FromPercona } from '../timestamps.js';
import type { FunctionRequest } from '../wire/types.js';
import { list, text, type Fields } from './fields.js';
import { requiredObjects } from './required.js';

export type BackupHistory = {
  /** The newest backup that succeeded: Percona's own notion (the latest `completed`). */
  readonly lastSuccessful:
    { readonly name: string; readonly completedAt: string; readonly type: string } | undefined;
  /** The newest backup that failed; `at` is its creation time (a failed one never completes). */
  readonly lastFailed: { readonly name: string; readonly at: string } | undefined;
  /** RFC 3339 (UTC); Percona keeps it current on the newest successful backup only. */
  readonly latestRestorableTime: string | undefined;
  /** The newest finished backup failed: BackupReady=False, reason LastBackupFailed. */
  readonly newestFailed: boolean;
};

type Backup = {
  readonly name: string;
  readonly state: string;
  /** `metadata.creationTimestamp` as written, and as milliseconds for ordering. */
  readonly createdAt: string;
  readonly created: number;
  readonly completed: string;
  readonly type: string;
  readonly latestRestorableTime: string;
};

/** A time for ordering: unreadable ones sort before every real one. */
const when = (value: string) => {
  const millis = epochMillis(value);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
};

/** `--type=full` in the options the backup was created with (scheduled ones carry it). */
function optionType(backup: Fields): string {
  for (const option of list(backup, 'spec', 'options')) {
    if (typeof option === 'string' && option.startsWith('--type=')) return option.slice(7);
  }
  return '';
}

function readBackup(object: Fields, cluster: string): Backup | undefined {
  const name = text(object, 'metadata', 'name');
  const isBackup =
    text(object, 'apiVersion') === PERCONA_BACKUP.apiVersion &&
    text(object, 'kind') === PERCONA_BACKUP.kind;
  // The label could be copied by hand onto another cluster's backup: the spec decides.
  if (!isBackup || !name || text(object, 'spec', 'pgCluster') !== cluster) return undefined;
  const createdAt = text(object, 'metadata', 'creationTimestamp') ?? '';
  return {
    name,
    state: text(object, 'status', 'state') ?? '',
    createdAt,
    created: when(createdAt),
    completed: text(object, 'status', 'completed') ?? '',
    // pgBackRest's own word for the backup it made (full, diff, incr), else what was asked.
    type: text(object, 'status', 'backupType') ?? optionType(object),
    latestRestorableTime: text(object, 'status', 'latestRestorableTime') ?? '',
  };
}

/** The greatest by `key`, ties broken by name, so the answer never depends on list order. */
function newest(backups: readonly Backup[], key: (backup: Backup) => number): Backup | undefined {
  let best: Backup | undefined;
  for (const backup of backups) {
    const [mine, theirs] = [key(backup), best ? key(best) : Number.NEGATIVE_INFINITY];
    if (!best || mine > theirs || (mine === theirs && backup.name > best.name)) best = backup;
  }
  return best;
}

export function readBackups(req: FunctionRequest, cluster: string): BackupHistory {
  const backups = requiredObjects(req, BACKUPS_REQUIREMENT).flatMap((object) => {
    const backup = readBackup(object, cluster);
    return backup ? [backup] : [];
  });
  const succeeded = backups.filter((backup) => backup.state === 'Succeeded');
  const failed = backups.filter((backup) => backup.state === 'Failed');
  // As Percona's WAL watcher picks it: the latest `completed`, else the creation time.
  const success = newest(succeeded, (backup) =>
    backup.completed ? when(backup.completed) : backup.created,
  );
  const failure = newest(failed, (backup) => backup.created);
  // "Newest" among finished backups is by creation time, the only time a failed one has;
  // running ones do not count, so the verdict holds still while the next backup runs. On a
  // tie (the full and incremental schedules fire in the same minute) the failure wins: a
  // success must not hide it.
  const newestSuccess = newest(succeeded, (backup) => backup.created);
  const newestFailed =
    failure !== undefined && (!newestSuccess || failure.created >= newestSuccess.created);
  return {
    lastSuccessful: success && {
      name: success.name,
      completedAt: success.completed,
      type: success.type,
    },
    lastFailed: failure && { name: failure.name, at: failure.createdAt },
    latestRestorableTime: success && rfc3339FromPercona(success.latestRestorableTime),
    newestFailed,
  };
}
