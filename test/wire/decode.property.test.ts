/**
 * Arbitrary RunFunctionRequests encoded by the SDK: our decoder gives, for every field the
 * function reads, what the SDK's decoder gives, and the bytes it keeps (earlier steps'
 * resources, the context) decode with the SDK to the SDK's own messages.
 */
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { owns as ownsResourceKey } from '../../src/resources.js';
import { propertyRuns } from '../support/depth.js';
import { sdkRequest } from './support/arbitraries.js';
import { fromSdk, fromWire } from './support/sdk-messages.js';

const SETTINGS = { seed: 20261130, numRuns: propertyRuns(200, 2000) };

describe('decodeRunFunctionRequest on SDK-encoded requests', () => {
  it('equals the SDK decoding, field by field', () => {
    fc.assert(
      fc.property(sdkRequest, (message) => {
        const bytes = RunFunctionRequest.encode(message).finish();
        const sdk = fromSdk(RunFunctionRequest.decode(bytes), ownsResourceKey);
        expect(fromWire(decodeRunFunctionRequest(bytes, ownsResourceKey))).toEqual(sdk);
      }),
      SETTINGS,
    );
  });

  it('lets the caller decide what it owns: everything, or nothing', () => {
    fc.assert(
      fc.property(sdkRequest, fc.boolean(), (message, all) => {
        const owns = () => all;
        const bytes = RunFunctionRequest.encode(message).finish();
        const sdk = fromSdk(RunFunctionRequest.decode(bytes), owns);
        expect(fromWire(decodeRunFunctionRequest(bytes, owns))).toEqual(sdk);
      }),
      SETTINGS,
    );
  });

  it('keeps the order earlier steps wrote their resources in', () => {
    fc.assert(
      fc.property(sdkRequest, (message) => {
        const bytes = RunFunctionRequest.encode(message).finish();
        const keys = decodeRunFunctionRequest(bytes, ownsResourceKey).passThrough.map((r) => r.key);
        // UTF-8 turns every lone surrogate into U+FFFD, so two keys may arrive as one.
        const written = Object.keys(message.desired?.resources ?? {}).map((k) => k.toWellFormed());
        expect(keys).toEqual([...new Set(written)].filter((key) => !ownsResourceKey(key)));
      }),
      SETTINGS,
    );
  });
});
