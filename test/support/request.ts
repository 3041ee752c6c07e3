/**
 * Building RunFunctionRequests the way Crossplane does, and reading responses back as
 * plain objects, for the pipeline tests.
 */
import {
  Resource,
  RunFunctionRequest,
  RunFunctionResponse,
  type Ready,
} from '@crossplane-org/function-sdk-typescript';
import { stringify } from 'yaml';
import type { ResourceKey } from '../../src/resources.js';
import type { JsonObject } from '../fixtures/xr.js';

/** Fixed key for generated Secret values, so responses are reproducible across runs. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

export type RequestParts = {
  readonly xr: Record<string, unknown>;
  readonly observed?: Partial<Record<ResourceKey, JsonObject>>;
  /** The backup credentials Secret Crossplane fetched for our requirement; [] when not found. */
  readonly credentials?: readonly JsonObject[];
  /** Other requirements Crossplane answered (the identity Secrets), by requirement name. */
  readonly required?: Record<string, readonly JsonObject[]>;
  readonly input?: JsonObject;
  readonly desired?: Record<string, JsonObject>;
  readonly tag?: string;
};

const resources = (objects: Record<string, JsonObject>) =>
  Object.fromEntries(
    Object.entries(objects).map(([key, resource]) => [key, Resource.fromJSON({ resource })]),
  );

export function request(parts: RequestParts): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({
    meta: { tag: parts.tag ?? 'tag-0001', capabilities: [] },
    observed: {
      composite: Resource.fromJSON({ resource: parts.xr }),
      resources: resources(parts.observed ?? {}),
    },
    desired: { resources: resources(parts.desired ?? {}) },
    ...(parts.input ? { input: parts.input } : {}),
    requiredResources: Object.fromEntries(
      Object.entries({
        ...(parts.credentials && { 'backup-credentials': parts.credentials }),
        ...parts.required,
      }).map(([name, items]) => [
        name,
        { items: items.map((resource) => Resource.fromJSON({ resource })) },
      ]),
    ),
  });
}

/** The desired composed objects of a response, by key, in response order. */
export function desiredObjects(rsp: RunFunctionResponse): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {}).map(([key, resource]) => [
      key,
      resource.resource as JsonObject,
    ]),
  );
}

export function readiness(rsp: RunFunctionResponse): Record<string, Ready> {
  return Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {}).map(([key, resource]) => [key, resource.ready]),
  );
}

/** A YAML stream of objects, one document each, the format of the golden files. */
export function yamlStream(objects: readonly unknown[]): string {
  // YAML 1.1, as kubectl and Crossplane read it: `y` and timestamps get quoted.
  return objects
    .map((object) => `---\n${stringify(object, { lineWidth: 0, version: '1.1' })}`)
    .join('');
}

/** The whole response as plain JSON (enums as names), for whole-response comparisons. */
export function responseJson(rsp: RunFunctionResponse): unknown {
  return RunFunctionResponse.toJSON(rsp);
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A Secret an application team creates in team-a, its values given in clear. */
export function userSecret(name: string, data: Record<string, string>): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: 'team-a',
      uid: `7c0ffee0-0000-4000-8000-${name.length.toString().padStart(12, '0')}`,
    },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, b64(value)])),
  };
}

/** The S3 credentials Secret an application team creates, with plain keys. */
export function credentialsSecret(
  data: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 's3-credentials',
      namespace: 'team-a',
      uid: '7c0ffee0-0000-4000-8000-000000000003',
      resourceVersion: '812',
      creationTimestamp: '2026-11-19T08:00:00Z',
    },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, b64(value)])),
  };
}
