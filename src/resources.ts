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
const JOB = { apiVersion: 'batch/v1', kind: 'Job' } as const;
const NETWORK_POLICY = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' } as const;
const POD = { apiVersion: 'v1', kind: 'Pod' } as const;
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
  'configure-spec': CONFIG_MAP,
  'network-policy': NETWORK_POLICY,
  connection: SECRET,
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
 * The configure Jobs (api.md §7), one key per Job: `configure-<hash>`, the hash of the Job's
 * name. Crossplane keeps the name of the object it observes under a key, so a Job of a new
 * hash needs a key of its own; the old key is dropped in the response that composes its
 * successor (src/safety/configure-jobs.ts).
 */
export const CONFIGURE_JOB_KIND: Kind = JOB;
export type ConfigureJobKey = `configure-${string}`;
const CONFIGURE_JOB_KEY = /^configure-[0-9a-f]{10}$/;

export const configureJobKey = (hash: string): ConfigureJobKey => `configure-${hash}`;

/** Whether `key` names a configure Job: `configure-` and 10 hex digits. */
export function isConfigureJobKey(key: string): key is ConfigureJobKey {
  return CONFIGURE_JOB_KEY.test(key);
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

/** Every key the function may compose under: the fixed ones, configure Jobs and restores. */
export type ComposedKey = ResourceKey | ConfigureJobKey | RestoreKey;

const OWNED: ReadonlySet<string> = new Set(RESOURCE_KEYS);

/** Whether `key` is one of ours: the wire decodes those observed objects and drops earlier ones. */
export function owns(key: string): boolean {
  return OWNED.has(key) || isConfigureJobKey(key) || isRestoreKey(key);
}

/**
 * Kinds the function reads through required resources; Crossplane needs get, list, watch.
 * Pods: the configure Job's, for the program's termination message; PerconaPGBackups: the
 * cluster's backup history.
 */
export const REQUIRED_KINDS: readonly Kind[] = [SECRET, POD, PERCONA_BACKUP];

/** Kinds the function composes; Crossplane needs every verb on them. */
export const COMPOSED_KINDS: readonly Kind[] = [
  ...new Map(
    [...RESOURCE_KEYS.flatMap(kindsOf), CONFIGURE_JOB_KIND, PERCONA_RESTORE].map((kind) => [
      `${kind.apiVersion} ${kind.kind}`,
      kind,
    ]),
  ).values(),
];
