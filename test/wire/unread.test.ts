/**
 * No step of the pipeline reads a field the decoder skips unread (src/wire/decode-request.ts):
 * the pipeline runs on the SDK's full decoding of each request, every object in it watched by
 * a Proxy that records each read of a skipped field, and of the key list of an object holding
 * one. Nothing may be recorded, and the response must be byte for byte the one the function
 * gives to the decoder's own reading. A step that starts reading a skipped field fails here,
 * naming it: then the field must be taken out of src/wire/unread.ts.
 *
 * The requests: a DittoServer's life in several specs (api.md), each reconcile observing what
 * the one before desired, every object carrying the skipped fields as the API server and
 * Crossplane write them (managedFields, annotations, labels, owner references, the XR's
 * status and spec.crossplane).
 */
import {
  RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../src/function.js';
import { isConfigureJobKey, owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import type { FunctionRequest, JsonObject } from '../../src/wire/types.js';
import { NIGHT } from '../fixtures/backups.js';
import { observeDesired, type World } from '../fixtures/observed.js';
import { configurePod } from '../fixtures/observed-job.js';
import { BACKUP_SPEC, legacyXr, xr, type JsonObject as Fixture } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import {
  credentialsSecret,
  desiredObjects,
  request,
  TEST_SECRET_KEY,
  type RequestParts,
} from '../support/request.js';
import { UNREAD_IN_XR, UNREAD_METADATA, unreadInComposed } from './support/sdk-messages.js';

type Paths = readonly (readonly string[])[];
/** A field to watch: `true` records its reads, a map watches inside it. */
type Watched = Map<string, Watched | true>;

function watchedTree(paths: Paths): Watched {
  const root: Watched = new Map();
  for (const path of paths) {
    let node = root;
    path.forEach((field, index) => {
      if (index === path.length - 1) node.set(field, true);
      else {
        const next = node.get(field);
        const child = next instanceof Map ? next : new Map<string, Watched | true>();
        node.set(field, child);
        node = child;
      }
    });
  }
  return root;
}

/** `object` behind a Proxy that adds to `reads` each read of a watched field. */
function watch(object: JsonObject, tree: Watched, where: string, reads: string[]): JsonObject {
  const skipped = (field: string | symbol) => typeof field === 'string' && tree.get(field) === true;
  const inner = new Map<string, JsonObject>();
  return new Proxy(object, {
    get(target, field, receiver) {
      if (skipped(field)) reads.push(`${where}.${String(field)}`);
      const found: unknown = Reflect.get(target, field, receiver);
      const subtree = typeof field === 'string' ? tree.get(field) : undefined;
      if (!(subtree instanceof Map) || typeof found !== 'object' || found === null) return found;
      const cached = inner.get(field as string);
      if (cached) return cached;
      const watched = watch(found as JsonObject, subtree, `${where}.${String(field)}`, reads);
      inner.set(field as string, watched);
      return watched;
    },
    has(target, field) {
      if (skipped(field)) reads.push(`${where}.${String(field)} (in)`);
      return Reflect.has(target, field);
    },
    getOwnPropertyDescriptor(target, field) {
      if (skipped(field)) reads.push(`${where}.${String(field)} (descriptor)`);
      return Reflect.getOwnPropertyDescriptor(target, field);
    },
    ownKeys(target) {
      if ([...tree].some(([field, rule]) => rule === true && Object.hasOwn(target, field))) {
        reads.push(`${where} (its keys)`);
      }
      return Reflect.ownKeys(target);
    },
  });
}

const MANAGED_FIELDS = [
  { manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } },
];
const OWNER = [{ apiVersion: 'v1', kind: 'Owner', name: 'o', uid: 'u', controller: true }];

/** An object as the API server returns it: the metadata the decoder skips filled in. */
function served(object: Record<string, unknown>): Fixture {
  const metadata = (object.metadata ?? {}) as JsonObject;
  return {
    ...object,
    metadata: {
      ...metadata,
      managedFields: MANAGED_FIELDS,
      annotations: { ...(metadata.annotations as JsonObject), 'example.com/note': 'n' },
      labels: { ...(metadata.labels as JsonObject), 'example.com/label': 'l' },
      ownerReferences: (metadata.ownerReferences as unknown[] | undefined) ?? OWNER,
    },
  } as Fixture;
}

/** The XR as Crossplane reads it back; its labels are the user's (the claim namespace). */
function servedXr(composite: Record<string, unknown>): JsonObject {
  const metadata = composite.metadata as JsonObject;
  const spec = composite.spec as JsonObject;
  return {
    ...composite,
    metadata: {
      ...metadata,
      managedFields: MANAGED_FIELDS,
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    },
    spec: { ...spec, crossplane: { compositionRef: { name: 'c' }, resourceRefs: [] } },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const PERCONA = { percona: { enabled: true, backup: BACKUP_SPEC } };
const STORY: readonly World[] = [
  { percona: { state: 'initializing', backup: 'pending' }, volumes: 'Pending', addresses: false },
  { percona: { state: 'ready', backup: 'ready' }, volumes: 'Pending' },
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'progressing' },
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' },
  // The configure Job kept as observed (its labels read), then failed (its pods' labels read).
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'available', job: 'running' },
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'available', job: 'failed' },
];
const SPECS: readonly [string, Record<string, unknown>][] = [
  ['Percona with backups', xr(PERCONA)],
  ['Percona, stopped', xr({ ...PERCONA, replicas: 0 })],
  ['SQLite', xr()],
  [
    'SQLite, own identity Secrets',
    xr({ identity: { jwt: { secretRef: { name: 'id', key: 'jwt' } } } }),
  ],
  ['legacy XR through a claim', legacyXr({}, 'team-a')],
];

/** Each reconcile's request parts, the objects as served, from nothing observed on. */
function story(composite: Record<string, unknown>): RequestParts[] {
  const credentials = [served(credentialsSecret())];
  const parts: RequestParts[] = [{ xr: servedXr(composite), credentials }];
  let last: RunFunctionResponse = callFunction(request({ xr: composite, credentials }));
  for (const world of STORY) {
    const observed = Object.fromEntries(
      Object.entries(observeDesired(desiredObjects(last), world)).map(([k, v]) => [k, served(v)]),
    );
    const required = {
      backups: [NIGHT.full, NIGHT.incr].map(served),
      'configure-pods': Object.entries(observed)
        .filter(([key]) => isConfigureJobKey(key) && world.job === 'failed')
        .map(([, job]) => served(configurePod(job, 0, { exitCode: 1, message: 'no store' }))),
    };
    parts.push({ xr: servedXr(composite), observed, credentials, required });
    last = callFunction(request({ xr: composite, observed, credentials, required }), {
      secretKey: TEST_SECRET_KEY,
    });
  }
  return parts;
}

/** The request as the SDK decodes it all, every object watched; `reads` collects. */
function watchedRequest(bytes: Uint8Array, reads: string[]): FunctionRequest {
  const sdk = RunFunctionRequest.decode(bytes);
  const base = decodeRunFunctionRequest(bytes, owns);
  const items = (map: typeof sdk.requiredResources, name: string) =>
    Object.fromEntries(
      Object.entries(map).map(([key, { items: list }]) => [
        key,
        list.flatMap(({ resource }, i) =>
          resource
            ? [watch(resource, watchedTree(UNREAD_METADATA), `${name}.${key}[${i}]`, reads)]
            : [],
        ),
      ]),
    );
  const composite = sdk.observed?.composite?.resource;
  return {
    ...base,
    observedComposite: composite && watch(composite, watchedTree(UNREAD_IN_XR), 'xr', reads),
    observedResources: Object.fromEntries(
      Object.entries(sdk.observed?.resources ?? {}).flatMap(([key, { resource }]) =>
        owns(key) && resource
          ? [[key, watch(resource, watchedTree(unreadInComposed(key)), key, reads)]]
          : [],
      ),
    ),
    requiredResources: items(sdk.requiredResources, 'required'),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- read like the current map
    extraResources: items(sdk.extraResources, 'extra'),
  };
}

describe('the fields the decoder skips', () => {
  for (const [name, composite] of SPECS) {
    it(`are never read: ${name}, from nothing observed to available`, () => {
      const outcomes = story(composite).map((parts) => {
        const bytes = RunFunctionRequest.encode(request(parts)).finish();
        const reads: string[] = [];
        const options = { secretKey: TEST_SECRET_KEY };
        const full = encodeRunFunctionResponse(runFunction(watchedRequest(bytes, reads), options));
        const skipped = encodeRunFunctionResponse(
          runFunction(decodeRunFunctionRequest(bytes, owns), options),
        );
        return { reads, sameResponse: full.equals(skipped) };
      });
      expect(outcomes).toEqual(outcomes.map(() => ({ reads: [], sameResponse: true })));
    });
  }
});
