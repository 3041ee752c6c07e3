/** `spec.backups` of the PerconaPGCluster: pgBackRest to one S3 repository, or off. */
import type { ResolvedBackup } from '../api/resolve.js';
import { backupRepoPath } from '../names.js';
import type { PerconaPGCluster } from './types.js';

/** pgBackRest repositories are repo1..repo4; we use one, and every `global` key names it. */
export const BACKUP_REPO = 'repo1';

export type BackupTarget = {
  /** Where the XR lives: repo1-path is unique per namespace and name (api.md §3). */
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
};

/**
 * pgBackRest options the operator does not derive from `repos[].s3`. The CRD types
 * `global` as a string map, so every value is a string.
 */
function pgBackRestGlobal(target: BackupTarget, backup: ResolvedBackup): Record<string, string> {
  const { port } = backup.endpoint;
  return {
    'repo1-path': backupRepoPath(target.namespace, target.name),
    // The Go operator drops retentionDays; "time" makes the number count days, not backups.
    'repo1-retention-full': String(backup.retentionDays),
    'repo1-retention-full-type': 'time',
    'repo1-s3-uri-style': backup.uriStyle,
    // Only skips certificate checks: pgBackRest 2.57 always talks HTTPS to S3.
    'repo1-storage-verify-tls': backup.verifyTLS ? 'y' : 'n',
    // s3.endpoint must be a bare host; the port travels separately.
    ...(port === undefined ? {} : { 'repo1-storage-port': String(port) }),
  };
}

/**
 * `spec.backups`. Off, it is exactly `{enabled: false}`: the CRD's CEL rule rejects a
 * backups block without repositories unless `enabled` is explicitly false (unset means on).
 * `secretName` is the Secret holding the `*.conf` with the S3 keys; undefined only by a
 * caller bug, and then `configuration` is left out rather than pointing at nothing.
 */
export function perconaBackups(
  target: BackupTarget,
  backup: ResolvedBackup | undefined,
  secretName: string | undefined,
): PerconaPGCluster['spec']['backups'] {
  if (!backup) return { enabled: false };
  return {
    enabled: true,
    pgbackrest: {
      // 2.8.2 ships no default images (no RELATED_IMAGE_*): without it the cluster never starts.
      image: target.image,
      // Each key is projected into /etc/pgbackrest/conf.d; pgBackRest reads only `*.conf`.
      // Optional, so a missing credentials Secret stops backups but not the database pods.
      ...(secretName === undefined
        ? {}
        : { configuration: [{ secret: { name: secretName, optional: true } }] }),
      global: pgBackRestGlobal(target, backup),
      repos: [
        {
          name: BACKUP_REPO,
          s3: { bucket: backup.bucket, endpoint: backup.endpoint.host, region: backup.region },
          // Run by the Percona operator's own cron, which backs up only while state is ready.
          schedules: { full: backup.fullSchedule, incremental: backup.incrSchedule },
        },
      ],
    },
  };
}
