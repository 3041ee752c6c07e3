/**
 * The hand-written health codec against protobufjs encoding the same messages from the
 * standard health.proto (the process tests also call the service over a socket).
 */
import * as protoLoader from '@grpc/proto-loader';
import * as grpc from '@grpc/grpc-js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHealthCheckRequest, encodeHealthCheckResponse } from '../../src/server/health.js';

const definition = protoLoader.loadSync(resolve(import.meta.dirname, 'support/health.proto'), {
  enums: String,
  defaults: true,
});
const check = (definition['grpc.health.v1.Health'] as grpc.ServiceDefinition).Check;
if (check === undefined) throw new Error('health.proto has no Check');

describe('health codec', () => {
  it.each([
    { reason: 'empty service (the whole server)', service: '' },
    { reason: 'a named service', service: 'apiextensions.fn.proto.v1.FunctionRunnerService' },
    { reason: 'a 200-byte name (two-byte length varint)', service: 's'.repeat(200) },
  ])('decodes a request: $reason', ({ service }) => {
    expect(decodeHealthCheckRequest(check.requestSerialize({ service }))).toEqual({ service });
  });

  it('skips fields it does not know, of every wire type', () => {
    const known = check.requestSerialize({ service: 'x' });
    const unknown = Buffer.from([
      0x10, 0x96, 0x01, // field 2, varint 150
      0x19, 1, 2, 3, 4, 5, 6, 7, 8, // field 3, fixed64
      0x25, 1, 2, 3, 4, // field 4, fixed32
      0x2a, 0x02, 0x61, 0x62, // field 5, length-delimited "ab"
    ]); // prettier-ignore
    expect(decodeHealthCheckRequest(Buffer.concat([unknown, known]))).toEqual({ service: 'x' });
  });

  it.each([
    { reason: 'truncated length', bytes: [0x0a, 0x05, 0x61] },
    { reason: 'unterminated varint', bytes: [0x0a, 0xff] },
    { reason: 'group wire type', bytes: [0x0b] },
  ])('rejects malformed input: $reason', ({ bytes }) => {
    expect(() => decodeHealthCheckRequest(Buffer.from(bytes))).toThrow();
  });

  it.each([
    { status: 1, name: 'SERVING' },
    { status: 2, name: 'NOT_SERVING' },
    { status: 0, name: 'UNKNOWN' },
  ])('encodes status $status as protobufjs reads it: $name', ({ status, name }) => {
    expect(check.responseDeserialize(encodeHealthCheckResponse({ status }))).toEqual({
      status: name,
    });
  });
});
