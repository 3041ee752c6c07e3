import type { DittoServer } from '../api/parse.js';
import type { KubeObject } from './types.js';

export type VolumeKey = 'pvc-controlplane' | 'pvc-metadata' | 'pvc-content';

/** A volume the server needs: what the spec asks for, before data-safety adjustments. */
export type VolumeClaim = {
  readonly key: VolumeKey;
  readonly name: string;
  /** Volume name inside the pod. */
  readonly volume: 'controlplane' | 'metadata' | 'content';
  readonly mountPath: string;
  readonly size: string;
  readonly storageClassName: string | undefined;
};

/** STUB (helper B): controlplane, metadata and (with contentSize) content, in that order. */
export function volumeClaims(_server: DittoServer): VolumeClaim[] {
  throw new Error('not implemented');
}

/** STUB (helper B): the PersistentVolumeClaim for one volume. */
export function persistentVolumeClaim(_server: DittoServer, _claim: VolumeClaim): KubeObject {
  throw new Error('not implemented');
}
