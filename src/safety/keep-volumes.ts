/**
 * Spec changes that would destroy data are not carried out (api.md §6): the observed value
 * is kept and a Warning says why and what to do instead. This file: the server's volumes.
 */
import { quantityValue } from '../api/quantity.js';
import type { Notice } from '../api/resolve.js';
import { text, type Fields } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import type { Kept } from './kept.js';
import type { VolumeClaim, VolumeKey } from './volumes.js';

/** A shrink or a class change refused, or nothing: the observed and the asked value. */
export function shrinkRefused(asked: string, observed: string | undefined): boolean {
  return observed !== undefined && (quantityValue(asked) ?? 0) < (quantityValue(observed) ?? 0);
}

/** A class change, compared only when the spec names a class (the API server fills one in). */
export function classChangeRefused(
  asked: string | undefined,
  observed: string | undefined,
): boolean {
  return asked !== undefined && observed !== undefined && asked !== observed;
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
  if (observedSize !== undefined && shrinkRefused(size, observedSize)) {
    notices.push({
      reason: 'VolumeShrinkRefused',
      message: `${SIZE_FIELDS[claim.volume]} is ${size} but PVC ${claim.name} has ${observedSize}; a volume cannot shrink without losing its data, so ${observedSize} is kept: set ${observedSize} or more`,
    });
    size = observedSize;
  }
  if (classChangeRefused(storageClassName, observedClass)) {
    notices.push({
      reason: 'StorageClassChangeRefused',
      message: `the storage class of PVC ${claim.name} is ${observedClass ?? ''} and cannot change to ${storageClassName ?? ''} without losing its data, so ${observedClass} is kept: move the data to a new server to change it`,
    });
  }
  storageClassName = observedClass ?? storageClassName;
  return { value: { ...claim, size, storageClassName }, notices };
}

const MOUNT_PATHS: Readonly<Record<VolumeKey, readonly [VolumeClaim['volume'], string]>> = {
  'pvc-controlplane': ['controlplane', '/data/controlplane'],
  'pvc-metadata': ['metadata', '/data/store/metadata'],
  'pvc-content': ['content', '/data/store/block'],
};

/**
 * An observed volume the spec no longer asks for still holds data: it stays composed and
 * mounted where it was, as observed.
 */
export function keepUnaskedVolumes(
  asked: readonly VolumeClaim[],
  observed: ObservedResources,
): Kept<VolumeClaim[]> {
  const kept: VolumeClaim[] = [];
  const notices: Notice[] = [];
  for (const key of Object.keys(MOUNT_PATHS) as VolumeKey[]) {
    const claim = observed[key];
    const name = text(claim, 'metadata', 'name');
    const size = text(claim, 'spec', 'resources', 'requests', 'storage');
    if (asked.some((volume) => volume.key === key) || name === undefined || size === undefined) {
      continue;
    }
    const [volume, mountPath] = MOUNT_PATHS[key];
    kept.push({
      key,
      name,
      volume,
      mountPath,
      size,
      storageClassName: text(claim, 'spec', 'storageClassName'),
    });
    notices.push({
      reason: 'VolumeRemovalRefused',
      message: `the spec no longer asks for PVC ${name} (${SIZE_FIELDS[volume]}), but it holds data, so it stays composed and mounted at ${mountPath}: set ${SIZE_FIELDS[volume]} to ${size} or more`,
    });
  }
  return { value: kept, notices };
}
