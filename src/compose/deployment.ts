import type { DittoServer } from '../api/parse.js';
import type { VolumeClaim } from './pvc.js';
import type { KubeObject } from './types.js';

/** STUB (helper B): the DittoFS Deployment `<n>`. */
export function deployment(
  _server: DittoServer,
  _options: { configHash: string; volumes: readonly VolumeClaim[] },
): KubeObject {
  throw new Error('not implemented');
}
