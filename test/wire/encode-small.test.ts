/**
 * The encoder writes small values (an entry or element under 128 bytes, every length inside
 * one byte) in one operation per run and larger ones field by field (src/wire/small-values.ts):
 * on both sides of that boundary, and mixed in one object, the bytes are the SDK's.
 */
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import type { FunctionResponse, JsonObject } from '../../src/wire/types.js';
import { sdkResponse } from './support/sdk-messages.js';

const response = (resource: JsonObject): FunctionResponse => ({
  tag: '',
  ttlSeconds: 60,
  desiredComposite: undefined,
  passThrough: [],
  composed: [{ key: 'r', resource, ready: 1 }],
  results: [],
  conditions: [],
  requirements: {},
  context: undefined,
});

/** Our bytes and the SDK's for `resource`, as hex. */
function bothWays(resource: JsonObject): [string, string] {
  const rsp = response(resource);
  const sdk = Buffer.from(RunFunctionResponse.encode(sdkResponse(rsp)).finish());
  return [encodeRunFunctionResponse(rsp).toString('hex'), sdk.toString('hex')];
}

/** Sizes around the boundary: an entry's content of 127 bytes is small, of 128 is not. */
const AROUND = Array.from({ length: 24 }, (_, i) => 110 + i);

describe('small values and the one-byte boundary', () => {
  it('a string value on either side of it', () => {
    const mismatches = AROUND.filter((n) => {
      const [ours, sdk] = bothWays({ k: 'x'.repeat(n) });
      return ours !== sdk;
    });
    expect(mismatches).toEqual([]);
  });

  it('a key, an object nested three deep, a list of every kind, on either side of it', () => {
    const mismatches = AROUND.filter((n) => {
      const text = 'é'.repeat(n >> 1);
      const [ours, sdk] = bothWays({
        ['k'.repeat(n - 100)]: 1.5,
        a: { b: { c: text } },
        l: [text.slice(0, n - 110), null, true, false, -0, Number.NaN, undefined, {}, []],
        '': 'empty key',
        u: undefined,
      });
      return ours !== sdk;
    });
    expect(mismatches).toEqual([]);
  });

  it('lone surrogates in short keys and values, written as U+FFFD', () => {
    const [ours, sdk] = bothWays({ '\ud800': 'a\udfffb', k: ['\udc00', { '\ud83d': '😀' }] });
    expect(ours).toBe(sdk);
  });

  it('small entries between large ones, in one object and one list', () => {
    const big = 'y'.repeat(300);
    const [ours, sdk] = bothWays({
      a: 1,
      b: big,
      c: { d: 'e' },
      f: { g: big, h: 2 },
      i: [1, big, { j: 'k' }, [big], 'z'],
      m: true,
    });
    expect(ours).toBe(sdk);
  });
});
