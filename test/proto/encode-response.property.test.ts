/**
 * Arbitrary RunFunctionResponses (fixed seed, bounded runs): the fast encoder gives the SDK's
 * bytes without falling back, on the generated objects and on what decoding them yields, and
 * its bytes decode back to the response.
 */
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRunFunctionResponseFast } from '../../src/proto/encode-response.js';
import { response } from './responses.js';

const SETTINGS = { seed: 20261129, numRuns: 500 };

const sdkBytes = (rsp: RunFunctionResponse): string =>
  Buffer.from(RunFunctionResponse.encode(rsp).finish()).toString('hex');

/** What UTF-8 keeps of a value: every lone surrogate, in keys too, becomes U+FFFD. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('utf8');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [wellFormed(key), wellFormed(entry)]),
  );
}

describe('encodeRunFunctionResponseFast on arbitrary responses', () => {
  it('gives exactly the SDK bytes', () => {
    fc.assert(
      fc.property(response, (rsp) => {
        expect(encodeRunFunctionResponseFast(rsp).toString('hex')).toBe(sdkBytes(rsp));
      }),
      SETTINGS,
    );
  });

  it('gives the SDK bytes for responses as the SDK decodes them (other object shapes)', () => {
    fc.assert(
      fc.property(response, (rsp) => {
        const decoded = RunFunctionResponse.decode(RunFunctionResponse.encode(rsp).finish());
        expect(encodeRunFunctionResponseFast(decoded).toString('hex')).toBe(sdkBytes(decoded));
      }),
      SETTINGS,
    );
  });

  it('decodes back to the response (lone surrogates become U+FFFD, undefined is dropped)', () => {
    fc.assert(
      fc.property(response, (rsp) => {
        const decoded = RunFunctionResponse.decode(encodeRunFunctionResponseFast(rsp));
        expect(decoded).toEqual(wellFormed(rsp));
      }),
      SETTINGS,
    );
  });
});
