/**
 * Graceful shutdown of the real process: calls in flight when SIGTERM arrives complete, new
 * calls are refused, the process exits 0; a second signal cuts the drain short with exit 1.
 * A test function that takes a fixed time to answer holds calls in flight deterministically.
 */
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/build/bundle.js';
import { connect, credentials } from './support/clients.js';
import { LOOPBACK_FLAGS, startServer, stopServer, type LogLine } from './support/process.js';
import { request } from './support/requests.js';

let workDir: string;
let slowMain: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-shutdown-'));
  slowMain = join(workDir, 'slow-main.js');
  await bundle('test/server/support/slow-main.ts', slowMain);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const outcome = (call: Promise<unknown>) =>
  call.then(
    (rsp) => (rsp as { meta?: { tag?: string } }).meta?.tag,
    (error: unknown) => `code ${String((error as Partial<grpc.ServiceError>).code)}`,
  );

const messages = (lines: readonly LogLine[]) => lines.map((line) => line.msg);

describe('SIGTERM', () => {
  it('lets in-flight calls finish, refuses new ones, and exits 0', async () => {
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS], {
      main: slowMain,
      env: { SLOW_HANDLER_MS: '1500' },
    });
    const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
    try {
      const inFlight = ['a', 'b', 'c'].map((tag) => outcome(client.run(request(tag))));
      for (const tag of ['a', 'b', 'c']) {
        await server.waitForLine((line) => line.msg === 'slow call started' && line.tag === tag);
      }
      server.child.kill('SIGTERM');
      await server.waitForLine((line) => line.msg?.startsWith('draining') === true);
      const late = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
      const refused = await outcome(late.run(request('late'), 5_000));
      late.close();

      expect({
        inFlight: await Promise.all(inFlight),
        refused,
        exit: await server.exited,
        log: messages(server.lines),
      }).toEqual({
        inFlight: ['a', 'b', 'c'],
        refused: `code ${grpc.status.UNAVAILABLE}`,
        exit: { code: 0, signal: null },
        log: [
          'serving RunFunction',
          'slow call started',
          'slow call started',
          'slow call started',
          'draining: refusing new calls, finishing in-flight ones',
          'server stopped',
        ],
      });
    } finally {
      client.close();
      await stopServer(server);
    }
  });

  it('stops an idle real server at once with exit 0 (SIGINT too)', async () => {
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    const started = Date.now();
    server.child.kill('SIGINT');
    const exit = await server.exited;
    expect({ exit, fast: Date.now() - started < 5_000, log: messages(server.lines) }).toEqual({
      exit: { code: 0, signal: null },
      fast: true,
      log: [
        'serving RunFunction',
        'draining: refusing new calls, finishing in-flight ones',
        'server stopped',
      ],
    });
  });

  it('cancels in-flight calls and exits 1 on a second signal', async () => {
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS], {
      main: slowMain,
      env: { SLOW_HANDLER_MS: '60000' },
    });
    const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
    try {
      const stuck = outcome(client.run(request('stuck')));
      await server.waitForLine((line) => line.msg === 'slow call started');
      server.child.kill('SIGTERM');
      await server.waitForLine((line) => line.msg?.startsWith('draining') === true);
      server.child.kill('SIGTERM');
      expect({
        exit: await server.exited,
        stuck: await stuck,
        log: messages(server.lines).slice(2),
      }).toEqual({
        exit: { code: 1, signal: null },
        // forceShutdown resets the stream (CANCELLED); if the socket closes first, UNAVAILABLE.
        stuck: expect.stringMatching(
          new RegExp(`^code (${grpc.status.CANCELLED}|${grpc.status.UNAVAILABLE})$`),
        ) as string,
        log: [
          'draining: refusing new calls, finishing in-flight ones',
          'received SIGTERM again: cancelling in-flight calls',
          'server stopped',
        ],
      });
    } finally {
      client.close();
      await stopServer(server);
    }
  });
});
