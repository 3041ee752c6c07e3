/**
 * What the backup Secret becomes on this call. Fresh credentials give a fresh `s3.conf`;
 * credentials that are gone or broken keep the `s3.conf` pgBackRest already uses, as it is,
 * so a deleted or mistyped Secret never takes backups down (api.md §6).
 */
import type { DittoServer } from '../api/parse.js';
import { S3_CONF_KEY, s3Conf } from '../compose/backup-secret.js';
import type { Credentials } from '../observe/credentials.js';
import { at, text, type Fields } from '../observe/fields.js';

export type BackupPlan =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly credentials: Credentials;
      /** The Secret the cluster's pgBackRest reads: the user's own `.conf` Secret, or ours. */
      readonly secretName: string;
      /** The content of our `<n>-pgbackrest-s3`; undefined when none is composed. */
      readonly s3Conf: string | undefined;
    };

export function planBackup(
  server: DittoServer,
  credentials: Credentials | undefined,
  observedSecret: Fields | undefined,
): BackupPlan {
  const backup = server.percona?.backup;
  if (!backup || !credentials) return { enabled: false };
  if (credentials.state === 'conf') {
    return {
      enabled: true,
      credentials,
      secretName: backup.credentialsSecretRef.name,
      s3Conf: undefined,
    };
  }
  const kept = text(at(observedSecret, 'data'), S3_CONF_KEY);
  const conf =
    credentials.state === 'keys'
      ? s3Conf(credentials.accessKeyId, credentials.secretAccessKey)
      : kept === undefined
        ? undefined
        : Buffer.from(kept, 'base64').toString('utf8');
  return { enabled: true, credentials, secretName: server.names.backupSecret, s3Conf: conf };
}
