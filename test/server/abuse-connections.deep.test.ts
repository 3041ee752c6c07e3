/**
 * Hostile connections against the built server (issue 6 item 4): gRPC streams cut short or
 * carrying the wrong number of messages, bytes that are not HTTP/2, and storms of calls whose
 * clients cancel or vanish mid-call, plus a round over mutual TLS. The server answers each with
 * a proper status or hangs up, and keeps serving: health, then a valid call.
 */
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHostileServer } from './support/hostile-server.js';
import { LOOPBACK_FLAGS, startServer, stopServer, type RunningServer } from './support/process.js';
import { generateCertificates } from './support/certs.js';
import { connect, credentials, type RunFunctionClient } from './support/clients.js';
import { grpcFrame, seededBytes } from './support/hostile-bytes.js';
import {
  HUNG_UP,
  LIMIT,
  MiB,
  NO_MESSAGE,
  STILL_SERVING,
  VALID_BYTES,
  http2Status,
  refusedAsInProcess,
  stillServing,
} from './support/outcomes.js';
import {
  RUN_FUNCTION_PATH,
  encodeRequest,
  http2Call,
  http2Vanish,
  rawConnect,
  tcpGarbage,
  type Outcome,
  type RawClient,
} from './support/raw-client.js';
import { bulkyConfigMap, inProcessResponse, request } from './support/requests.js';

const residentMiB = (pid: number | undefined) =>
  Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

describe('hostile connections against a running server (--insecure)', () => {
  const hostile = useHostileServer();
  const after = hostile.after;

  const frame = grpcFrame(VALID_BYTES);
  it.each([
    {
      reason: 'a frame header promising more than follows',
      body: frame.subarray(0, 40),
      expected: NO_MESSAGE,
    },
    { reason: 'half a frame header', body: frame.subarray(0, 3), expected: NO_MESSAGE },
    { reason: 'no body at all', body: Buffer.alloc(0), expected: NO_MESSAGE },
    {
      reason: 'two messages on a unary call',
      body: Buffer.concat([frame, frame]),
      expected: http2Status(
        grpc.status.UNIMPLEMENTED,
        `Received a second request message for server streaming method ${RUN_FUNCTION_PATH}`,
      ),
    },
    {
      reason: 'a frame header claiming 4 GiB',
      body: Buffer.concat([Buffer.from([0, 0xff, 0xff, 0xff, 0xff]), VALID_BYTES]),
      expected: http2Status(
        grpc.status.RESOURCE_EXHAUSTED,
        `Received message larger than max (4294967295 vs ${LIMIT})`,
      ),
    },
  ])('answers a RunFunction stream with $reason', async ({ body, expected }) => {
    const outcome = await http2Call(hostile.server.port, body);
    expect({ outcome, after: await after() }).toEqual({ outcome: expected, after: STILL_SERVING });
  });

  it.each([
    { reason: 'random bytes', bytes: seededBytes(9, 1024) },
    { reason: 'an HTTP/1.1 request', bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n') },
    { reason: 'a TLS record', bytes: Buffer.from([0x16, 3, 1, 0, 5, 1, 2, 3, 4, 5]) },
    {
      reason: 'the HTTP/2 preface, then garbage',
      bytes: Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), seededBytes(3, 512)]),
    },
  ])('hangs up on a TCP client sending $reason', async ({ bytes }) => {
    const reply = await tcpGarbage(hostile.server.port, bytes);
    expect({ reply, after: await after() }).toEqual({ reply: HUNG_UP, after: STILL_SERVING });
  });

  it('serves every normal call through storms of calls cancelled or dropped mid-call', async () => {
    const stormRequest = request('storm', {
      observedResources: { bulk: bulkyConfigMap('bulk', 64 * 1024) },
    });
    const body = encodeRequest(stormRequest);
    const served = { code: grpc.status.OK, details: '', response: inProcessResponse(stormRequest) };
    const cancelled = { code: grpc.status.CANCELLED, details: 'Cancelled on client' };
    const kind = (outcome: Outcome) => {
      if (isDeepStrictEqual(outcome, served)) return 'served';
      return isDeepStrictEqual(outcome, cancelled) ? 'cancelled' : JSON.stringify(outcome);
    };
    const canceller = rawConnect(`127.0.0.1:${hostile.server.port}`, credentials.insecure());
    // 60 calls cancelled and 40 whose TCP connection is destroyed 1 to 300 ms in, sent before
    // 100 normal calls: some go before the server reads them, some while it works on them, some
    // after it answered.
    const storm = async () => {
      const [cancels, , normal] = await Promise.all([
        Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            canceller.call(body, { cancelAfterMs: 1 + ((i * 37) % 300) }),
          ),
        ),
        Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            http2Vanish(hostile.server.port, grpcFrame(body), 1 + ((i * 53) % 300)),
          ),
        ),
        Promise.all(Array.from({ length: 100 }, () => hostile.raw.call(body))),
      ]);
      return {
        normal: [...new Set(normal.map(kind))],
        // A call may finish before its cancel lands; every other one must end CANCELLED.
        cancels: [...new Set(cancels.map(kind))].filter((k) => k !== 'served'),
        residentMiB: residentMiB(hostile.server.child.pid),
      };
    };
    try {
      const storms = [];
      for (let i = 0; i < 6; i++) storms.push(await storm());
      const resident = storms.map((s) => s.residentMiB);
      expect({
        storms: storms.map(({ normal, cancels }) => ({ normal, cancels })),
        // Resident memory settles after two storms (about 130-160 MiB); abandoned calls'
        // requests, if kept, would add tens of MiB per storm after that.
        growthUnder64MiB: Math.max(...resident.slice(2)) - (resident[1] ?? 0) < 64,
        exitCode: hostile.server.child.exitCode,
        after: await after(),
      }).toEqual({
        storms: Array.from({ length: 6 }, () => ({ normal: ['served'], cancels: ['cancelled'] })),
        growthUnder64MiB: true,
        exitCode: null,
        after: STILL_SERVING,
      });
    } finally {
      canceller.close();
    }
  });

  it('logged nothing but its start line and wrote nothing to stderr through all of the above', () => {
    expect(hostile.said()).toEqual({ lines: ['serving RunFunction'], stderr: '' });
  });
});

describe('hostile input over mutual TLS', () => {
  let workDir: string;
  let server: RunningServer;
  let raw: RawClient;
  let client: RunFunctionClient;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'fn-abuse-'));
    const certs = generateCertificates(workDir);
    server = await startServer(['--tls-server-certs-dir', certs.serverDir, ...LOOPBACK_FLAGS]);
    const tls = credentials.tls(certs.caCert, certs.client);
    raw = rawConnect(`localhost:${server.port}`, tls);
    client = connect(server.port, tls);
  });

  afterAll(async () => {
    raw.close();
    client.close();
    await stopServer(server);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('answers garbage and oversize messages, hangs up on plaintext, and keeps serving', async () => {
    const huge = encodeRequest(
      request('huge', { observedResources: { bulk: bulkyConfigMap('bulk', 9 * MiB) } }),
    );
    const randomBytes = seededBytes(101, 256);
    const random = await raw.call(randomBytes);
    const oversize = await raw.call(huge);
    const plaintext = await tcpGarbage(server.port, grpcFrame(VALID_BYTES));
    expect({
      random,
      oversize,
      plaintextClosedBy: plaintext.closedBy,
      after: await stillServing(raw, client),
    }).toEqual({
      random: refusedAsInProcess(randomBytes),
      oversize: {
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: `Received message larger than max (${huge.length} vs ${LIMIT})`,
      },
      plaintextClosedBy: 'server',
      after: STILL_SERVING,
    });
  });
});
