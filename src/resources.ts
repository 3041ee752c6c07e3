/**
 * Every composition-resource key this function owns and the kinds it composes there, in the
 * order they appear in responses. Observed objects under these keys are read only when they
 * have one of those kinds; earlier steps' desired objects under them are replaced, never
 * merged.
 * The RBAC test (test/package) checks that Crossplane may compose each kind here and read
 * each kind in REQUIRED_KINDS.
 */

export type Kind = { readonly apiVersion: string; readonly kind: string };

const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' } as const;
const SECRET = { apiVersion: 'v1', kind: 'Secret' } as const;
const SERVICE = { apiVersion: 'v1', kind: 'Service' } as const;
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
const PERCONA_CLUSTER = { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGCluster' } as const;
const PERCONA_UPGRADE = { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGUpgrade' } as const;
export const PERCONA_RESTORE = {
  apiVersion: 'pgv2.percona.com/v2',
  kind: 'PerconaPGRestore',
} as const;
export const PERCONA_BACKUP = {
  apiVersion: 'pgv2.percona.com/v2',
  kind: 'PerconaPGBackup',
} as const;
const PROTECTION = 'protection.crossplane.io/v1beta1';
/** A namespaced XR protects itself with a Usage, a cluster-scoped (legacy) one a ClusterUsage. */
const USAGES = [
  { apiVersion: PROTECTION, kind: 'Usage' },
  { apiVersion: PROTECTION, kind: 'ClusterUsage' },
] as const;

export const RESOURCES = {
  config: CONFIG_MAP,
  'pvc-controlplane': PVC,
  'pvc-metadata': PVC,
  'pvc-content': PVC,
  'jwt-secret': SECRET,
  'admin-secret': SECRET,
  'api-service': SERVICE,
  'nfs-service': SERVICE,
  'smb-service': SERVICE,
  'metrics-service': SERVICE,
  postgres: PERCONA_CLUSTER,
  'backup-secret': SECRET,
  deployment: DEPLOYMENT,
  'deletion-protection': USAGES,
  upgrade: PERCONA_UPGRADE,
} as const satisfies Record<string, Kind | readonly Kind[]>;

export type ResourceKey = keyof typeof RESOURCES;

/** The keys in response order. */
export const RESOURCE_KEYS = Object.keys(RESOURCES) as readonly ResourceKey[];

/** The kinds composed under `key`. */
export function kindsOf(key: ResourceKey): readonly Kind[] {
  const kinds: Kind | readonly Kind[] = RESOURCES[key];
  return 'kind' in kinds ? [kinds] : kinds;
}

/**
 * Restores have a key each, `restore-<spec.percona.restore.name>` (api.md §3), after the
 * fixed keys in responses: a restore is composed once per name, and several can be
 * observed at once (one finishing, the next asked for).
 */
export type RestoreKey = `restore-${string}`;
const RESTORE_KEY = /^restore-[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function restoreKey(name: string): RestoreKey {
  return `restore-${name}`;
}

export function isRestoreKey(key: string): key is RestoreKey {
  return RESTORE_KEY.test(key);
}

/** Every key the function may compose under: the fixed ones and the restores. */
export type ComposedKey = ResourceKey | RestoreKey;

const OWNED: ReadonlySet<string> = new Set(RESOURCE_KEYS);

/** Whether `key` is one of ours: the wire decodes those observed objects and drops earlier ones. */
export function owns(key: string): boolean {
  return OWNED.has(key) || isRestoreKey(key);
}

/** Kinds the function reads through required resources; Crossplane needs get, list, watch. */
export const REQUIRED_KINDS: readonly Kind[] = [SECRET, PERCONA_BACKUP];

/** Kinds the function composes; Crossplane needs every verb on them. */
export const COMPOSED_KINDS: readonly Kind[] = [
  ...new Map(
    [...RESOURCE_KEYS.flatMap(kindsOf), PERCONA_RESTORE].map((kind) => [
      `${kind.apiVersion} ${kind.kind}`,
      kind,
    ]),
  ).values(),
];
