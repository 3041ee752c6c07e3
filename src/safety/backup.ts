/**
 * What the backup Secret becomes on this call. Fresh credentials give a fresh `s3.conf`;
 * credentials that are gone or broken keep the `s3.conf` pgBackRest already uses, as it is,
 * so a deleted or mistyped Secret never takes backups down. Turning backups off keeps the
 * Secret while the cluster still reads it, and never touches what is in S3 (api.md §6).
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import { S3_CONF_KEY, s3Conf } from '../compose/backup-secret.js';
import { backupRepoPath } from '../names.js';
import type { Credentials } from '../observe/credentials.js';
import { at, text, type Fields } from '../observe/fields.js';
import type { PerconaView } from '../observe/percona.js';
import type { Kept } from './kept.js';

export type BackupPlan =
  | {
      readonly enabled: false;
      /** The content of our `<n>-pgbackrest-s3` while a cluster that is turning backups off still reads it. */
      readonly s3Conf: string | undefined;
    }
  | {
      readonly enabled: true;
      readonly credentials: Credentials;
      /** The Secret the cluster's pgBackRest reads: the user's own `.conf` Secret, or ours. */
      readonly secretName: string;
      /** The content of our `<n>-pgbackrest-s3`; undefined when none is composed. */
      readonly s3Conf: string | undefined;
    };

function keptConf(observedSecret: Fields | undefined): string | undefined {
  const kept = text(at(observedSecret, 'data'), S3_CONF_KEY);
  return kept === undefined ? undefined : Buffer.from(kept, 'base64').toString('utf8');
}

/** Backups are off in the spec: the cluster stops, S3 stays, our Secret stays while read. */
function backupsOff(
  server: DittoServer,
  percona: PerconaView,
  observedSecret: Fields | undefined,
): Kept<BackupPlan> {
  const ours = server.names.backupSecret;
  const observed = percona.spec;
  // Until the operator has acted on the spec without the Secret, pgBackRest may still read it.
  const inUse =
    observed !== undefined && (observed.backupSecretNames.includes(ours) || !percona.current);
  const s3 = inUse ? keptConf(observedSecret) : undefined;
  if (!observed?.backupsEnabled && s3 === undefined) {
    return { value: { enabled: false, s3Conf: undefined }, notices: [] };
  }
  const secret =
    s3 === undefined ? '' : `; Secret ${ours} is kept until the cluster no longer reads it`;
  const notice: Notice = {
    reason: 'BackupsTurnedOff',
    message: `spec.percona.backup.enabled is false, so PerconaPGCluster ${server.names.postgresCluster} stops backing up (with the pgv2.percona.com/authorizeBackupRemoval annotation Percona requires); the backups already in S3 under ${backupRepoPath(server.namespace, server.name)} are kept: delete them there when you no longer need them${secret}`,
  };
  return { value: { enabled: false, s3Conf: s3 }, notices: [notice] };
}

export function planBackup(
  server: DittoServer,
  credentials: Credentials | undefined,
  observedSecret: Fields | undefined,
  percona: PerconaView,
): Kept<BackupPlan> {
  const backup = server.percona?.backup;
  if (!server.percona) return { value: { enabled: false, s3Conf: undefined }, notices: [] };
  if (!backup || !credentials) return backupsOff(server, percona, observedSecret);
  if (credentials.state === 'conf') {
    return {
      value: {
        enabled: true,
        credentials,
        secretName: backup.credentialsSecretRef.name,
        s3Conf: undefined,
      },
      notices: [],
    };
  }
  const conf =
    credentials.state === 'keys'
      ? s3Conf(credentials.accessKeyId, credentials.secretAccessKey)
      : keptConf(observedSecret);
  return {
    value: { enabled: true, credentials, secretName: server.names.backupSecret, s3Conf: conf },
    notices: [],
  };
}
