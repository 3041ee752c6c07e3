/**
 * fast-check arbitraries for the codec's property tests: plain JSON as a Struct holds it,
 * RunFunctionRequests in the SDK's message shape (to encode with the SDK), and
 * FunctionResponses (to encode with ours).
 */
import {
  Ready as SdkReady,
  Resource,
  type RunFunctionRequest,
  type Resource as SdkResource,
} from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { RESOURCE_KEYS } from '../../../src/resources.js';
import type {
  ComposedResource,
  Condition,
  DesiredComposite,
  FunctionResponse,
  PassThroughResource,
  ResourceSelector,
  Result,
} from '../../../src/wire/types.js';
import { sdkStructBytes } from './sdk-struct.js';

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** A lone surrogate: not valid UTF-16, written as U+FFFD by both encoders. */
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Short and long, ASCII and not, astral, lone surrogates, a BOM, empty. */
export const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
  fc.string({ unit: 'binary', minLength: 30, maxLength: 150 }),
  fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 3 }), loneSurrogate), { maxLength: 8 })
    .map((parts) => parts.join('')),
  fc.constantFrom('', 'a', 'é', '😀', '\u0000', '\ufeffbom', '10', '2'),
);

/**
 * Text as it comes off the wire: UTF-8 cannot carry a lone surrogate, so only well-formed
 * strings can be compared after a round trip.
 */
export const wireText = text.map((value) => value.toWellFormed());

/**
 * Map and Struct keys: "" and integer-like keys (which Object.keys orders first) included;
 * not "__proto__", which the SDK's decoder turns into a prototype (test/wire covers it apart).
 */
export const key = text.filter((candidate) => candidate !== '__proto__');
const wireKey = wireText.filter((candidate) => candidate !== '__proto__');

/** Numbers as JSON never has them too: -0, NaN, the infinities, huge and tiny. */
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 53, -(2 ** 63), 1e308, -1e308, 5e-324, Number.NaN, Infinity),
);

/** Anything a Struct may hold, including undefined (dropped, or an empty Value in a list). */
export const { json, fields } = fc.letrec<{ json: unknown; fields: Record<string, unknown> }>(
  (tie) => ({
    json: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      number,
      text,
      fc.array(tie('json'), { maxLength: 4 }),
      fc.sparseArray(tie('json'), { maxLength: 4 }),
      tie('fields'),
    ),
    fields: fc.dictionary(key, tie('json'), { maxKeys: 5 }),
  }),
);

/** Resource keys: the function's own and others, so `owns` has both to sort. */
export const resourceKey = fc.oneof(fc.constantFrom(...RESOURCE_KEYS), key);

const ready = fc.constantFrom(0, 1, 2);
const bytes = fc.uint8Array({ maxLength: 40 }).map((array) => Buffer.from(array));

/** Fields that may hold anything, a key left out when undefined. */
const someOf = (...names: string[]) =>
  fc.record(Object.fromEntries(names.map((name) => [name, json])), { requiredKeys: [] });

/**
 * An object shaped like a Kubernetes object, with the fields the decoder skips unread in
 * some (decode-request.ts) beside others: metadata, spec and status of any content.
 */
export const kubeObject = fc
  .record({
    top: fields,
    metadata: fields,
    metadataUnread: someOf('managedFields', 'annotations', 'labels', 'ownerReferences'),
    spec: fields,
    specUnread: someOf('crossplane', 'template'),
    status: someOf('status'),
  })
  .map(({ top, metadata, metadataUnread, spec, specUnread, status }) => ({
    ...top,
    metadata: { ...metadata, ...metadataUnread },
    spec: { ...spec, ...specUnread },
    ...status,
  }));

const sdkResource: fc.Arbitrary<SdkResource> = fc.record({
  resource: optional(fc.oneof(fields, kubeObject)),
  connectionDetails: fc.dictionary(key, bytes, { maxKeys: 2 }),
  ready: fc.constantFrom(SdkReady.READY_UNSPECIFIED, SdkReady.READY_TRUE, SdkReady.READY_FALSE),
});

const sdkState = fc.record({
  composite: optional(sdkResource),
  resources: fc.dictionary(resourceKey, sdkResource, { maxKeys: 4 }),
});

const sdkResources = fc.record({ items: fc.array(sdkResource, { maxLength: 3 }) });

/** Whole requests in the SDK's shape, every field the proto has, for `RunFunctionRequest.encode`. */
export const sdkRequest: fc.Arbitrary<RunFunctionRequest> = fc.record({
  meta: optional(fc.record({ tag: text, capabilities: fc.array(fc.integer({ min: 0, max: 5 })) })),
  observed: optional(sdkState),
  desired: optional(sdkState),
  input: optional(fields),
  context: optional(fields),
  extraResources: fc.dictionary(key, sdkResources, { maxKeys: 2 }),
  credentials: fc.dictionary(
    key,
    fc.record({ credentialData: optional(fc.record({ data: fc.dictionary(key, bytes) })) }),
    { maxKeys: 2 },
  ),
  requiredResources: fc.dictionary(key, sdkResources, { maxKeys: 3 }),
  requiredSchemas: fc.dictionary(key, fc.record({ openapiV3: optional(fields) }), { maxKeys: 2 }),
});

/** A pass-through resource as the decoder hands it on: the SDK's encoding of a Resource. */
const passThroughResource: fc.Arbitrary<PassThroughResource> = fc.record({
  key: wireKey,
  bytes: sdkResource.map((resource) => Resource.encode(resource).finish()),
});

const desiredComposite: fc.Arbitrary<DesiredComposite> = fc.record({
  resource: optional(fields),
  connectionDetails: fc.dictionary(key, bytes, { maxKeys: 2 }),
  ready,
});

const composedResource: fc.Arbitrary<ComposedResource> = fc.record({
  key,
  resource: fields,
  ready,
});

const target = fc.constantFrom(1, 2);

const result: fc.Arbitrary<Result> = fc.record(
  { severity: fc.constantFrom(1, 2, 3), message: text, reason: text, target },
  { requiredKeys: ['severity', 'message'] },
);

const condition: fc.Arbitrary<Condition> = fc.record(
  { type: text, status: fc.constantFrom(1, 2, 3), reason: text, message: text, target },
  { requiredKeys: ['type', 'status', 'reason'] },
);

const selector: fc.Arbitrary<ResourceSelector> = fc.record(
  {
    apiVersion: text,
    kind: text,
    matchName: text,
    matchLabels: fc.dictionary(key, text, { maxKeys: 3 }),
    namespace: text,
  },
  { requiredKeys: ['apiVersion', 'kind'] },
);

/** TTLs: any whole number of seconds a Duration holds exactly, negative ones included. */
const ttlSeconds = fc.oneof(
  fc.integer({ min: 0, max: 86_400 }),
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 32),
);

export const functionResponse: fc.Arbitrary<FunctionResponse> = fc.record({
  tag: text,
  ttlSeconds,
  desiredComposite: optional(desiredComposite),
  passThrough: fc.array(passThroughResource, { maxLength: 3 }),
  composed: fc.array(composedResource, { maxLength: 4 }),
  results: fc.array(result, { maxLength: 3 }),
  conditions: fc.array(condition, { maxLength: 3 }),
  requirements: fc.dictionary(key, selector, { maxKeys: 3 }),
  context: optional(fields.map((object) => sdkStructBytes(object))),
});
