/**
 * The observed composed resources this function owns, keyed by composition-resource name.
 * An object under one of our keys whose kind is not the one we compose there is set aside
 * (and reported), so no readiness rule or data-safety rule ever reads the wrong kind.
 */
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { RESOURCE_KEYS, type ResourceKey } from '../names.js';
import { isFields, text, type Fields } from './fields.js';

const EXPECTED: Readonly<Record<ResourceKey, readonly [apiVersion: string, kind: string]>> = {
  config: ['v1', 'ConfigMap'],
  'pvc-controlplane': ['v1', 'PersistentVolumeClaim'],
  'pvc-metadata': ['v1', 'PersistentVolumeClaim'],
  'pvc-content': ['v1', 'PersistentVolumeClaim'],
  'jwt-secret': ['v1', 'Secret'],
  'admin-secret': ['v1', 'Secret'],
  'api-service': ['v1', 'Service'],
  'nfs-service': ['v1', 'Service'],
  'smb-service': ['v1', 'Service'],
  'metrics-service': ['v1', 'Service'],
  postgres: ['pgv2.percona.com/v2', 'PerconaPGCluster'],
  'backup-secret': ['v1', 'Secret'],
  deployment: ['apps/v1', 'Deployment'],
};

export type ObservedResources = Partial<Record<ResourceKey, Fields>>;

export type Observation = {
  readonly resources: ObservedResources;
  /** Keys holding an object of another kind than the one composed there, with what was found. */
  readonly unexpected: readonly { readonly key: ResourceKey; readonly found: string }[];
};

/** `v1 ConfigMap`, or what is missing: an object without either reads as such. */
function kindText(body: Fields): string {
  const apiVersion = text(body, 'apiVersion');
  const kind = text(body, 'kind');
  if (apiVersion === undefined && kind === undefined)
    return 'an object without apiVersion and kind';
  return `${apiVersion ?? '(no apiVersion)'} ${kind ?? '(no kind)'}`;
}

export function observe(req: RunFunctionRequest): Observation {
  const observed = req.observed?.resources ?? {};
  const resources: ObservedResources = {};
  const unexpected: { key: ResourceKey; found: string }[] = [];
  for (const key of RESOURCE_KEYS) {
    const body: unknown = observed[key]?.resource;
    if (!isFields(body)) continue;
    const [apiVersion, kind] = EXPECTED[key];
    if (text(body, 'apiVersion') === apiVersion && text(body, 'kind') === kind) {
      resources[key] = body;
      continue;
    }
    unexpected.push({ key, found: kindText(body) });
  }
  return { resources, unexpected };
}

export function expectedKind(key: ResourceKey): string {
  const [apiVersion, kind] = EXPECTED[key];
  return `${apiVersion} ${kind}`;
}
