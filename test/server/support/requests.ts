/**
 * RunFunction requests as plain JSON (proto3 field names), and what the in-process function
 * answers to them, in the same plain shape the wire client produces.
 */
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { callFunction } from '../../support/call.js';
import {
  BACKUP_SPEC,
  XR_NAMESPACE,
  xr,
  type JsonObject,
  type Overrides,
} from '../../fixtures/xr.js';

/**
 * Identity Secrets given by reference, so the function generates no random values and a
 * server process and the in-process function must answer exactly the same.
 */
export const REFERENCED_IDENTITY = {
  identity: {
    jwt: { secretRef: { name: 'dittofs-jwt', key: 'signing-key' } },
    admin: { passwordSecretRef: { name: 'dittofs-admin', key: 'password' } },
  },
};

/** Percona with backups on: the request then carries and the response requires a Secret. */
export const PERCONA_WITH_BACKUP: Overrides = { percona: { enabled: true, backup: BACKUP_SPEC } };

/** The backup credentials Secret as Crossplane returns it for the requirement. */
export const CREDENTIALS_SECRET: JsonObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's3-credentials', namespace: XR_NAMESPACE },
  data: { AWS_ACCESS_KEY_ID: 'YWNjZXNz', AWS_SECRET_ACCESS_KEY: 'c2VjcmV0' },
};

export type RequestParts = {
  readonly spec?: Overrides;
  readonly observedResources?: Record<string, JsonObject>;
  /** What earlier pipeline steps desired: the XR's body and their composed resources. */
  readonly desiredComposite?: JsonObject;
  readonly desiredResources?: Record<string, JsonObject>;
  readonly requiredResources?: Record<string, readonly JsonObject[]>;
  readonly input?: JsonObject;
  readonly context?: JsonObject;
  /** Function credentials: name -> key -> base64 bytes. */
  readonly credentials?: Record<string, Record<string, string>>;
};

function byName<T>(entries: Record<string, T> | undefined, wrap: (value: T) => unknown) {
  if (entries === undefined) return undefined;
  return Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, wrap(value)]));
}

/** A request for `xr(spec)` with referenced identity, plus the optional parts given. */
export function request(tag: string, parts: RequestParts = {}): JsonObject {
  const resources = byName(parts.observedResources, (resource) => ({ resource }));
  const desiredResources = byName(parts.desiredResources, (resource) => ({ resource }));
  const desiredComposite =
    parts.desiredComposite === undefined ? undefined : { resource: parts.desiredComposite };
  const required = byName(parts.requiredResources, (items) => ({
    items: items.map((resource) => ({ resource })),
  }));
  const credentials = byName(parts.credentials, (data) => ({ credentialData: { data } }));
  return JSON.parse(
    JSON.stringify({
      meta: { tag },
      observed: {
        composite: { resource: xr({ ...REFERENCED_IDENTITY, ...parts.spec }) },
        resources,
      },
      desired:
        desiredComposite === undefined && desiredResources === undefined
          ? undefined
          : { composite: desiredComposite, resources: desiredResources },
      input: parts.input,
      context: parts.context,
      requiredResources: required,
      credentials,
    }),
  ) as JsonObject;
}

/** An observed ConfigMap carrying `bytes` of data, to make a request of a given size. */
export function bulkyConfigMap(name: string, bytes: number): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: XR_NAMESPACE },
    data: { blob: 'x'.repeat(bytes) },
  };
}

/** What the function returns in-process for the same request, as plain JSON. */
export function inProcessResponse(requestJson: unknown): unknown {
  const rsp = callFunction(RunFunctionRequest.fromJSON(requestJson));
  return RunFunctionResponse.toJSON(rsp);
}
