/**
 * Every name the function derives, in one place. Object names are deterministic so that
 * the Percona user Secret chain (`<cluster>-pguser-<user>`) and a re-created server find
 * their data again; composition-resource keys are stable across releases.
 */

/** The one database user the function asks Percona for; it owns `databaseName`. */
export const POSTGRES_USER = 'dittofs';

/** The only instance set; Percona limits cluster name + instance name to 46 characters. */
export const POSTGRES_INSTANCE = 'instance1';
export const PERCONA_NAME_LIMIT = 46;

/** Hex characters of the configure Job's hash suffix, `<n>-configure-<hash>` (api.md §7). */
export const CONFIGURE_HASH_LENGTH = 10;

/**
 * The longest derived name is the configure Job `<n>-configure-<hash>`; a Job's name is also
 * the value of its pods' `job-name` label, so it must fit in 63 characters.
 */
export const MAX_NAME_LENGTH = 63 - '-configure-'.length - CONFIGURE_HASH_LENGTH;
export const MAX_NAME_LENGTH_WITH_PERCONA =
  PERCONA_NAME_LIMIT - '-postgres'.length - POSTGRES_INSTANCE.length;

export const names = (xr: string) =>
  ({
    deployment: xr,
    config: `${xr}-config`,
    pvcControlPlane: `${xr}-controlplane`,
    pvcMetadata: `${xr}-metadata`,
    pvcContent: `${xr}-content`,
    jwtSecret: `${xr}-jwt-secret`,
    adminSecret: `${xr}-admin-bootstrap-credentials`,
    apiService: `${xr}-api`,
    nfsService: `${xr}-nfs`,
    smbService: `${xr}-smb`,
    metricsService: `${xr}-metrics`,
    postgresCluster: `${xr}-postgres`,
    /** Percona (Crunchy) creates `<cluster>-pguser-<user>` with host, port, dbname, user, password. */
    postgresUserSecret: `${xr}-postgres-pguser-${POSTGRES_USER}`,
    backupSecret: `${xr}-pgbackrest-s3`,
    deletionProtection: `${xr}-deletion-protection`,
    configureSpec: `${xr}-configure`,
    networkPolicy: xr,
    connectionSecret: `${xr}-connection`,
  }) as const;

/** The configure Job of configuration hash `hash` (api.md §7). */
export const configureJobName = (xr: string, hash: string) => `${xr}-configure-${hash}`;

export type Names = ReturnType<typeof names>;

/** The PerconaPGRestore of a restore: one per name, named after it (api.md §8). */
export const postgresRestoreName = (xr: string, restore: string) =>
  `${xr}-postgres-restore-${restore}`;

/** The PerconaPGUpgrade from one major version to another (api.md §8). */
export const postgresUpgradeName = (xr: string, from: number, to: number) =>
  `${xr}-postgres-upgrade-${from}-to-${to}`;

/** repo1-path is unique per XR so several servers can share one bucket; pick it once. */
export const backupRepoPath = (namespace: string, xr: string) =>
  `/pgbackrest/${namespace}/${xr}/repo1`;

export type Component =
  | 'server'
  | 'config'
  | 'storage'
  | 'identity'
  | 'api'
  | 'nfs'
  | 'smb'
  | 'metrics'
  | 'database'
  | 'backup'
  | 'protection'
  | 'configure'
  | 'network'
  | 'connection';

/** The recommended labels every composed object carries. */
export const labels = (xr: string, component: Component) => ({
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': xr,
  'app.kubernetes.io/managed-by': 'function-dittoserver',
  'app.kubernetes.io/component': component,
});

/** The server pod's labels; Services and the Deployment select on exactly these. */
export const serverSelector = (xr: string) => ({
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': xr,
  'app.kubernetes.io/component': 'server',
});

/** The configure Job's pods carry these; the function requires them by exactly these labels. */
export const configureSelector = (xr: string) => ({
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': xr,
  'app.kubernetes.io/component': 'configure',
});

/** Pod-template annotation holding the hash of config.yaml, so a config change rolls the pod. */
export const CONFIG_HASH_ANNOTATION = 'dittofs.io/config-hash';

/** Legacy (LegacyCluster) XRs carry their claim's namespace in this label. */
export const CLAIM_NAMESPACE_LABEL = 'crossplane.io/claim-namespace';

/** The requirement names under which Crossplane returns the Secrets the function reads. */
export const CREDENTIALS_REQUIREMENT = 'backup-credentials';
export const JWT_REQUIREMENT = 'jwt-secret';
export const ADMIN_REQUIREMENT = 'admin-secret';
export const CONFIGURE_PODS_REQUIREMENT = 'configure-pods';
/** The server's PerconaPGBackups, found by SERVER_LABEL. */
export const BACKUPS_REQUIREMENT = 'backups';

/**
 * On the PerconaPGCluster's `spec.metadata.labels`, value `<n>`: Percona (crVersion >= 2.6.0)
 * copies those labels onto the PerconaPGBackups it creates, scheduled or not, and onto every
 * object it creates for the cluster, so the function finds the server's backups by it.
 */
export const SERVER_LABEL = 'dittofs.io/server';
