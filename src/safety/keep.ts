/**
 * Spec changes that would destroy data are not carried out (api.md §6): the observed value
 * is kept and a Warning says why and what to do instead.
 */
import type { DittoServer } from '../api/parse.js';
import { quantityValue } from '../api/quantity.js';
import type { Notice } from '../api/resolve.js';
import { text, type Fields } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import type { VolumeClaim } from './volumes.js';

export type Kept<T> = { readonly value: T; readonly notices: readonly Notice[] };

/** Turning Percona off while its cluster exists would delete the control-plane database. */
export function keepPerconaCluster(
  server: DittoServer,
  observed: ObservedResources,
): Kept<DittoServer> {
  if (server.percona || !observed.postgres) return { value: server, notices: [] };
  const cluster = server.names.postgresCluster;
  return {
    value: {
      ...server,
      percona: server.perconaSettings,
      database: { type: 'postgres', source: 'percona' },
    },
    notices: [
      {
        reason: 'PerconaRemovalRefused',
        message: `spec.percona.enabled is false but PerconaPGCluster ${cluster} exists and holds the control-plane database, so it is kept; to remove it, save what you need and delete it with kubectl -n ${server.namespace} delete perconapgcluster ${cluster}`,
      },
    ],
  };
}

const SIZE_FIELDS: Readonly<Record<VolumeClaim['volume'], string>> = {
  controlplane: 'spec.storage.controlPlaneSize',
  metadata: 'spec.storage.metadataSize',
  content: 'spec.storage.contentSize',
};

/**
 * A PVC cannot shrink and its storage class cannot change without losing the data: keep
 * the observed size and class. The class is compared only when the spec names one, since
 * the API server fills in the default class.
 */
export function keepVolume(claim: VolumeClaim, observed: Fields | undefined): Kept<VolumeClaim> {
  if (!observed) return { value: claim, notices: [] };
  const notices: Notice[] = [];
  const observedSize = text(observed, 'spec', 'resources', 'requests', 'storage');
  const observedClass = text(observed, 'spec', 'storageClassName');
  let { size, storageClassName } = claim;
  if (observedSize && (quantityValue(size) ?? 0) < (quantityValue(observedSize) ?? 0)) {
    notices.push({
      reason: 'VolumeShrinkRefused',
      message: `${SIZE_FIELDS[claim.volume]} is ${size} but PVC ${claim.name} has ${observedSize}; a volume cannot shrink without losing its data, so ${observedSize} is kept: set ${observedSize} or more`,
    });
    size = observedSize;
  }
  if (
    storageClassName !== undefined &&
    observedClass !== undefined &&
    storageClassName !== observedClass
  ) {
    notices.push({
      reason: 'StorageClassChangeRefused',
      message: `the storage class of PVC ${claim.name} is ${observedClass} and cannot change to ${storageClassName} without losing its data, so ${observedClass} is kept: move the data to a new server to change it`,
    });
  }
  storageClassName = observedClass ?? storageClassName;
  return { value: { ...claim, size, storageClassName }, notices };
}
