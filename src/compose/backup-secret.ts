/** The pgBackRest S3 credentials Secret `<n>-pgbackrest-s3` (api.md §3, percona.md §2). */
import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
import type { Secret } from './types.js';

/** pgBackRest reads only `*.conf` files from /etc/pgbackrest/conf.d, one per Secret key. */
export const S3_CONF_KEY = 's3.conf';

/**
 * The pgBackRest INI for repo1's S3 keys. Callers check for line breaks first and report
 * them as bad input; refusing them here as well means a value can never add INI lines.
 */
export function s3Conf(accessKeyId: string, secretAccessKey: string): string {
  if (/[\r\n]/.test(accessKeyId) || /[\r\n]/.test(secretAccessKey)) {
    throw new Error('S3 credentials must not contain line breaks');
  }
  return `[global]\nrepo1-s3-key=${accessKeyId}\nrepo1-s3-key-secret=${secretAccessKey}\n`;
}

/**
 * `data`, not `stringData`: the API server returns Secrets as `data`, so the observed
 * Secret compares equal to the desired one.
 */
export function backupSecret(server: DittoServer, s3ConfText: string): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: server.names.backupSecret,
      namespace: server.namespace,
      labels: labels(server.name, 'backup'),
    },
    type: 'Opaque',
    data: { [S3_CONF_KEY]: Buffer.from(s3ConfText, 'utf8').toString('base64') },
  };
}
