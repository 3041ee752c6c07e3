/**
 * Contextual defaults and cross-field rules: everything about the spec that one field's
 * schema cannot say on its own. Literal defaults stay in the schemas; the defaults here
 * depend on the function Input or on another field, and are documented on those fields.
 */
import type { FunctionInput } from './input.js';
import type { Issue } from './issues.js';
import { parseS3Endpoint, type S3Endpoint } from './endpoint.js';
import { type BackupSpec, type CredentialsSecretRef, type PerconaSpec } from './percona-spec.js';
import type { DittoServerSpec } from './spec.js';

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

export type ResolvedPercona = Omit<PerconaSpec, 'enabled' | 'backup' | 'storageClassName'> & {
  readonly storageClassName: string | undefined;
  /** Undefined when backups are off. */
  readonly backup: ResolvedBackup | undefined;
  readonly postgresImage: string;
  readonly pgBouncerImage: string;
  readonly pgBackRestImage: string;
  readonly crVersion: string;
};

export type Database =
  | { readonly type: 'sqlite' }
  | { readonly type: 'postgres'; readonly source: 'percona' }
  | { readonly type: 'postgres'; readonly source: 'external'; readonly secretName: string };

export type Resolved = {
  readonly image: string;
  readonly storageClassName: string | undefined;
  readonly database: Database;
  /** The Percona settings, resolved even when disabled so data safety can keep the cluster. */
  readonly perconaSettings: ResolvedPercona;
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
}

export function resolve(spec: DittoServerSpec, input: FunctionInput): Resolution {
  const issues: Issue[] = [];
  const notices: Notice[] = [];
  const storageClassName = spec.storage.storageClassName ?? input.defaults.storageClassName;
  const { enabled: _enabled, backup, storageClassName: perconaClass, ...percona } = spec.percona;
  const perconaSettings: ResolvedPercona = {
    ...percona,
    storageClassName: perconaClass ?? storageClassName,
    backup: resolveBackup(backup, input, issues),
    postgresImage:
      input.images.postgres[
        String(percona.postgresVersion) as keyof FunctionInput['images']['postgres']
      ],
    pgBouncerImage: input.images.pgBouncer,
    pgBackRestImage: input.images.pgBackRest,
    crVersion: input.percona.crVersion,
  };
  checkPorts(spec, issues);
  const database = resolveDatabase(spec, issues, notices);
  const resolved = {
    image: spec.image ?? input.images.dittofs,
    storageClassName,
    database,
    perconaSettings,
  };
  return { resolved, issues, notices };
}
