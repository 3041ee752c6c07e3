/**
 * The built server the hostile tests attack, started once per file (--insecure, loopback),
 * with a raw HTTP/2 client for malformed bytes and a protobuf client for valid calls.
 */
import { afterAll, beforeAll } from 'vitest';
import { connect, credentials, type RunFunctionClient } from './clients.js';
import { stillServing } from './outcomes.js';
import { LOOPBACK_FLAGS, startServer, stopServer, type RunningServer } from './process.js';
import { rawConnect, type RawClient } from './raw-client.js';

export type HostileServer = {
  readonly server: RunningServer;
  readonly raw: RawClient;
  readonly client: RunFunctionClient;
  /** Health, then a valid call: what every case checks after its abuse. */
  readonly after: () => ReturnType<typeof stillServing>;
  /** What the server has said so far: its log messages, and all it wrote to stderr. */
  readonly said: () => { lines: (string | undefined)[]; stderr: string };
};

/** Registers the file's beforeAll/afterAll; the fields are there once beforeAll ran. */
export function useHostileServer(): HostileServer {
  let server: RunningServer | undefined;
  let raw: RawClient | undefined;
  let client: RunFunctionClient | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the hostile server is not started yet');
    return value;
  };
  beforeAll(async () => {
    server = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    raw = rawConnect(`127.0.0.1:${server.port}`, credentials.insecure());
    client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  });
  afterAll(async () => {
    raw?.close();
    client?.close();
    await stopServer(server);
  });
  return {
    get server() {
      return started(server);
    },
    get raw() {
      return started(raw);
    },
    get client() {
      return started(client);
    },
    after: () => stillServing(started(raw), started(client)),
    said: () => ({
      lines: started(server).lines.map((line) => line.msg),
      stderr: started(server).stderr(),
    }),
  };
}
