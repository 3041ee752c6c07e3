import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
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

/** The PersistentVolumeClaim for one volume: ReadWriteOnce, as the Deployment is Recreate. */
export function persistentVolumeClaim(server: DittoServer, claim: VolumeClaim): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claim.name,
      namespace: server.namespace,
      labels: labels(server.name, 'storage'),
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      // Unset means the cluster's default StorageClass.
      ...(claim.storageClassName !== undefined && { storageClassName: claim.storageClassName }),
      resources: { requests: { storage: claim.size } },
    },
  };
}
