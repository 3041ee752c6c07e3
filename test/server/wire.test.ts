/**
 * Wire compatibility (issue 2 item 6): the built server, over a real socket, called by a client
 * built from `test/proto/run_function.proto` with protobufjs, answers exactly what the function
 * returns in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, credentials, type RunFunctionClient } from './support/clients.js';
import { LOOPBACK_FLAGS, startServer, stopServer, type RunningServer } from './support/process.js';
import {
  CREDENTIALS_SECRET,
  PERCONA_WITH_BACKUP,
  inProcessResponse,
  request,
  type RequestParts,
} from './support/requests.js';

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
    reason: 'invalid spec: a FATAL result with its enum and message',
    parts: { spec: { percona: { enabled: true, replicas: -1 } } },
  },
];

describe('RunFunction over the wire', () => {
  let server: RunningServer | undefined;
  let client: RunFunctionClient;

  beforeAll(async () => {
    server = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  });

  afterAll(async () => {
    client.close();
    await stopServer(server);
  });

  it.each(cases)('decodes to the in-process response: $reason', async ({ parts }) => {
    const req = request('wire-test', parts);
    expect(await client.run(req)).toEqual(inProcessResponse(req));
  });

  it('answers with content: the tag, composed resources, and a FATAL for a bad spec', async () => {
    const good = (await client.run(request('tag-echo'))) as {
      meta?: { tag?: string };
      desired?: { resources?: Record<string, unknown> };
    };
    const bad = (await client.run(request('bad', cases[2]?.parts))) as {
      results?: { severity?: string }[];
    };
    expect({
      tag: good.meta?.tag,
      composed: Object.keys(good.desired?.resources ?? {}).length > 0,
      severities: bad.results?.map((result) => result.severity),
    }).toEqual({ tag: 'tag-echo', composed: true, severities: ['SEVERITY_FATAL'] });
  });
});
