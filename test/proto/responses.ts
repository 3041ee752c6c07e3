/**
 * RunFunctionResponses for the encoder tests: a builder with every required field filled, and
 * fast-check arbitraries for whole responses with arbitrary JSON in their Structs.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';

/** A response with ts-proto's defaults (`createBaseRunFunctionResponse`) under `fields`. */
export function responseWith(fields: Partial<RunFunctionResponse>): RunFunctionResponse {
  return {
    meta: undefined,
    desired: undefined,
    results: [],
    requirements: undefined,
    conditions: [],
    ...fields,
  };
}

/** A lone surrogate: not valid UTF-16, written as U+FFFD by both encoders. */
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Short and long, ASCII and not, astral, lone surrogates, empty. */
export const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
  fc.string({ unit: 'binary', minLength: 30, maxLength: 150 }),
  fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 3 }), loneSurrogate), { maxLength: 8 })
    .map((parts) => parts.join('')),
  fc.constantFrom('', 'a', 'é', '😀', '\u0000', '10', '2'),
);

/** Map and Struct keys: "" and integer-like keys (which Object.keys orders first) included. */
export const key = text.filter((candidate) => candidate !== '__proto__');

const number = fc.oneof(
  fc.double(), // includes NaN, -0 and the infinities
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 53, -(2 ** 63), 1e308, 5e-324),
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

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Enum values as they may come: known ones, 0 (skipped), negative, int32 extremes. */
const enumValue = fc.oneof(
  fc.integer({ min: -1, max: 5 }),
  fc.constantFrom(-2147483648, 2147483647),
  fc.integer({ min: -2147483648, max: 2147483647 }),
);
const int64 = fc.oneof(
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.maxSafeInteger(),
  fc.constantFrom(0, 2 ** 32, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
);

const resource = fc.record({
  resource: optional(fields),
  connectionDetails: fc.dictionary(
    key,
    fc.uint8Array({ maxLength: 150 }).map((bytes) => Buffer.from(bytes)),
    { maxKeys: 3 },
  ),
  ready: enumValue,
});

const resourceSelector = fc.record({
  apiVersion: text,
  kind: text,
  matchName: optional(text),
  matchLabels: optional(fc.record({ labels: fc.dictionary(key, text, { maxKeys: 3 }) })),
  namespace: optional(text),
});

/**
 * Whole responses. Map values may be undefined (the entry keeps its key only), which the
 * SDK's types do not admit: the result is cast, as a response from untyped code would be.
 */
export const response: fc.Arbitrary<RunFunctionResponse> = fc
  .record({
    meta: optional(
      fc.record({
        tag: text,
        ttl: optional(fc.record({ seconds: int64, nanos: enumValue })),
      }),
    ),
    desired: optional(
      fc.record({
        composite: optional(resource),
        resources: fc.dictionary(key, optional(resource), { maxKeys: 4 }),
      }),
    ),
    results: fc.array(
      fc.record({
        severity: enumValue,
        message: text,
        reason: optional(text),
        target: optional(enumValue),
      }),
      { maxLength: 3 },
    ),
    context: optional(fields),
    requirements: optional(
      fc.record({
        extraResources: fc.dictionary(key, optional(resourceSelector), { maxKeys: 2 }),
        resources: fc.dictionary(key, optional(resourceSelector), { maxKeys: 3 }),
        schemas: fc.dictionary(key, optional(fc.record({ apiVersion: text, kind: text })), {
          maxKeys: 2,
        }),
      }),
    ),
    conditions: fc.array(
      fc.record({
        type: text,
        status: enumValue,
        reason: text,
        message: optional(text),
        target: optional(enumValue),
      }),
      { maxLength: 3 },
    ),
    output: optional(fields),
  })
  .map((generated) => generated as unknown as RunFunctionResponse);
