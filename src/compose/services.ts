import type { DittoServer } from '../api/parse.js';
import type { KubeObject } from './types.js';

/** STUB (helper B): Service `<n>-api`. */
export function apiService(_server: DittoServer): KubeObject {
  throw new Error('not implemented');
}

/** STUB (helper B): Service `<n>-nfs` or `<n>-smb`. */
export function adapterService(_server: DittoServer, _adapter: 'nfs' | 'smb'): KubeObject {
  throw new Error('not implemented');
}

/** STUB (helper B): Service `<n>-metrics`. */
export function metricsService(_server: DittoServer): KubeObject {
  throw new Error('not implemented');
}
