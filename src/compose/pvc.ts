import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
import type { VolumeClaim } from '../safety/volumes.js';
import type { PersistentVolumeClaim } from './types.js';

/** The PersistentVolumeClaim for one volume: ReadWriteOnce, as the Deployment is Recreate. */
export function persistentVolumeClaim(
  server: DittoServer,
  claim: VolumeClaim,
): PersistentVolumeClaim {
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
