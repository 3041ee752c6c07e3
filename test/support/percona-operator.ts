/**
 * What the Percona 2.8.2 operator needs beyond its CRD. The API server accepts a cluster
 * without these, but the operator then never writes a status (shared/reference/percona.md
 * §1.2, §1.3, §1.1 crVersion), so a composed cluster would hang silently.
 */
import { isObject, type JsonObject } from './crd-structural.js';

const child = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined);
const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const found = child(value, key);
  return isObject(found) ? found : undefined;
};
const nonEmptyString = (value: unknown) => typeof value === 'string' && value !== '';

/** The operator parses crVersion with gover.Must: anything but semver panics it. */
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** §1.2: the Crunchy PostgresCluster CRD requires accessModes and requests.storage. */
function volumeProblems(spec: JsonObject): string[] {
  const instances = child(spec, 'instances');
  if (!Array.isArray(instances)) return [];
  return instances.flatMap((instance, index) => {
    const claim = objectAt(instance, 'dataVolumeClaimSpec');
    const at = `spec.instances[${index}].dataVolumeClaimSpec`;
    const modes = child(claim, 'accessModes');
    const storage = child(objectAt(objectAt(claim, 'resources'), 'requests'), 'storage');
    return [
      ...(Array.isArray(modes) && modes.length > 0 ? [] : [`${at}.accessModes: required`]),
      ...(storage === undefined ? [`${at}.resources.requests.storage: required`] : []),
    ];
  });
}

/** §1.3: 2.8.2 deploys no RELATED_IMAGE_* defaults, so every image must be in the CR. */
function imageProblems(spec: JsonObject): string[] {
  const backupsOn = child(objectAt(spec, 'backups'), 'enabled') !== false;
  const images: [string, unknown, boolean][] = [
    ['spec.image', child(spec, 'image'), true],
    [
      'spec.proxy.pgBouncer.image',
      child(objectAt(objectAt(spec, 'proxy'), 'pgBouncer'), 'image'),
      true,
    ],
    [
      'spec.backups.pgbackrest.image',
      child(objectAt(objectAt(spec, 'backups'), 'pgbackrest'), 'image'),
      backupsOn,
    ],
  ];
  return images
    .filter(([, image, needed]) => needed && !nonEmptyString(image))
    .map(([path]) => `${path}: required (the operator ships no default image)`);
}

/** Reasons the operator would accept `obj` yet never bring the cluster up. */
export function perconaOperatorProblems(obj: unknown): string[] {
  const spec = objectAt(obj, 'spec');
  if (!spec) return ['spec: required'];
  const crVersion = child(spec, 'crVersion');
  return [
    ...(typeof crVersion === 'string' && SEMVER.test(crVersion)
      ? []
      : [
          'spec.crVersion: must be pinned to a version such as 2.8.2 (unset, the operator writes its own)',
        ]),
    ...imageProblems(spec),
    ...volumeProblems(spec),
  ];
}
