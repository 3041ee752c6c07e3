/**
 * `metadata.managedFields` as the API server writes them, for the benchmark's objects.
 * Crossplane strips nothing from what it sends a function (`AsState` in
 * internal/controller/apiextensions/composite/composition_functions.go turns each object
 * into a Struct whole), so every observed object carries one entry per field manager, each
 * with a `fieldsV1` tree of the fields that manager set:
 *
 * - composed objects: Crossplane's server-side apply, manager
 *   `apiextensions.crossplane.io/composed/<sha256 of XR name + group kind>` (operation Apply),
 *   owning what the function desired;
 * - the XR: the user's `kubectl` apply of its spec; `crossplane` (Update) for the finalizer,
 *   the composite label and the composition references; `apiextensions.crossplane.io/composite`
 *   (Apply) for `spec.crossplane.resourceRefs` and, on the status subresource, the status;
 * - controllers: kube-controller-manager for a Deployment's revision annotation and status and
 *   a PersistentVolumeClaim's binding and status, the cloud controller for a LoadBalancer
 *   Service's status, the Percona operator (`postgres-operator`) for its finalizer and status.
 *
 * A `fieldsV1` tree follows structured-merge-diff: `f:<field>` for a struct field or map key,
 * `k:{...}` for an item of a keyed list, `v:<json>` for a member of a set, `.` for a map or list
 * item owned as a whole; atomic lists are one leaf.
 */
import { createHash } from 'node:crypto';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` if it is a JSON object, else an empty one. */
export const object = (value: unknown): Json => (isObject(value) ? value : {});

/** Fields that are maps of free-form keys (granular, so `.` marks the map itself). */
const MAPS = new Set([
  'labels',
  'annotations',
  'data',
  'stringData',
  'matchLabels',
  'limits',
  'requests',
  'capacity',
  'global',
  'nodeSelector',
]);

/** Keys of the keyed lists, by field name, as the Kubernetes types declare them. */
function itemKey(field: string, item: Json): Json | undefined {
  switch (field) {
    case 'ownerReferences':
      return { uid: item.uid };
    case 'conditions':
      return { type: item.type };
    case 'volumeMounts':
      return { mountPath: item.mountPath };
    case 'ports':
      return 'containerPort' in item
        ? { containerPort: item.containerPort, protocol: item.protocol ?? 'TCP' }
        : { port: item.port, protocol: item.protocol ?? 'TCP' };
    default:
      return 'name' in item ? { name: item.name } : undefined;
  }
}

/** Lists of scalars that are sets; every other list of scalars is atomic. */
const SETS = new Set(['finalizers']);

/** The fieldsV1 tree of `value`, a field named `field`, for the manager that set all of it. */
function tree(value: unknown, field: string): Json {
  if (Array.isArray(value)) {
    if (SETS.has(field)) {
      return sorted(value.map((item) => [`v:${JSON.stringify(item)}`, {}]));
    }
    const items = value.filter(isObject);
    const keys = items.map((item) => itemKey(field, item));
    if (items.length === 0 || items.length !== value.length || keys.includes(undefined)) return {};
    return sorted(
      items.map((item, i) => [`k:${JSON.stringify(keys[i])}`, { '.': {}, ...fields(item) }]),
    );
  }
  if (!isObject(value)) return {};
  return MAPS.has(field) || (field === 'selector' && !('matchLabels' in value))
    ? { '.': {}, ...fields(value) }
    : fields(value);
}

/** `f:<key>` for each field of `object`, sorted as the API server serializes a field set. */
export function fields(object: Json): Json {
  return sorted(Object.entries(object).map(([key, v]) => [`f:${key}`, tree(v, key)]));
}

function sorted(entries: [string, Json][]): Json {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export type Entry = {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Json;
  subresource?: string;
};

export function entry(
  manager: string,
  operation: Entry['operation'],
  apiVersion: string,
  time: string,
  fieldsV1: Json,
  subresource?: string,
): Entry {
  return {
    manager,
    operation,
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...(subresource === undefined ? {} : { subresource }),
  };
}

/** Crossplane's manager for the objects an XR composes (`ComposedFieldOwnerName`). */
export function composedManager(xrName: string, xrGroupKind: string): string {
  const hash = createHash('sha256')
    .update(xrName + xrGroupKind)
    .digest('hex');
  return `apiextensions.crossplane.io/composed/${hash}`;
}

/** What a manager that set `metadata` keys and other top-level fields owns. */
export function ownedBy(metadata: Json, rest: Json): Json {
  return {
    ...(Object.keys(metadata).length > 0 ? { 'f:metadata': fields(metadata) } : {}),
    ...fields(rest),
  };
}

/**
 * The controllers' entries for an observed composed object, and the annotations they write
 * on it (a bound claim's, a Deployment's revision).
 */
export function controllerEntries(
  object: Json,
  time: string,
): { entries: Entry[]; annotations: Record<string, string> } {
  const apiVersion = String(object.apiVersion);
  const status = isObject(object.status) ? object.status : undefined;
  const statusEntry = (manager: string) =>
    status === undefined || Object.keys(status).length === 0
      ? []
      : [entry(manager, 'Update', apiVersion, time, fields({ status }), 'status')];
  switch (object.kind) {
    case 'Deployment': {
      const annotations = { 'deployment.kubernetes.io/revision': '1' };
      return {
        annotations,
        entries: [
          entry(
            'kube-controller-manager',
            'Update',
            apiVersion,
            time,
            ownedBy({ annotations }, {}),
          ),
          ...statusEntry('kube-controller-manager'),
        ],
      };
    }
    case 'PersistentVolumeClaim': {
      const annotations = {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
        'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
      };
      const spec = isObject(object.spec) ? object.spec : {};
      const bound = { spec: { volumeName: spec.volumeName } };
      return {
        annotations,
        entries: [
          entry(
            'kube-controller-manager',
            'Update',
            apiVersion,
            time,
            ownedBy({ annotations }, bound),
          ),
          ...statusEntry('kube-controller-manager'),
        ],
      };
    }
    case 'Service':
      return { annotations: {}, entries: statusEntry('aws-cloud-controller-manager') };
    case 'PerconaPGCluster': {
      const metadata = isObject(object.metadata) ? object.metadata : {};
      const finalizers = metadata.finalizers;
      return {
        annotations: {},
        entries: [
          ...(Array.isArray(finalizers)
            ? [entry('postgres-operator', 'Update', apiVersion, time, ownedBy({ finalizers }, {}))]
            : []),
          ...statusEntry('postgres-operator'),
        ],
      };
    }
    default:
      return { annotations: {}, entries: [] };
  }
}
