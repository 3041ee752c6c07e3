/**
 * The built server as a process: message-size limits, the health service, the v1beta1 service
 * name, Prometheus metrics, the per-request debug log (without Secret data), listening on
 * IPv4 and IPv6 like the Go SDK, and start-up failures (bad flags, an address in use).
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, credentials, type RunFunctionClient } from './support/clients.js';
import {
  LOOPBACK_FLAGS,
  spawnServer,
  startServer,
  stopServer,
  type RunningServer,
} from './support/process.js';
import {
  CREDENTIALS_SECRET,
  PERCONA_WITH_BACKUP,
  bulkyConfigMap,
  inProcessResponse,
  request,
} from './support/requests.js';

const MiB = 1024 * 1024;

const grpcCode = (call: Promise<unknown>) =>
  call.then(
    () => 'served',
    (error: unknown) => (error as Partial<grpc.ServiceError>).code,
  );

describe('a running server (--debug, defaults otherwise)', () => {
  let server: RunningServer | undefined;
  let client: RunFunctionClient;

  beforeAll(async () => {
    server = await startServer(['--insecure', '--debug', ...LOOPBACK_FLAGS]);
    client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  });

  afterAll(async () => {
    client.close();
    await stopServer(server);
  });

  it('serves a 3 MiB request exactly as the function answers it in-process', async () => {
    const req = request('large', { observedResources: { bulk: bulkyConfigMap('bulk', 3 * MiB) } });
    expect(await client.run(req)).toEqual(inProcessResponse(req));
  });

  it('refuses a request over the default 8 MiB limit with RESOURCE_EXHAUSTED', async () => {
    const req = request('huge', { observedResources: { bulk: bulkyConfigMap('bulk', 9 * MiB) } });
    expect(await grpcCode(client.run(req))).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  it('answers health checks for the server and the function service, NOT_FOUND otherwise', async () => {
    const checks = await Promise.all(
      ['', 'apiextensions.fn.proto.v1.FunctionRunnerService', 'no.such.Service'].map((service) =>
        client.health(service).catch((error: unknown) => (error as grpc.ServiceError).code),
      ),
    );
    expect(checks).toEqual(['SERVING', 'SERVING', grpc.status.NOT_FOUND]);
  });

  it('serves the v1beta1 service name that Crossplane <= v1.16 calls', async () => {
    const beta = connect(server?.port ?? 0, credentials.insecure(), {
      host: '127.0.0.1',
      v1beta1: true,
    });
    const req = request('beta');
    try {
      expect(await beta.run(req)).toEqual(inProcessResponse(req));
    } finally {
      beta.close();
    }
  });

  it('logs one debug line per call with its summary and no Secret data', async () => {
    const req = request('logged', {
      spec: PERCONA_WITH_BACKUP,
      requiredResources: { 'backup-credentials': [CREDENTIALS_SECRET] },
      credentials: { registry: { token: 'c3VwZXJzZWNyZXQ=' } },
    });
    const rsp = (await client.run(req)) as { desired?: { resources?: object } };
    const line = await (server as RunningServer).waitForLine((l) => l.tag === 'logged');
    const { time: _time, durationMs, ...rest } = line;
    const everything = (server as RunningServer).lines.map((l) => JSON.stringify(l)).join('\n');
    expect({
      line: rest,
      durationIsNumber: typeof durationMs === 'number',
      secretsInLog: ['YWNjZXNz', 'c2VjcmV0', 'c3VwZXJzZWNyZXQ=', 'supersecret'].filter((value) =>
        everything.includes(value),
      ),
    }).toEqual({
      line: {
        severity: 'DEBUG',
        msg: 'RunFunction',
        tag: 'logged',
        xr: 'team-a/demo',
        outcome: 'ok',
        results: {},
        desiredResources: Object.keys(rsp.desired?.resources ?? {}).length,
      },
      durationIsNumber: true,
      secretsInLog: [],
    });
  });
});

describe('metrics', () => {
  it('counts calls by outcome, results by severity, and times them', async () => {
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
    try {
      await client.run(request('ok'));
      await client.run(request('bad', { spec: { percona: { enabled: true, replicas: -1 } } }));
      const response = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
      const ours = (await response.text())
        .split('\n')
        .filter((line) => /^function_run_function_\w+(_total|_count)\{?/.test(line));
      const notFound = await fetch(`http://127.0.0.1:${server.metricsPort}/other`);
      expect({ status: response.status, ours, notFound: notFound.status }).toEqual({
        status: 200,
        ours: [
          'function_run_function_requests_total{outcome="ok"} 1',
          'function_run_function_requests_total{outcome="fatal"} 1',
          'function_run_function_requests_total{outcome="error"} 0',
          'function_run_function_duration_seconds_count 2',
          'function_run_function_results_total{severity="fatal"} 1',
          'function_run_function_results_total{severity="warning"} 0',
          'function_run_function_results_total{severity="normal"} 0',
          'function_run_function_results_total{severity="unspecified"} 0',
        ],
        notFound: 404,
      });
    } finally {
      client.close();
      await stopServer(server);
    }
  });
});

describe('listening on every interface (`:port`, the default form)', () => {
  it('serves gRPC and metrics over IPv4 (127.0.0.1) and IPv6 (::1) on one port each', async () => {
    const server = await startServer(['--insecure', '--address', ':0', '--metrics-address', ':0']);
    const hosts = ['127.0.0.1', '[::1]'];
    try {
      const served = await Promise.all(
        hosts.map(async (host) => {
          const client = connect(server.port, credentials.insecure(), { host });
          try {
            const rsp = (await client.run(request(host))) as { meta?: { tag?: string } };
            const metrics = await fetch(`http://${host}:${server.metricsPort}/metrics`);
            return { host, tag: rsp.meta?.tag, metrics: metrics.status };
          } finally {
            client.close();
          }
        }),
      );
      const serving = server.lines.find((line) => line.msg === 'serving RunFunction');
      expect({ address: serving?.address, served }).toEqual({
        address: '[::]:0',
        served: hosts.map((host) => ({ host, tag: host, metrics: 200 })),
      });
    } finally {
      await stopServer(server);
    }
  });
});

describe('start-up failures', () => {
  it('exits 1 when the address is already in use', async () => {
    const first = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    const address = `127.0.0.1:${first.port}`;
    const second = spawnServer(['--insecure', '--address', address, '--metrics-address', '']);
    try {
      const exit = await second.exited;
      expect({ exit, messages: second.lines.map((line) => line.msg) }).toEqual({
        exit: { code: 1, signal: null },
        messages: [expect.stringMatching(new RegExp(`^cannot listen on ${address}: `))],
      });
    } finally {
      await stopServer(first);
    }
  });

  it('serves without metrics, warning, when the metrics port is already in use', async () => {
    const first = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    const metrics = `127.0.0.1:${first.metricsPort}`;
    const second = await startServer([
      '--insecure',
      '--address',
      '127.0.0.1:0',
      '--metrics-address',
      metrics,
    ]);
    const client = connect(second.port, credentials.insecure(), { host: '127.0.0.1' });
    try {
      const rsp = (await client.run(request('no-metrics'))) as { meta?: { tag?: string } };
      expect({
        tag: rsp.meta?.tag,
        lines: second.lines.map(({ time: _time, port: _port, ...line }) => line),
      }).toEqual({
        tag: 'no-metrics',
        lines: [
          {
            severity: 'WARN',
            msg: `metrics off: cannot listen on ${metrics}: Error: listen EADDRINUSE: address already in use ${metrics}`,
          },
          {
            severity: 'INFO',
            msg: 'serving RunFunction',
            address: '127.0.0.1:0',
            transport: 'insecure',
            maxReceiveMessageBytes: 8 * MiB,
          },
        ],
      });
    } finally {
      client.close();
      await stopServer(second);
      await stopServer(first);
    }
  });

  it('exits 2 on an unknown flag, saying which', async () => {
    const server = spawnServer(['--insecure', '--network', 'tcp']);
    expect({ exit: await server.exited, stderr: server.stderr(), lines: server.lines }).toEqual({
      exit: { code: 2, signal: null },
      // Node's own wording follows the option name and varies between Node versions.
      stderr: expect.stringMatching(
        /^main\.js: Unknown option '--network'.*\nTry 'main\.js --help' for the flags\.\n$/,
      ) as string,
      lines: [],
    });
  });
});
