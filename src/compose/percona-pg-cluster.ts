import type { DittoServer } from '../api/parse.js';
import type { ResolvedPercona } from '../api/resolve.js';
import type { KubeObject } from './types.js';

/**
 * STUB (helper A): PerconaPGCluster `<n>-postgres`. `backupSecretName` is the Secret the
 * pgBackRest configuration references (ours, or the user's own `*.conf` Secret); it is
 * undefined exactly when `percona.backup` is undefined.
 */
export function perconaPGCluster(
  _server: DittoServer,
  _percona: ResolvedPercona,
  _backupSecretName: string | undefined,
): KubeObject {
  throw new Error('not implemented');
}
