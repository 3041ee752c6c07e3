/**
 * The fast RunFunctionResponse encoder against the SDK's: the same bytes for every response
 * the function gives (the unit-test requests, a whole lifecycle, the benchmark's full
 * example), for edge values written out, and for arbitrary responses; odd values are left to
 * the SDK, which then gives its own bytes or its own error.
 */
import {
  Ready,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
  Status,
  Target,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { benchRequests } from '../../scripts/bench/requests.js';
import { runSdk } from '../../src/wire/sdk-handler.js';
import {
  encodeRunFunctionResponse,
  encodeRunFunctionResponseFast,
} from '../../src/proto/encode-response.js';
import { observeDesired, type World } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject } from '../fixtures/xr.js';
import {
  credentialsSecret,
  desiredObjects,
  request,
  responseJson,
  TEST_SECRET_KEY,
  type RequestParts,
} from '../support/request.js';
import { responseWith } from './responses.js';

const sdkBytes = (rsp: RunFunctionResponse): string =>
  Buffer.from(RunFunctionResponse.encode(rsp).finish()).toString('hex');
const fastBytes = (rsp: RunFunctionResponse): string =>
  encodeRunFunctionResponseFast(rsp).toString('hex');

/** Enum values outside the known members: any int32 goes on the wire. */
const severity = (value: number) => value as unknown as Severity;
const target = (value: number) => value as unknown as Target;

const run = (parts: RequestParts) => runSdk(request(parts), { secretKey: TEST_SECRET_KEY });
const BACKUP = { percona: { enabled: true, backup: BACKUP_SPEC } };
const earlierStep: Record<string, JsonObject> = {
  'network-policy': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'demo-files', namespace: 'team-a' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
};

/** Each reconcile observes what the previous one desired, in the given world. */
function lifecycle(worlds: readonly World[]): RunFunctionResponse[] {
  const responses = [run({ xr: xr(BACKUP), credentials: [credentialsSecret()] })];
  for (const world of worlds) {
    const previous = responses[responses.length - 1];
    if (!previous) break;
    const observed = observeDesired(desiredObjects(previous), world);
    responses.push(run({ xr: xr(BACKUP), observed, credentials: [credentialsSecret()] }));
  }
  return responses;
}

const [pending, initializing, ready, progressing, available] = lifecycle([
  { percona: { state: '' } },
  { percona: { state: 'initializing', backup: 'pending' }, volumes: 'Pending' },
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'progressing' },
  { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' },
]);

/** The benchmark request, through the wire as the server receives it. */
function fullExample(): RunFunctionResponse {
  const full = benchRequests()[0];
  if (!full) throw new Error('no benchmark request');
  return runSdk(RunFunctionRequest.decode(full.encoded), { secretKey: TEST_SECRET_KEY });
}

const responses: { reason: string; rsp: RunFunctionResponse | undefined }[] = [
  { reason: 'first call for a minimal XR', rsp: run({ xr: xr() }) },
  {
    reason: 'earlier steps passed through, a tag and an Input TTL',
    rsp: run({
      xr: xr(),
      desired: earlierStep,
      tag: 'c0ffee',
      input: { apiVersion: 'dittoserver.fn.dittofs.com/v1beta1', kind: 'Input', ttl: '2m' },
    }),
  },
  { reason: 'backups, credentials not found: a Warning result', rsp: run({ xr: xr(BACKUP) }) },
  {
    reason: 'invalid spec: one FATAL result with a reason and a target',
    rsp: run({ xr: xr({ replicas: 3, storage: { metadataSize: '-1' } }), desired: earlierStep }),
  },
  { reason: 'lifecycle: nothing observed yet, requirements declared', rsp: pending },
  { reason: 'lifecycle: Percona created without status', rsp: initializing },
  { reason: 'lifecycle: Percona initializing, volumes pending', rsp: ready },
  { reason: 'lifecycle: Percona ready, Deployment progressing', rsp: progressing },
  { reason: 'lifecycle: everything available, readiness set', rsp: available },
  { reason: 'the benchmark full example, request decoded from the wire', rsp: fullExample() },
];

describe('encodeRunFunctionResponse on what the function responds', () => {
  it.each(responses)('gives the SDK bytes: $reason', ({ rsp }) => {
    if (!rsp) throw new Error('lifecycle step missing');
    expect(fastBytes(rsp)).toBe(sdkBytes(rsp));
  });

  it.each(responses)('decodes back to the same response: $reason', ({ rsp }) => {
    if (!rsp) throw new Error('lifecycle step missing');
    const decoded = RunFunctionResponse.decode(encodeRunFunctionResponse(rsp));
    expect(responseJson(decoded)).toEqual(responseJson(rsp));
  });
});

/** Strings whose UTF-8 length crosses a varint boundary where the UTF-16 length does not. */
const boundaryStrings = [
  '',
  'x'.repeat(31),
  'x'.repeat(32),
  'x'.repeat(127),
  'x'.repeat(128),
  'x'.repeat(16_383),
  'x'.repeat(16_384),
  'é'.repeat(63), // 126 bytes
  'é'.repeat(64), // 128 bytes from 64 units: the length prefix grows to 2 bytes
  '€'.repeat(43), // 129 bytes from 43 units
  '€'.repeat(5_462), // 16386 bytes from 5462 units: 3-byte prefix, 2 guessed
  '😀'.repeat(40), // astral: 4 bytes per 2 units
  'a\ud800b', // lone high surrogate: U+FFFD
  '\udc00'.repeat(50), // lone low surrogates, past the short-string path
  'ascii then ü',
];

const edgeCases: { reason: string; rsp: RunFunctionResponse }[] = [
  { reason: 'an empty response', rsp: responseWith({}) },
  {
    reason: 'every string edge in keys, values, lists and string fields',
    rsp: responseWith({
      meta: { tag: 'x'.repeat(200), ttl: { seconds: 60, nanos: 0 } },
      context: Object.fromEntries(boundaryStrings.map((text, i) => [text, [text, i]])),
      results: boundaryStrings.map((message) => ({ severity: Severity.SEVERITY_NORMAL, message })),
    }),
  },
  {
    reason: 'Struct values: null, -0, NaN, infinities, large numbers, nesting, empty containers',
    rsp: responseWith({
      output: {
        null: null,
        numbers: [0, -0, NaN, Infinity, -Infinity, 2 ** 53, 1e308, 5e-324, -1.5],
        booleans: [true, false],
        nested: { a: { b: { c: [[], {}, [[{}]]] } } },
        '': 'empty key',
        10: 'integer-like keys come first, ascending',
        2: 'two',
        dropped: undefined,
        list: [undefined, null, 'undefined in a list is an empty Value'],
        sparse: [1, , 3], // eslint-disable-line no-sparse-arrays -- a hole is an empty Value
        nullPrototype: Object.assign(Object.create(null) as JsonObject, { a: 1 }),
      },
    }),
  },
  {
    reason: 'Duration and enums: negative, zero, int32 and safe int64 extremes',
    rsp: responseWith({
      meta: { tag: '', ttl: { seconds: Number.MIN_SAFE_INTEGER, nanos: -1 } },
      results: [
        {
          severity: Severity.UNRECOGNIZED,
          message: '',
          target: Target.TARGET_COMPOSITE,
        },
        {
          severity: severity(2147483647),
          message: 'm',
          reason: '',
          target: target(-(2 ** 31)),
        },
      ],
      conditions: [
        { type: '', status: Status.STATUS_CONDITION_UNSPECIFIED, reason: '' },
        {
          type: 't',
          status: Status.STATUS_CONDITION_TRUE,
          reason: 'r',
          message: '',
          target: Target.TARGET_COMPOSITE_AND_CLAIM,
        },
      ],
    }),
  },
  {
    reason: 'Duration seconds above 2^32 and a large positive int64',
    rsp: responseWith({ meta: { tag: 't', ttl: { seconds: Number.MAX_SAFE_INTEGER, nanos: 1 } } }),
  },
  {
    reason: 'resources: connection details (empty skipped), ready, empty keys, a long Struct',
    rsp: responseWith({
      desired: {
        composite: { resource: undefined, connectionDetails: {}, ready: Ready.READY_TRUE },
        resources: {
          '': {
            resource: {},
            connectionDetails: { '': Buffer.from('x'), empty: Buffer.alloc(0) },
            ready: Ready.READY_FALSE,
          },
          big: {
            resource: { data: 'y'.repeat(20_000) },
            connectionDetails: { blob: Buffer.alloc(300, 1) },
            ready: Ready.READY_UNSPECIFIED,
          },
        },
      },
    }),
  },
  {
    reason: 'requirements: both oneof match forms, namespaces, empty labels, schemas',
    rsp: responseWith({
      requirements: {
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the SDK still encodes it
        extraResources: { legacy: { apiVersion: 'v1', kind: 'Secret', matchName: 'a' } },
        resources: {
          byName: { apiVersion: 'v1', kind: 'Secret', matchName: '', namespace: '' },
          byLabels: {
            apiVersion: '',
            kind: 'ConfigMap',
            matchLabels: { labels: { app: 'demo', '': 'empty key', empty: '' } },
            namespace: 'team-a',
          },
          noLabels: { apiVersion: 'v1', kind: 'Pod', matchLabels: { labels: {} } },
        },
        schemas: { xr: { apiVersion: 'storage.dittofs.com/v1alpha1', kind: 'DittoServer' } },
      },
    }),
  },
];

describe('encodeRunFunctionResponse on edge values', () => {
  it.each(edgeCases)('gives the SDK bytes: $reason', ({ rsp }) => {
    expect(fastBytes(rsp)).toBe(sdkBytes(rsp));
  });

  it('keeps working when a response outgrows the reused scratch buffer', () => {
    const huge = responseWith({ output: { blob: 'z'.repeat(3 * 1024 * 1024) } });
    expect(fastBytes(huge)).toBe(sdkBytes(huge));
    expect(fastBytes(edgeCases[1]?.rsp ?? huge)).toBe(sdkBytes(edgeCases[1]?.rsp ?? huge));
  });
});
