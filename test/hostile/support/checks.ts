/**
 * What every response must satisfy, whatever the request: composed objects the API server
 * and the Percona operator accept, the same bytes for the same request, a clean protobuf
 * round trip, and no secret value outside the Secrets that must carry it.
 */
import {
  Resource,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import { expect } from 'vitest';
import { dittoServerStatus } from '../../../src/api/status.js';
import { callFunction } from '../../support/call.js';
import { owns, type ResourceKey } from '../../../src/resources.js';
import type { ObservedObjects } from '../../fixtures/observed.js';
import type { JsonObject } from '../../fixtures/xr.js';
import { validateComposedObject } from '../../support/composed-object.js';
import { perconaOperatorProblems } from '../../support/percona-operator.js';
import { TEST_SECRET_KEY } from '../../support/request.js';
import type { CredentialsWorld } from './credentials.js';

/**
 * The Secrets whose `data` legitimately holds secret values; the connection Secret carries
 * the generated admin password.
 */
const SECRET_CARRIERS: readonly ResourceKey[] = [
  'backup-secret',
  'jwt-secret',
  'admin-secret',
  'connection',
];

/** Objects under our keys: the fixed ones, and any number of configure Jobs. */
export type Observed = ObservedObjects;

/** Our composed objects in a response, by key (configure Jobs included). */
export function composed(rsp: RunFunctionResponse): Observed {
  return Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {})
      .filter(([key]) => owns(key))
      .map(([key, resource]) => [key, resource.resource as JsonObject]),
  );
}

/** The request Crossplane sends for `xr` given what it observes and the credentials it found. */
export function hostileRequest(
  xr: unknown,
  input: unknown,
  observed: Observed,
  credentials: CredentialsWorld,
  /** Other Secrets Crossplane fetched by name, by requirement (the identity Secrets). */
  fetched: Readonly<Record<string, JsonObject>> = {},
  /** The PerconaPGBackups Crossplane fetched by label. */
  backups: readonly JsonObject[] = [],
): RunFunctionRequest {
  const found =
    credentials.items === undefined
      ? {}
      : {
          'backup-credentials': {
            items: credentials.items.map((resource) => Resource.fromJSON({ resource })),
          },
        };
  const byName = {
    ...Object.fromEntries(
      Object.entries(fetched).map(([name, resource]) => [
        name,
        { items: [Resource.fromJSON({ resource })] },
      ]),
    ),
    backups: { items: backups.map((resource) => Resource.fromJSON({ resource })) },
  };
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'hostile', capabilities: [] },
    observed: {
      composite: Resource.fromJSON({ resource: xr }),
      resources: Object.fromEntries(
        Object.entries(observed).map(([key, resource]) => [key, Resource.fromJSON({ resource })]),
      ),
    },
    desired: { resources: {} },
    ...(input === undefined ? {} : { input: input as JsonObject }),
    ...(credentials.viaExtraResources
      ? { extraResources: found, requiredResources: byName }
      : { requiredResources: { ...found, ...byName } }),
  });
}

/** Every reason the API server or the Percona operator would refuse a composed object. */
export function composedProblems(rsp: RunFunctionResponse): string[] {
  return Object.entries(composed(rsp)).flatMap(([key, object]) => {
    const problems = [
      ...validateComposedObject(object),
      ...(key === 'postgres' ? perconaOperatorProblems(object) : []),
    ];
    return problems.map((problem) => `${key}: ${problem}`);
  });
}

const decode = (value: unknown) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';

/** The values of the Secrets the function generated, which only their own Secret may hold. */
export function generatedSecrets(rsp: RunFunctionResponse): string[] {
  const objects = composed(rsp);
  const data = (key: ResourceKey) => (objects[key]?.data ?? {}) as JsonObject;
  return [decode(data('jwt-secret')['jwt-secret']), decode(data('admin-secret').password)];
}

/**
 * The response as JSON with the `data` of the Secrets that must carry secrets left out, and
 * the legacy XR's connection details (the connection Secret's values).
 */
export function publicView(rsp: RunFunctionResponse): string {
  // toJSON hands out the response's own Struct objects: copy before deleting from them.
  const view = structuredClone(RunFunctionResponse.toJSON(rsp)) as {
    desired?: {
      composite?: { connectionDetails?: unknown };
      resources?: Record<string, { resource?: { data?: unknown } }>;
    };
  };
  for (const key of SECRET_CARRIERS) delete view.desired?.resources?.[key]?.resource?.data;
  delete view.desired?.composite?.connectionDetails;
  return JSON.stringify(view);
}

/** How a secret could show up: as written, base64-encoded, or escaped inside JSON. */
export function secretForms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), JSON.stringify(secret).slice(1, -1)];
}

/** Secrets (8 characters or more, so no accidental match) found in `text`. */
export function leaks(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter(
    (secret) => secret.length >= 8 && secretForms(secret).some((form) => text.includes(form)),
  );
}

const encoded = (rsp: RunFunctionResponse) => Buffer.from(RunFunctionResponse.encode(rsp).finish());

/**
 * Runs `req` twice and checks everything a response must satisfy; returns the response.
 * `secrets` are the values planted in the request; generated ones are added to it.
 */
export function checkedRun(
  req: RunFunctionRequest,
  secrets: Set<string>,
  options: {
    readonly expectValid: boolean;
    /** The process key generated values derive from; another one stands for a restart. */
    readonly secretKey?: Buffer;
  },
): RunFunctionResponse {
  const before = JSON.stringify(RunFunctionRequest.toJSON(req));
  const secretKey = options.secretKey ?? TEST_SECRET_KEY;
  const rsp = callFunction(req, { secretKey });
  const again = callFunction(req, { secretKey });
  expect(JSON.stringify(RunFunctionRequest.toJSON(req))).toBe(before);
  expect(encoded(again).equals(encoded(rsp))).toBe(true);
  const roundTrip = RunFunctionResponse.decode(encoded(rsp));
  expect(RunFunctionResponse.toJSON(roundTrip)).toEqual(RunFunctionResponse.toJSON(rsp));

  const fatal = rsp.results.filter((result) => result.severity === Severity.SEVERITY_FATAL);
  if (options.expectValid) {
    expect(fatal).toEqual([]);
    expect(composedProblems(rsp)).toEqual([]);
    // The full status, every field of the XRD's status schema and nothing else.
    const status: unknown = rsp.desired?.composite?.resource?.status;
    expect(dittoServerStatus.parse(status)).toEqual(status);
  }
  for (const result of rsp.results) expect(result.message).not.toMatch(/[\r\n]/);
  for (const condition of rsp.conditions) expect(condition.message ?? '').not.toMatch(/[\r\n]/);

  for (const value of generatedSecrets(rsp)) secrets.add(value);
  expect(leaks(publicView(rsp), secrets)).toEqual([]);
  return rsp;
}
