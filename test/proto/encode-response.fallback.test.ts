/**
 * Values the fast path declines: it throws, and encodeRunFunctionResponse hands the response
 * to the SDK's encoder, so the result is the SDK's, whether bytes (from its coercions) or an
 * error (from values protobuf cannot hold).
 */
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import {
  encodeRunFunctionResponse,
  encodeRunFunctionResponseFast,
} from '../../src/proto/encode-response.js';
import { responseWith } from './responses.js';

type Outcome = { bytes: string } | { error: string };

function outcome(encode: () => Uint8Array): Outcome {
  try {
    return { bytes: Buffer.from(encode()).toString('hex') };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** A response built by untyped code: the SDK's types do not admit these values. */
const untyped = (fields: Record<string, unknown>): RunFunctionResponse => responseWith(fields);
const withResult = (result: Record<string, unknown>) => untyped({ results: [result] });

class Box {
  readonly a = 1;
}
class List extends Array<number> {}
const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;

const cases: { reason: string; rsp: RunFunctionResponse; sdk: 'bytes' | 'error' }[] = [
  {
    reason: 'a Date in a Struct: an empty Struct',
    rsp: untyped({ output: { at: new Date(0) } }),
    sdk: 'bytes',
  },
  {
    reason: 'a Buffer in a Struct: its indices as fields',
    rsp: untyped({ output: { raw: Buffer.from('ab') } }),
    sdk: 'bytes',
  },
  {
    reason: 'a class instance in a Struct',
    rsp: untyped({ context: { box: new Box() } }),
    sdk: 'bytes',
  },
  {
    reason: 'an Array subclass in a Struct',
    rsp: untyped({ output: { list: List.from([1, 2]) } }),
    sdk: 'bytes',
  },
  {
    reason: 'an own "__proto__" key: Struct.wrap drops it',
    rsp: untyped({ output: JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown }),
    sdk: 'bytes',
  },
  {
    reason: 'a number in a string field: written as String(value)',
    rsp: withResult({ severity: 1, message: 42 }),
    sdk: 'bytes',
  },
  {
    reason: 'an undefined proto3 string: written as "undefined"',
    rsp: untyped({ meta: { tag: undefined } }),
    sdk: 'bytes',
  },
  {
    reason: 'an enum given as a string',
    rsp: withResult({ severity: '2', message: 'm' }),
    sdk: 'bytes',
  },
  {
    reason: 'Duration seconds beyond 2^53, encoded through BigInt',
    rsp: untyped({ meta: { tag: '', ttl: { seconds: 2 ** 60, nanos: 0 } } }),
    sdk: 'bytes',
  },
  {
    reason: 'Duration seconds as a bigint',
    rsp: untyped({ meta: { tag: '', ttl: { seconds: 5n, nanos: 0 } } }),
    sdk: 'bytes',
  },
  {
    reason: 'an undefined label value: written as "undefined"',
    rsp: untyped({
      requirements: {
        extraResources: {},
        resources: {
          s: { apiVersion: 'v1', kind: 'Secret', matchLabels: { labels: { a: undefined } } },
        },
        schemas: {},
      },
    }),
    sdk: 'bytes',
  },
  { reason: 'a bigint in a Struct', rsp: untyped({ output: { n: 1n } }), sdk: 'error' },
  { reason: 'a function in a Struct', rsp: untyped({ output: { f: () => 1 } }), sdk: 'error' },
  { reason: 'a symbol in a list', rsp: untyped({ context: { l: [Symbol('s')] } }), sdk: 'error' },
  { reason: 'results missing', rsp: untyped({ results: undefined }), sdk: 'error' },
  { reason: 'an undefined result', rsp: untyped({ results: [undefined] }), sdk: 'error' },
  {
    reason: 'connection details that are a string',
    rsp: untyped({
      desired: {
        composite: { resource: {}, connectionDetails: { k: 'v' }, ready: 0 },
        resources: {},
      },
    }),
    sdk: 'error',
  },
  {
    reason: 'fractional Duration seconds',
    rsp: untyped({ meta: { tag: '', ttl: { seconds: 1.5, nanos: 0 } } }),
    sdk: 'error',
  },
  {
    reason: 'an enum beyond int32',
    rsp: withResult({ severity: 2 ** 31, message: '' }),
    sdk: 'error',
  },
  { reason: 'a null Struct', rsp: untyped({ context: null }), sdk: 'error' },
  { reason: 'a cyclic Struct', rsp: untyped({ output: cyclic }), sdk: 'error' },
];

describe('encodeRunFunctionResponse on values the fast path declines', () => {
  it.each(cases)('gives the SDK $sdk: $reason', ({ rsp, sdk }) => {
    expect(() => encodeRunFunctionResponseFast(rsp)).toThrow();
    const want = outcome(() => RunFunctionResponse.encode(rsp).finish());
    expect(Object.keys(want)).toEqual([sdk]);
    expect(outcome(() => encodeRunFunctionResponse(rsp))).toEqual(want);
  });
});
