/**
 * The init container that holds the server back until PostgreSQL accepts connections, so
 * the server does not crash-loop while Percona finishes bootstrapping after a restart.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { DittoServer } from '../api/parse.js';
import { waitForPostgresEnv } from './database-env.js';
import { containerSecurityContext } from './security-context.js';

/** Give up (and let the kubelet restart the pod) after this long. */
export const WAIT_TIMEOUT_SECONDS = 300;
const RETRY_SECONDS = 2;

/** Bounded by wall-clock time, so slow pg_isready calls (-t 5) cannot stretch the wait. */
export const WAIT_SCRIPT = [
  `deadline=$(( $(date +%s) + ${WAIT_TIMEOUT_SECONDS} ))`,
  'until pg_isready -h "$PGHOST" -p "$PGPORT" -d "$PGDATABASE" -U "$PGUSER" -t 5; do',
  '  if [ "$(date +%s)" -ge "$deadline" ]; then',
  `    echo "PostgreSQL at $PGHOST:$PGPORT not ready after ${WAIT_TIMEOUT_SECONDS}s, giving up"`,
  '    exit 1',
  '  fi',
  `  sleep ${RETRY_SECONDS}`,
  'done',
  'echo "PostgreSQL at $PGHOST:$PGPORT is ready"',
].join('\n');

/** Runs in the PostgreSQL image already configured for the cluster, so no extra image. */
export function waitForPostgresContainer(server: DittoServer): IContainer {
  return {
    name: 'wait-for-postgres',
    image: server.perconaSettings.postgresImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['/bin/sh', '-c', WAIT_SCRIPT],
    env: waitForPostgresEnv(server),
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
    securityContext: containerSecurityContext(),
  };
}
