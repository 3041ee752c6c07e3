/**
 * Hostile messages against the built server (issue 6 item 4): random bytes, truncated
 * protobuf, messages over the limit (plain and compressed), decodable requests that hold no
 * DittoServer, and the same against the health service.
 * Each gets a proper gRPC status (INVALID_ARGUMENT with the decoder's reason for what cannot be
 * decoded) or a FATAL result, and after each the server still serves: health, then a valid
 * call. Connection-level abuse is in `abuse-connections.deep.test.ts`, nesting at and past
 * protobuf-go's limit in `abuse-depth.deep.test.ts`.
 */
import * as grpc from '@grpc/grpc-js';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useHostileServer } from './support/hostile-server.js';
import { grpcFrame, protoField, seededBytes } from './support/hostile-bytes.js';
import {
  LIMIT,
  MiB,
  NO_COMPOSITE,
  STILL_SERVING,
  VALID_BYTES,
  fatal,
  http2Status,
  refused,
  refusedAsInProcess,
} from './support/outcomes.js';
import { encodeRequest, http2Call } from './support/raw-client.js';
import { bulkyConfigMap, request } from './support/requests.js';

const HEALTH_CHECK = '/grpc.health.v1.Health/Check';

/** A request whose observed composite resource is `resource`. */
const composite = (resource: unknown) =>
  encodeRequest({ meta: { tag: 't' }, observed: { composite: { resource } } });

describe('hostile messages against a running server (--insecure)', () => {
  const hostile = useHostileServer();
  const after = hostile.after;

  // protobuf-go refuses field number 0, wire types 6 and 7 and stray end-groups, which random
  // bytes soon hit: every seed is refused, each with the reason the decoder gives in-process.
  it.each([
    { reason: 'one byte: a lone tag', size: 1 },
    { reason: '16 bytes: a few fields', size: 16 },
    { reason: '1 KiB', size: 1024 },
    { reason: '64 KiB: several DATA frames', size: 65536 },
  ])('refuses 8 seeds of random bytes: $reason', async ({ size }) => {
    const bodies = Array.from({ length: 8 }, (_, i) => seededBytes(size * 100 + i + 1, size));
    const outcomes = [];
    for (const body of bodies) outcomes.push(await hostile.raw.call(body));
    expect({ outcomes, after: await after() }).toEqual({
      outcomes: bodies.map(refusedAsInProcess),
      after: STILL_SERVING,
    });
  });

  const metaOnly = encodeRequest({ meta: { tag: 'still-serving' } }).length;
  // The observed State's length prefix is at metaOnly + 1: a cut anywhere after it is short.
  const observedShort = refused(`observed: truncated field at byte ${metaOnly + 1}`);
  it.each([
    {
      reason: 'inside the first field header',
      cut: 1,
      expected: refused('meta: truncated varint at byte 1'),
    },
    {
      reason: 'inside the tag string',
      cut: 5,
      expected: refused('meta: truncated field at byte 1'),
    },
    {
      reason: 'at a field boundary (a shorter valid message)',
      cut: metaOnly,
      expected: fatal(NO_COMPOSITE, 'still-serving'),
    },
    {
      reason: 'inside the observed state header',
      cut: metaOnly + 2,
      expected: refused(`observed: truncated varint at byte ${metaOnly + 1}`),
    },
    {
      reason: 'in the middle of the composite',
      cut: VALID_BYTES.length >> 1,
      expected: observedShort,
    },
    { reason: 'one byte short', cut: VALID_BYTES.length - 1, expected: observedShort },
  ])('answers a valid request cut $reason', async ({ cut, expected }) => {
    const outcome = await hostile.raw.call(VALID_BYTES.subarray(0, cut));
    expect({ outcome, after: await after() }).toEqual({ outcome: expected, after: STILL_SERVING });
  });

  it('refuses a 9 MiB message with RESOURCE_EXHAUSTED', async () => {
    const bulk = bulkyConfigMap('bulk', 9 * MiB);
    const huge = encodeRequest(request('huge', { observedResources: { bulk } }));
    const outcome = await hostile.raw.call(huge);
    expect({ outcome, after: await after() }).toEqual({
      outcome: {
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: `Received message larger than max (${huge.length} vs ${LIMIT})`,
      },
      after: STILL_SERVING,
    });
  });

  it.each([
    {
      reason: 'a gzip bomb: 9 KiB that inflate past the 8 MiB limit',
      body: grpcFrame(gzipSync(Buffer.alloc(9 * MiB)), true),
      encoding: 'gzip',
      expected: http2Status(
        grpc.status.RESOURCE_EXHAUSTED,
        `Received message that decompresses to a size larger than ${LIMIT}`,
      ),
    },
    {
      reason: 'a gzip flag on bytes that are not gzip',
      body: grpcFrame(Buffer.from('not gzip'), true),
      encoding: 'gzip',
      expected: http2Status(grpc.status.INTERNAL, 'Failed to decompress message'),
    },
    {
      reason: 'an encoding the server does not know',
      body: grpcFrame(VALID_BYTES, true),
      encoding: 'snappy',
      expected: http2Status(
        grpc.status.UNIMPLEMENTED,
        'Received message compressed with unsupported encoding "snappy"',
      ),
    },
  ])('answers a compressed message: $reason', async ({ body, encoding, expected }) => {
    const outcome = await http2Call(hostile.server.port, body, { 'grpc-encoding': encoding });
    expect({ outcome, after: await after() }).toEqual({ outcome: expected, after: STILL_SERVING });
  });

  it.each([
    { reason: 'an empty message', body: Buffer.alloc(0), expected: fatal(NO_COMPOSITE) },
    {
      reason: 'an observed composite without a resource',
      body: encodeRequest({ meta: { tag: 't' }, observed: { composite: {} } }),
      expected: fatal(NO_COMPOSITE, 't'),
    },
    {
      reason: 'an empty composite Struct',
      body: composite({}),
      expected: fatal('metadata: required; spec: required', 't'),
    },
    {
      reason: 'a ConfigMap as the composite',
      body: composite({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 'y' },
        data: {},
      }),
      expected: fatal('spec: required', 't'),
    },
    {
      reason: 'a DittoServer whose spec is a list',
      body: composite({
        kind: 'DittoServer',
        metadata: { name: 'demo', namespace: 'team-a' },
        spec: [1, 2],
      }),
      expected: fatal('spec: must be an object, not a list', 't'),
    },
  ])('answers FATAL to a request holding no DittoServer: $reason', async ({ body, expected }) => {
    const outcome = await hostile.raw.call(body);
    expect({ outcome, after: await after() }).toEqual({ outcome: expected, after: STILL_SERVING });
  });

  const SERVING = { code: grpc.status.OK, details: '', response: Buffer.from([0x08, 0x01]) };
  const notFound = (echo: string) => ({
    code: grpc.status.NOT_FOUND,
    details: `unknown service '${echo}'`,
  });
  const INT64_MINUS_ONE = [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
  it.each([
    {
      reason: 'random bytes',
      path: HEALTH_CHECK,
      body: seededBytes(1, 64),
      expected: { code: grpc.status.INTERNAL, details: 'Error deserializing request' },
    },
    {
      reason: 'an unknown int64 field of 10 bytes, which proto3 says to skip',
      path: HEALTH_CHECK,
      body: Buffer.concat([Buffer.from(INT64_MINUS_ONE), protoField(1, Buffer.from(''))]),
      expected: SERVING,
    },
    {
      reason: 'a fixed64 cut short',
      path: HEALTH_CHECK,
      body: Buffer.from([0x11, 1, 2]),
      expected: { code: grpc.status.INTERNAL, details: 'Error deserializing request' },
    },
    {
      reason: 'a 1 MB service name, echoed cut short',
      path: HEALTH_CHECK,
      body: protoField(1, Buffer.alloc(1_000_000, 'a')),
      expected: notFound(`${'a'.repeat(200)}...`),
    },
    {
      reason: 'a control character and invalid UTF-8 in the service name',
      path: HEALTH_CHECK,
      body: protoField(1, Buffer.from([0x61, 0x0a, 0x00, 0xff])),
      expected: notFound('a\n\u0000\ufffd'),
    },
    {
      reason: 'Watch, which is not offered',
      path: '/grpc.health.v1.Health/Watch',
      body: Buffer.alloc(0),
      expected: {
        code: grpc.status.UNIMPLEMENTED,
        details: 'The server does not implement the method /grpc.health.v1.Health/Watch',
      },
    },
  ])('answers a health call with $reason', async ({ path, body, expected }) => {
    const outcome = await hostile.raw.call(body, { path, deadlineMs: 5_000 });
    expect({ outcome, after: await after() }).toEqual({ outcome: expected, after: STILL_SERVING });
  });

  it('logged nothing but its start line and wrote nothing to stderr through all of the above', () => {
    expect(hostile.said()).toEqual({ lines: ['serving RunFunction'], stderr: '' });
  });
});
