/**
 * Mutual TLS with real certificates made at test time: Crossplane's side (a client certificate
 * from the CA in ca.crt) is served; a client without a certificate or with one from another CA
 * is refused; missing or broken certificates stop the server with one clear line.
 */
import * as grpc from '@grpc/grpc-js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates, type TestCertificates } from './support/certs.js';
import { connect, credentials } from './support/clients.js';
import {
  LOOPBACK_FLAGS,
  spawnServer,
  startServer,
  stopServer,
  type RunningServer,
} from './support/process.js';
import { inProcessResponse, request } from './support/requests.js';

let workDir: string;
let certs: TestCertificates;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-tls-'));
  certs = generateCertificates(workDir);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function grpcCode(error: unknown): number | undefined {
  return (error as Partial<grpc.ServiceError>).code;
}

describe('mutual TLS (default transport)', () => {
  let server: RunningServer | undefined;

  beforeAll(async () => {
    server = await startServer(['--tls-server-certs-dir', certs.serverDir, ...LOOPBACK_FLAGS]);
  });

  afterAll(async () => {
    await stopServer(server);
  });

  it('serves a client presenting a certificate from the CA in ca.crt', async () => {
    const client = connect(server?.port ?? 0, credentials.tls(certs.caCert, certs.client));
    const req = request('mtls');
    try {
      expect(await client.run(req)).toEqual(inProcessResponse(req));
    } finally {
      client.close();
    }
  });

  it.each([
    { reason: 'no client certificate', identity: () => undefined },
    { reason: 'a client certificate from another CA', identity: () => certs.foreignClient },
  ])('refuses a client with $reason', async ({ identity }) => {
    const client = connect(server?.port ?? 0, credentials.tls(certs.caCert, identity()));
    try {
      const outcome = await client.run(request('intruder')).then(
        () => 'served',
        (error: unknown) => grpcCode(error),
      );
      expect(outcome).toBe(grpc.status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });

  it('refuses a plaintext client', async () => {
    const client = connect(server?.port ?? 0, credentials.insecure());
    try {
      const outcome = await client.run(request('plaintext'), 3_000).then(
        () => 'served',
        (error: unknown) => grpcCode(error),
      );
      expect(outcome).toBe(grpc.status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });
});

describe('where the certificates come from', () => {
  it.each([
    { reason: 'env TLS_SERVER_CERTS_DIR (what Crossplane sets)', flag: [], viaEnv: true },
    { reason: '--tls-certs-dir (Go template spelling)', flag: ['--tls-certs-dir'], viaEnv: false },
  ])('serves mutual TLS from $reason', async ({ flag, viaEnv }) => {
    const args = flag.length === 0 ? LOOPBACK_FLAGS : [...flag, certs.serverDir, ...LOOPBACK_FLAGS];
    const env: Record<string, string> = viaEnv ? { TLS_SERVER_CERTS_DIR: certs.serverDir } : {};
    const server = await startServer(args, { env });
    const client = connect(server.port, credentials.tls(certs.caCert, certs.client));
    try {
      const rsp = (await client.run(request('source'))) as { meta?: { tag?: string } };
      expect(server.lines.find((line) => line.msg === 'serving RunFunction')?.transport).toBe(
        'mtls',
      );
      expect(rsp.meta?.tag).toBe('source');
    } finally {
      client.close();
      await stopServer(server);
    }
  });
});

describe('refusing to start without usable certificates', () => {
  it('exits 1 with one line naming the missing files and the ways out', async () => {
    const dir = join(workDir, 'does-not-exist');
    const server = spawnServer(['--tls-server-certs-dir', dir, ...LOOPBACK_FLAGS]);
    const exit = await server.exited;
    expect({
      exit,
      lines: server.lines.map(({ time: _time, ...line }) => line),
      stderr: server.stderr(),
    }).toEqual({
      exit: { code: 1, signal: null },
      lines: [
        {
          severity: 'ERROR',
          msg:
            `cannot serve mutual TLS: unreadable in ${dir}: tls.key (ENOENT), tls.crt (ENOENT), ` +
            'ca.crt (ENOENT); mount the TLS Secret there, point --tls-server-certs-dir ' +
            '(env TLS_SERVER_CERTS_DIR) at it, or pass --insecure for local use',
        },
      ],
      stderr: '',
    });
  });

  it('exits 1 when the key does not match the certificate', async () => {
    const dir = join(workDir, 'mismatched');
    cpSync(certs.serverDir, dir, { recursive: true });
    cpSync(join(workDir, 'client.key'), join(dir, 'tls.key'));
    const server = spawnServer(['--tls-server-certs-dir', dir, ...LOOPBACK_FLAGS]);
    const exit = await server.exited;
    const messages = server.lines.map((line) => line.msg);
    expect({ exit, messages }).toEqual({
      exit: { code: 1, signal: null },
      messages: [
        expect.stringMatching(
          new RegExp(
            `^cannot serve mutual TLS: invalid certificates in ${dir}: .*key values mismatch`,
          ),
        ),
      ],
    });
  });
});
