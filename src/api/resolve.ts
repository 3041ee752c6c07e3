/**
 * Contextual defaults and cross-field rules: everything about the spec that one field's
 * schema cannot say on its own. Literal defaults stay in the schemas; the defaults here
 * depend on the function Input or on another field, and are documented on those fields.
 */
import type { FunctionInput } from './input.js';
import type { Issue } from './issues.js';
import { checkOwnSecrets } from './own-secrets.js';
import { parseS3Endpoint, type S3Endpoint } from './endpoint.js';
import { type BackupSpec, type CredentialsSecretRef, type PerconaSpec } from './percona-spec.js';
import type { BootstrapSpec, RestoreSpec } from './percona-lifecycle.js';
import {
  resolveShares,
  resolveStores,
  type ResolvedShare,
  type ResolvedStores,
} from './resolve-stores.js';
import type { DittoServerSpec } from './spec.js';
import type { Desired } from '../configure/desired.js';
import { configurationIssues, desiredConfiguration } from './configuration.js';

export const DEFAULT_REGION = 'eu-west-1';

export type ResolvedBackup = Omit<
  BackupSpec,
  'enabled' | 'credentialsSecretRef' | 'bucket' | 'endpoint' | 'region'
> & {
  readonly credentialsSecretRef: CredentialsSecretRef;
  readonly bucket: string;
  readonly endpoint: S3Endpoint;
  readonly region: string;
};

export type ResolvedPercona = Omit<
  PerconaSpec,
  'enabled' | 'backup' | 'storageClassName' | 'restore' | 'bootstrapFrom'
> & {
  readonly storageClassName: string | undefined;
  /** Undefined when backups are off. */
  readonly backup: ResolvedBackup | undefined;
  /** The restore asked for; undefined when none is (or backups are off: that is invalid). */
  readonly restore: RestoreSpec | undefined;
  /** Where a new cluster's data comes from; undefined: an empty cluster. */
  readonly bootstrapFrom: BootstrapSpec | undefined;
  readonly postgresImage: string;
  readonly pgBouncerImage: string;
  readonly pgBackRestImage: string;
  /** The PerconaPGUpgrade image (Input images.upgrade). */
  readonly upgradeImage: string;
  readonly crVersion: string;
};

export type Database =
  | { readonly type: 'sqlite' }
  | { readonly type: 'postgres'; readonly source: 'percona' }
  | { readonly type: 'postgres'; readonly source: 'external'; readonly secretName: string };

export type Resolved = {
  readonly image: string;
  /** The configure Job's image (Input images.configure). */
  readonly configureImage: string;
  readonly storageClassName: string | undefined;
  readonly database: Database;
  /** The Percona settings, resolved even when disabled so data safety can keep the cluster. */
  readonly perconaSettings: ResolvedPercona;
  /** Stores and shares with every default applied (api.md §2, §7). */
  readonly stores: ResolvedStores;
  readonly shares: readonly ResolvedShare[];
  /** What the configure Job makes the running server match: desired.json (api.md §7). */
  readonly configuration: Desired;
};

/** What the rules know of the XR's metadata; undefined parts are invalid and reported. */
export type XrContext = {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
};

export type Notice = { readonly reason: string; readonly message: string };

type Resolution = {
  readonly resolved: Resolved;
  readonly issues: Issue[];
  readonly notices: Notice[];
};

function resolveBackup(
  backup: BackupSpec,
  input: FunctionInput,
  issues: Issue[],
): ResolvedBackup | undefined {
  if (!backup.enabled) return undefined;
  const fallback = input.defaults.backup;
  const required = <T>(value: T | undefined, field: string): T | undefined => {
    if (value === undefined) {
      issues.push({
        path: `spec.percona.backup.${field}`,
        message: 'required when backup is enabled (the function Input sets no default)',
      });
    }
    return value;
  };
  const credentialsSecretRef = required(
    backup.credentialsSecretRef ?? fallback.credentialsSecretRef,
    'credentialsSecretRef',
  );
  const bucket = required(backup.bucket ?? fallback.bucket, 'bucket');
  const endpointText = required(backup.endpoint ?? fallback.endpoint, 'endpoint');
  // Both the spec and the Input schema have already validated the endpoint text.
  const endpoint = endpointText === undefined ? undefined : parseS3Endpoint(endpointText);
  if (!credentialsSecretRef || bucket === undefined || !endpoint?.ok) return undefined;
  const { enabled: _enabled, ...rest } = backup;
  return {
    ...rest,
    credentialsSecretRef,
    bucket,
    endpoint: endpoint.endpoint,
    region: backup.region ?? fallback.region ?? DEFAULT_REGION,
  };
}

function resolveDatabase(spec: DittoServerSpec, issues: Issue[], notices: Notice[]): Database {
  const { type, postgresSecretRef } = spec.database;
  if (spec.percona.enabled) {
    if (type === 'sqlite') {
      issues.push({
        path: 'spec.database.type',
        message: 'must be postgres (or unset) when spec.percona.enabled is true',
      });
    }
    if (postgresSecretRef) {
      notices.push({
        reason: 'PostgresSecretRefIgnored',
        message: `spec.database.postgresSecretRef is ignored because spec.percona.enabled is true: remove one of them`,
      });
    }
    return { type: 'postgres', source: 'percona' };
  }
  if (postgresSecretRef) {
    if (type === 'sqlite') {
      issues.push({
        path: 'spec.database.type',
        message: 'is sqlite but spec.database.postgresSecretRef is set: remove one of them',
      });
    }
    return { type: 'postgres', source: 'external', secretName: postgresSecretRef.name };
  }
  if (type === 'postgres') {
    issues.push({
      path: 'spec.database.postgresSecretRef',
      message: 'required when spec.database.type is postgres and spec.percona.enabled is false',
    });
  }
  return { type: 'sqlite' };
}

function checkPorts(spec: DittoServerSpec, issues: Issue[]): void {
  const used = new Map<number, string>([[spec.controlPlane.port, 'spec.controlPlane.port']]);
  const claims: [boolean, number, string][] = [
    [spec.adapters.nfs.enabled, spec.adapters.nfs.port, 'spec.adapters.nfs.port'],
    [spec.adapters.smb.enabled, spec.adapters.smb.port, 'spec.adapters.smb.port'],
    [spec.metrics.enabled, spec.metrics.port, 'spec.metrics.port'],
  ];
  for (const [enabled, port, path] of claims) {
    if (!enabled) continue;
    const owner = used.get(port);
    if (owner) issues.push({ path, message: `port ${port} is already used by ${owner}` });
    used.set(port, path);
  }
  // DittoFS keeps a disabled adapter's port, and the configure program sets it: enabling the
  // adapter later must not collide.
  const { nfs, smb } = spec.adapters;
  if (nfs.port === smb.port && !(nfs.enabled && smb.enabled)) {
    issues.push({
      path: 'spec.adapters.smb.port',
      message: `port ${smb.port} is also spec.adapters.nfs.port: the two adapters need different ports, even with one disabled`,
    });
  }
}

/** The PerconaPGRestore is `<n>-postgres-restore-<name>`; object names stop at 63. */
const RESTORE_PREFIX = '-postgres-restore-';

/** Restores and bootstraps read the pgBackRest repository: they need backups on. */
function checkLifecycle(spec: DittoServerSpec, xr: XrContext, issues: Issue[]): void {
  const { backup, restore, bootstrapFrom } = spec.percona;
  for (const [field, value] of [
    ['restore', restore],
    ['bootstrapFrom', bootstrapFrom],
  ] as const) {
    if (value !== undefined && !backup.enabled) {
      issues.push({
        path: `spec.percona.${field}`,
        message:
          'needs backups: set spec.percona.backup.enabled to true (it reads the pgBackRest repository repo1)',
      });
    }
  }
  if (restore === undefined || xr.name === undefined) return;
  const limit = 63 - xr.name.length - RESTORE_PREFIX.length;
  // A name too long for this is reported on metadata.name already.
  if (limit > 0 && restore.name.length > limit) {
    issues.push({
      path: 'spec.percona.restore.name',
      message: `must be at most ${limit} characters here: the PerconaPGRestore ${xr.name}${RESTORE_PREFIX}<name> must fit in 63`,
    });
  }
}

export function resolve(spec: DittoServerSpec, input: FunctionInput, xr: XrContext): Resolution {
  const issues: Issue[] = [];
  const notices: Notice[] = [];
  const storageClassName = spec.storage.storageClassName ?? input.defaults.storageClassName;
  const { enabled: _enabled, backup, storageClassName: perconaClass, ...percona } = spec.percona;
  const resolvedBackup = resolveBackup(backup, input, issues);
  const perconaSettings: ResolvedPercona = {
    ...percona,
    storageClassName: perconaClass ?? storageClassName,
    backup: resolvedBackup,
    restore: resolvedBackup ? percona.restore : undefined,
    bootstrapFrom: resolvedBackup ? percona.bootstrapFrom : undefined,
    postgresImage:
      input.images.postgres[
        String(percona.postgresVersion) as keyof FunctionInput['images']['postgres']
      ],
    pgBouncerImage: input.images.pgBouncer,
    pgBackRestImage: input.images.pgBackRest,
    upgradeImage: input.images.upgrade,
    crVersion: input.percona.crVersion,
  };
  checkPorts(spec, issues);
  checkLifecycle(spec, xr, issues);
  checkOwnSecrets(spec, resolvedBackup, xr.name, issues);
  const database = resolveDatabase(spec, issues, notices);
  const stores = resolveStores(
    spec.stores,
    { database, namespace: xr.namespace ?? '', name: xr.name ?? '' },
    issues,
  );
  const shares = resolveShares(spec.shares, stores, issues);
  const configuration = desiredConfiguration(spec.adapters, stores, shares);
  // Last: it repeats what the rules above say, and is shown only when they say nothing.
  issues.push(...configurationIssues(configuration));
  const resolved = {
    image: spec.image ?? input.images.dittofs,
    configureImage: input.images.configure,
    storageClassName,
    database,
    perconaSettings,
    stores,
    shares,
    configuration,
  };
  return { resolved, issues, notices };
}
