/**
 * The volumes the server asks for. The data-safety step (keep.ts) may adjust their size and
 * class to what is observed before the builders see them.
 */
import type { DittoServer } from '../api/parse.js';

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

/** Controlplane, metadata and content (contentSize defaults to 10Gi), in that order. */
export function volumeClaims(server: DittoServer): VolumeClaim[] {
  const { storage } = server.spec;
  const { names, storageClassName } = server;
  const claims: VolumeClaim[] = [
    // The control-plane SQLite database (users, shares, store registry).
    {
      key: 'pvc-controlplane',
      name: names.pvcControlPlane,
      volume: 'controlplane',
      mountPath: '/data/controlplane',
      size: storage.controlPlaneSize,
      storageClassName,
    },
    // Where users point badger metadata stores, e.g. /data/store/metadata/badger-main.
    {
      key: 'pvc-metadata',
      name: names.pvcMetadata,
      volume: 'metadata',
      mountPath: '/data/store/metadata',
      size: storage.metadataSize,
      storageClassName,
    },
  ];
  // The local block store (`fs`), which also holds its write-ahead journal.
  claims.push({
    key: 'pvc-content',
    name: names.pvcContent,
    volume: 'content',
    mountPath: '/data/store/block',
    size: storage.contentSize,
    storageClassName,
  });
  return claims;
}
