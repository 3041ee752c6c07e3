/**
 * Wire compatibility (issue 2 item 6): the server, over a real socket, called by a client
 * built from `test/proto/run_function.proto` with protobufjs, answers exactly what the function
 * returns in-process, on v1 and on v1beta1; a request it cannot decode gets INVALID_ARGUMENT,
 * a handler that throws or returns what cannot be encoded gets a FATAL result, and the next
 * call is served. The server runs in this process (src/server/server.ts); the built one is
 * called over the wire in the deep tier (abuse*.deep.test.ts).
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionHandler } from '../../src/server/server.js';
import { fatalResponse } from '../../src/wire/fatal.js';
import { connect, credentials, type RunFunctionClient } from './support/clients.js';
import { startInProcess, type InProcessServer } from './support/in-process.js';
import { encodeRequest, rawConnect, type RawClient } from './support/raw-client.js';
import {
  CREDENTIALS_SECRET,
  PERCONA_WITH_BACKUP,
  inProcessResponse,
  request,
  type RequestParts,
} from './support/requests.js';

const EARLIER_STEP = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'demo', namespace: 'team-a' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

const cases: readonly { reason: string; parts: RequestParts }[] = [
  { reason: 'minimal XR: composed resources, XR status, TTL', parts: {} },
  {
    reason: 'Percona with backup: required resources in, requirements and conditions out',
    parts: {
      spec: PERCONA_WITH_BACKUP,
      requiredResources: { 'backup-credentials': [CREDENTIALS_SECRET] },
      input: { apiVersion: 'dittoserver.fn.dittofs.com/v1beta1', kind: 'Input' },
      context: {
        'apiextensions.crossplane.io/environment': { region: 'eu-west-1', zones: [1, 2] },
      },
      credentials: { registry: { token: 'c2VjcmV0' } },
    },
  },
  {
    reason: 'after an earlier step: its XR status kept, its resources passed, ours replaced',
    parts: {
      desiredComposite: { status: { fromEarlierStep: true } },
      desiredResources: { 'team-network-policy': EARLIER_STEP, config: { kind: 'Stale' } },
    },
  },
  {
    reason: 'invalid spec: a FATAL result with its enum and message',
    parts: { spec: { percona: { enabled: true, replicas: -1 } } },
  },
];

const answer = (message: string, tag = 't') => ({
  meta: { tag, ttl: { seconds: 60 } },
  desired: {},
  results: [
    {
      severity: 'SEVERITY_FATAL',
      message,
      reason: 'InternalError',
      target: 'TARGET_COMPOSITE_AND_CLAIM',
    },
  ],
  requirements: {},
});

describe('RunFunction over the wire', () => {
  let server: InProcessServer;
  let client: RunFunctionClient;
  let v1beta1: RunFunctionClient;

  beforeAll(async () => {
    server = await startInProcess();
    client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
    v1beta1 = connect(server.port, credentials.insecure(), { host: '127.0.0.1', v1beta1: true });
  });

  afterAll(async () => {
    client.close();
    v1beta1.close();
    await server.stop();
  });

  it.each(cases)('decodes to the in-process response: $reason', async ({ parts }) => {
    const req = request('wire-test', parts);
    const expected = inProcessResponse(req);
    expect([await client.run(req), await v1beta1.run(req)]).toEqual([expected, expected]);
  });

  it('answers with content: the tag, composed resources, and a FATAL for a bad spec', async () => {
    const good = (await client.run(request('tag-echo'))) as {
      meta?: { tag?: string };
      desired?: { resources?: Record<string, unknown> };
    };
    const bad = (await client.run(request('bad', cases[3]?.parts))) as {
      results?: { severity?: string }[];
    };
    expect({
      tag: good.meta?.tag,
      composed: Object.keys(good.desired?.resources ?? {}).length > 0,
      severities: bad.results?.map((result) => result.severity),
    }).toEqual({ tag: 'tag-echo', composed: true, severities: ['SEVERITY_FATAL'] });
  });
});

describe('what the server answers when decoding or the function fails', () => {
  let raw: RawClient;
  let client: RunFunctionClient;
  let server: InProcessServer;
  let handler: FunctionHandler = () => {
    throw new Error('no handler yet');
  };

  beforeAll(async () => {
    server = await startInProcess((req) => handler(req));
    raw = rawConnect(`127.0.0.1:${server.port}`, credentials.insecure());
    client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  });

  afterAll(async () => {
    raw.close();
    client.close();
    await server.stop();
  });

  const served = async () => {
    handler = (req) => fatalResponse(req, 'served', 60, 'InternalError');
    return client.run({ meta: { tag: 'after' } });
  };

  it('refuses bytes it cannot decode with INVALID_ARGUMENT, then serves the next call', async () => {
    server.records.length = 0;
    const refused = await raw.call(Buffer.from([0x0a, 0x05, 0x0a]));
    expect({ refused, next: await served(), records: server.records }).toEqual({
      refused: {
        code: grpc.status.INVALID_ARGUMENT,
        details: 'invalid RunFunctionRequest: meta: truncated field at byte 1',
      },
      next: answer('served', 'after'),
      records: [
        { outcome: 'error', severities: [] },
        { outcome: 'fatal', severities: ['fatal'] },
      ],
    });
  });

  it('answers a throw with a FATAL InternalError and logs it, then serves the next call', async () => {
    server.logs.length = 0;
    handler = () => {
      throw new TypeError('Cannot read properties of undefined\n(reading "spec")');
    };
    const thrown = await client.run({ meta: { tag: 't' } });
    const message = 'the function failed: Cannot read properties of undefined (reading "spec")';
    expect({
      thrown,
      logs: server.logs.map(({ msg, error, tag }) => ({ msg, error, tag })),
      next: await served(),
    }).toEqual({
      thrown: answer(message),
      logs: [
        {
          msg: 'RunFunction failed',
          error: 'Cannot read properties of undefined (reading "spec")',
          tag: 't',
        },
      ],
      next: answer('served', 'after'),
    });
  });

  it('answers a rejected promise the same way', async () => {
    handler = () => Promise.reject(new Error('later'));
    expect(await client.run({ meta: { tag: 't' } })).toEqual(answer('the function failed: later'));
  });

  it('answers a response no Struct can hold with a FATAL naming where', async () => {
    server.logs.length = 0;
    handler = (req) => ({
      ...fatalResponse(req, 'never sent', 60, 'InternalError'),
      results: [],
      composed: [{ key: 'config', resource: { data: { size: 1n } }, ready: 1 }],
    });
    const message =
      'cannot encode RunFunctionResponse: desired.resources.config.resource.data.size: a bigint is not JSON';
    expect({
      answered: await client.run({ meta: { tag: 't' } }),
      logs: server.logs.map(({ msg, error }) => ({ msg, error })),
    }).toEqual({
      answered: answer(message),
      logs: [{ msg: 'RunFunction response not encodable', error: message }],
    });
  });

  it('passes earlier steps resources through a handler that returns them', async () => {
    handler = (req) => fatalResponse(req, 'm', 60, 'R');
    const bytes = encodeRequest(
      request('t', { desiredResources: { 'team-network-policy': EARLIER_STEP } }),
    );
    const rsp = (await raw.call(bytes)) as { response?: { desired?: unknown } };
    expect(rsp.response?.desired).toEqual({
      resources: { 'team-network-policy': { resource: EARLIER_STEP } },
    });
  });
});
