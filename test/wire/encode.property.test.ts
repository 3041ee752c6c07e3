/**
 * Arbitrary FunctionResponses: the SDK decodes our bytes to the message the response stands
 * for, and where the SDK can encode that message itself (nothing passed through, keys in an
 * order a JS object keeps) it writes exactly our bytes.
 */
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import type { FunctionResponse } from '../../src/wire/types.js';
import { propertyRuns } from '../support/depth.js';
import { functionResponse } from './support/arbitraries.js';
import { sdkResponse } from './support/sdk-messages.js';
import { sdkStruct, sdkStructBytes } from './support/sdk-struct.js';

const SETTINGS = { seed: 20261130, numRuns: propertyRuns(150, 2000) };

/** What UTF-8 and the SDK's decoder keep of a value: lone surrogates become U+FFFD. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    // A Struct drops undefined; so does the decoder for an absent optional field.
    if (entry !== undefined) out[key.toWellFormed()] = wellFormed(entry);
  }
  return out;
}

/** Whether a JS object keeps the composed resources' order (no integer-like or repeated keys). */
function keepsOrder(rsp: FunctionResponse): boolean {
  const keys = rsp.composed.map((resource) => resource.key);
  const object = Object.fromEntries(keys.map((key) => [key, true]));
  return JSON.stringify(Object.keys(object)) === JSON.stringify(keys);
}

/**
 * Whether the SDK writes the context back as it came: not when two of its keys are one after
 * UTF-8 (two lone surrogates both become U+FFFD), which the SDK's object keeps once.
 */
function contextRoundTrips(rsp: FunctionResponse): boolean {
  const bytes = rsp.context;
  if (bytes === undefined) return true;
  const context = sdkStruct(bytes);
  return context === undefined || Buffer.from(sdkStructBytes(context)).equals(bytes);
}

describe('encodeRunFunctionResponse on arbitrary responses', () => {
  it('decodes with the SDK to the message the response stands for', () => {
    fc.assert(
      fc.property(functionResponse, (rsp) => {
        const decoded = RunFunctionResponse.decode(encodeRunFunctionResponse(rsp));
        expect(wellFormed(decoded)).toEqual(wellFormed(sdkResponse(rsp)));
      }),
      SETTINGS,
    );
  });

  it('writes the SDK bytes wherever the SDK can encode the same message', () => {
    const sdkEncodable = functionResponse
      .map((rsp) => ({ ...rsp, passThrough: [] }))
      .filter((rsp) => keepsOrder(rsp) && contextRoundTrips(rsp));
    fc.assert(
      fc.property(sdkEncodable, (rsp) => {
        const sdkBytes = Buffer.from(RunFunctionResponse.encode(sdkResponse(rsp)).finish());
        expect(encodeRunFunctionResponse(rsp).toString('hex')).toBe(sdkBytes.toString('hex'));
      }),
      SETTINGS,
    );
  });

  it('gives the same bytes for the same response', () => {
    fc.assert(
      fc.property(functionResponse, (rsp) => {
        const again = structuredClone(rsp);
        expect(encodeRunFunctionResponse(again).equals(encodeRunFunctionResponse(rsp))).toBe(true);
      }),
      SETTINGS,
    );
  });
});
