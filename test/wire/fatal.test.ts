/**
 * The FATAL response, for a throw and for an invalid spec: one result for the XR and its
 * claim, with what earlier steps desired and the context returned exactly as they came.
 */
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { fatalResponse } from '../../src/wire/fatal.js';
import {
  bytesField,
  entry,
  request,
  resource,
  resourceEntry,
  value,
  varintField,
} from './support/proto-bytes.js';

const earlier = resource([entry('kind', value.string('NetworkPolicy'))]);
const req = decodeRunFunctionRequest(
  Buffer.concat([
    request.meta(bytesField(1, 'tag-7')),
    request.observed(bytesField(1, resource([entry('kind', value.string('DittoServer'))]))),
    request.desired(
      bytesField(1, resource([entry('status', value.struct())]), varintField(3, 1)),
      resourceEntry('policy', earlier),
      resourceEntry('deployment', resource([entry('kind', value.string('Deployment'))])),
    ),
    request.context(entry('env', value.string('prod'))),
  ]),
  (key) => key === 'deployment',
);

describe('fatalResponse', () => {
  it('returns the request desired state and context, one FATAL result, nothing of ours', () => {
    expect(fatalResponse(req, 'the function failed: boom', 30, 'InternalError')).toEqual({
      tag: 'tag-7',
      ttlSeconds: 30,
      desiredComposite: { resource: { status: {} }, connectionDetails: {}, ready: 1 },
      passThrough: [{ key: 'policy', bytes: earlier }],
      composed: [],
      results: [
        { severity: 1, message: 'the function failed: boom', reason: 'InternalError', target: 2 },
      ],
      conditions: [],
      requirements: {},
      context: Buffer.concat([entry('env', value.string('prod'))]),
    });
  });

  it('returns the same objects, not copies: nothing of the request is rebuilt', () => {
    const rsp = fatalResponse(req, 'invalid DittoServer: spec: required', 60, 'InvalidSpec');
    expect([
      rsp.desiredComposite === req.desiredComposite,
      rsp.passThrough === req.passThrough,
      rsp.context === req.context,
      rsp.results[0]?.reason,
    ]).toEqual([true, true, true, 'InvalidSpec']);
  });
});
