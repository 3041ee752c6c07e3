/**
 * `spec.dataSource` of a new PerconaPGCluster started from pgBackRest backups in S3
 * (`spec.percona.bootstrapFrom`, api.md §8). The bootstrap restore reads only the data
 * source's own `global`, `repo` and `configuration` (Crunchy pgbackrest.go), not the
 * cluster's backup settings: the credentials Secret and every S3 option are repeated here.
 */
import type { ResolvedBackup } from '../api/resolve.js';
import { BACKUP_REPO } from './percona-backups.js';
import type { PerconaPGCluster } from './types.js';

export type DataSource = NonNullable<PerconaPGCluster['spec']['dataSource']>;

/** Crunchy's only stanza name (`DefaultStanzaName`); required by the CRD. */
const STANZA = 'db';

export function bootstrapDataSource(
  repoPath: string,
  backup: ResolvedBackup,
  secretName: string,
): DataSource {
  const { port } = backup.endpoint;
  return {
    pgbackrest: {
      stanza: STANZA,
      // Not optional, unlike the cluster's own: without the keys there is nothing to
      // start from, so the restore waits for the Secret instead of failing.
      configuration: [{ secret: { name: secretName } }],
      global: {
        'repo1-path': repoPath,
        'repo1-s3-uri-style': backup.uriStyle,
        'repo1-storage-verify-tls': backup.verifyTLS ? 'y' : 'n',
        ...(port === undefined ? {} : { 'repo1-storage-port': String(port) }),
      },
      repo: {
        name: BACKUP_REPO,
        s3: { bucket: backup.bucket, endpoint: backup.endpoint.host, region: backup.region },
      },
    },
  };
}
