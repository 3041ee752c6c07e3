/**
 * Expected responses, spelled out: resource bodies come from the reviewed golden files,
 * everything else (readiness, status, conditions, results, requirements) is written by
 * hand in each test.
 */
import { readFileSync } from 'node:fs';
import {
  Ready,
  Resource,
  RunFunctionResponse,
  Severity,
  Status,
  Target,
  type Condition,
  type Result,
} from '@crossplane-org/function-sdk-typescript';
import { parseAllDocuments } from 'yaml';
import type { DittoServerStatus } from '../../src/api/status.js';
import type { ResourceKey } from '../../src/resources.js';
import { merge, type JsonObject } from '../fixtures/xr.js';

const GOLDEN = new URL('../golden/compose/', import.meta.url);

/**
 * What an XR with Percona and plain-key backups composes once its Deployment exists, in
 * response order: the one list of composed keys the tests spell out; every other list of
 * them (MINIMAL_KEYS, with Jobs, without what waits) is derived from it.
 */
export const BACKUP_KEYS: readonly ResourceKey[] = [
  'config',
  'pvc-controlplane',
  'pvc-metadata',
  'pvc-content',
  'jwt-secret',
  'admin-secret',
  'api-service',
  'nfs-service',
  'postgres',
  'backup-secret',
  'deployment',
  'configure-spec',
  'network-policy',
  'connection',
];

/** What the minimal XR (no Percona, no backups) composes: BACKUP_KEYS without the database's. */
export const MINIMAL_KEYS: readonly ResourceKey[] = without(
  BACKUP_KEYS,
  'postgres',
  'backup-secret',
);

/** `keys` but `missing`, in the same order. */
export function without<K extends string>(keys: readonly K[], ...missing: readonly K[]): K[] {
  return keys.filter((key) => !missing.includes(key));
}

/** `keys` with configure Jobs where responses put them, after `configure-spec`. */
export function keysWith(keys: readonly string[], ...jobs: readonly string[]): string[] {
  const at = keys.indexOf('configure-spec') + 1;
  return [...keys.slice(0, at), ...jobs, ...keys.slice(at)];
}

/** BACKUP_KEYS with configure Jobs where responses put them, after `configure-spec`. */
export const backupKeysWith = (...jobs: readonly string[]) => keysWith(BACKUP_KEYS, ...jobs);

/** The composed objects of a golden file, keyed by composition-resource name. */
export function golden(name: string, keys: readonly string[]): Record<string, JsonObject> {
  const documents = parseAllDocuments(readFileSync(new URL(`${name}.yaml`, GOLDEN), 'utf8')).map(
    (document) => document.toJSON() as JsonObject,
  );
  if (documents.length !== keys.length)
    throw new Error(`golden ${name} has ${documents.length} objects, not ${keys.length}`);
  return Object.fromEntries(keys.map((key, index) => [key, documents[index] as JsonObject]));
}

type Verdict = 'True' | 'False' | 'Unknown';
const STATUS: Record<Verdict, Status> = {
  True: Status.STATUS_CONDITION_TRUE,
  False: Status.STATUS_CONDITION_FALSE,
  Unknown: Status.STATUS_CONDITION_UNKNOWN,
};

export function condition(
  type: string,
  status: Verdict,
  reason: string,
  message: string,
): Condition {
  return {
    type,
    status: STATUS[status],
    reason,
    message,
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  };
}

/** The conditions of a server with a ready Percona cluster and backups, once it is available. */
export const DATABASE_READY = condition(
  'DatabaseReady',
  'True',
  'PerconaReady',
  'PerconaPGCluster demo-postgres is ready',
);
export const BACKUP_READY = condition(
  'BackupReady',
  'True',
  'BackupReady',
  'Percona is ready for backups and the repo1 stanza exists',
);
export const AVAILABLE = condition('Available', 'True', 'Available', 'The server is available');
/** DatabaseReady while PerconaPGCluster demo-postgres is not ready: `why` follows its name. */
export const databaseNotReady = (why: string) =>
  condition('DatabaseReady', 'False', 'PerconaNotReady', `PerconaPGCluster demo-postgres ${why}`);
/** BackupReady while the cluster is not ready for backups: `why` follows its name as is. */
export const backupNotReady = (why: string) =>
  condition('BackupReady', 'False', 'BackupNotReady', `PerconaPGCluster demo-postgres${why}`);
/** The conditions of an available server whose database and backups are ready, then `configured`. */
export const servedConditions = (configured: Condition): Condition[] => [
  DATABASE_READY,
  BACKUP_READY,
  AVAILABLE,
  configured,
];
/** Configured while configure Job `job` (its object name) has just been created. */
export const applying = (job: string) =>
  condition('Configured', 'False', 'Applying', `Job ${job} is created to configure the server`);
/** Configured once configure Job `job` (its object name) has completed. */
export const applied = (job: string) =>
  condition(
    'Configured',
    'True',
    'Applied',
    `Job ${job} applied the spec: its stores, shares and adapters are configured`,
  );

export function warning(reason: string, message: string): Result {
  return {
    severity: Severity.SEVERITY_WARNING,
    reason,
    message,
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  };
}

/** Status of `demo` in `team-a` with nothing running yet; tests override what differs. */
export function status(
  overrides: Partial<{
    [K in keyof DittoServerStatus]: Partial<DittoServerStatus[K]> | DittoServerStatus[K];
  }> = {},
): DittoServerStatus {
  const base: DittoServerStatus = {
    phase: 'Pending',
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    database: { type: 'sqlite', clusterName: '', state: '', host: '', secretName: '', ready: true },
    backup: { enabled: false, ready: false, stanzaCreated: false, repoPath: '' },
    endpoints: { api: 'demo-api.team-a.svc:8080', nfs: 'demo-nfs.team-a.svc:12049', smb: '' },
    shares: [{ name: 'export', nfs: 'demo-nfs.team-a.svc:12049:/export', smb: '' }],
    configuration: { applied: false, hash: '' },
  };
  return merge(base, overrides);
}

export type Expected = {
  readonly tag?: string;
  readonly ttlSeconds?: number;
  readonly composite?: { apiVersion: string; kind: string };
  readonly resources: Record<string, JsonObject>;
  /** Keys whose resource is READY_TRUE; every other composed resource is READY_FALSE. */
  readonly ready: readonly string[];
  /** Earlier pipeline steps' resources, expected back untouched. */
  readonly passedThrough?: Record<string, JsonObject>;
  readonly status: DittoServerStatus;
  readonly conditions: readonly Condition[];
  readonly results?: readonly Result[];
  /** Defaults to IDENTITY_REQUIREMENTS. */
  readonly requirements?: Record<string, Selector>;
};

type Selector = {
  apiVersion: string;
  kind: string;
  matchName?: string;
  matchLabels?: { labels: Record<string, string> };
  namespace: string;
};

/** A requirement for a Secret in team-a, by name. */
export const secretRequirement = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  matchName: name,
  namespace: 'team-a',
});

/** What a call with backups asks for too: the PerconaPGBackups of XR `demo`, by label. */
export const BACKUPS_REQUIREMENT: Selector = {
  apiVersion: 'pgv2.percona.com/v2',
  kind: 'PerconaPGBackup',
  matchLabels: { labels: { 'dittofs.io/server': 'demo' } },
  namespace: 'team-a',
};

/** What every call asks for: the identity Secrets of XR `demo`, by name, and its configure pods. */
export const IDENTITY_REQUIREMENTS: Record<string, Selector> = {
  'jwt-secret': secretRequirement('demo-jwt-secret'),
  'admin-secret': secretRequirement('demo-admin-bootstrap-credentials'),
  'configure-pods': {
    apiVersion: 'v1',
    kind: 'Pod',
    matchLabels: {
      labels: {
        'app.kubernetes.io/name': 'dittofs',
        'app.kubernetes.io/instance': 'demo',
        'app.kubernetes.io/component': 'configure',
      },
    },
    namespace: 'team-a',
  },
};

export function expectedResponse(want: Expected): unknown {
  const resources = Object.fromEntries([
    ...Object.entries(want.passedThrough ?? {}).map(
      ([key, resource]) => [key, Resource.fromJSON({ resource })] as const,
    ),
    ...Object.entries(want.resources).map(
      ([key, resource]) =>
        [
          key,
          Resource.fromJSON({
            resource,
            ready: want.ready.includes(key) ? Ready.READY_TRUE : Ready.READY_FALSE,
          }),
        ] as const,
    ),
  ]);
  const composite = want.composite ?? {
    apiVersion: 'storage.dittofs.com/v1alpha1',
    kind: 'DittoServer',
  };
  return RunFunctionResponse.toJSON(
    RunFunctionResponse.fromPartial({
      meta: { tag: want.tag ?? 'tag-0001', ttl: { seconds: want.ttlSeconds ?? 60, nanos: 0 } },
      desired: {
        composite: Resource.fromJSON({ resource: { ...composite, status: want.status } }),
        resources,
      },
      results: [...(want.results ?? [])],
      conditions: [...want.conditions],
      requirements: { resources: want.requirements ?? IDENTITY_REQUIREMENTS },
    }),
  );
}
