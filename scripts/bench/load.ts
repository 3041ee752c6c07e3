/**
 * Load generation against one server process: a raw-bytes gRPC client (requests are encoded
 * once, responses are not decoded), sequential or concurrent call loops bounded in time and
 * count, cold-start timing, and the process's peak RSS from /proc.
 */
import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freeLoopbackPort } from '../../src/launch/warm-up-client.js';

const RUN_FUNCTION_PATH = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';
const identity = (buffer: Buffer) => buffer;

const RawClient = grpc.makeGenericClientConstructor(
  {
    RunFunction: {
      path: RUN_FUNCTION_PATH,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  },
  'BenchRunner',
);

export type RawClient = grpc.Client;

export function connect(port: number): RawClient {
  return new RawClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    // Retry the connection every few ms while the server starts (cold start resolution).
    'grpc.initial_reconnect_backoff_ms': 5,
    'grpc.max_reconnect_backoff_ms': 5,
  });
}

/** One RunFunction call; waitForReady like Crossplane's client. */
export function call(client: RawClient, request: Buffer, deadlineMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      RUN_FUNCTION_PATH,
      identity,
      identity,
      request,
      new grpc.Metadata({ waitForReady: true }),
      { deadline: Date.now() + deadlineMs },
      (error: grpc.ServiceError | null, response?: Buffer) => {
        if (error || response === undefined) reject(error ?? new Error('empty response'));
        else resolve(response);
      },
    );
  });
}

/** One free loopback port, found the way the cache maker finds its own. */
export const freePort = freeLoopbackPort;

export function spawnServer(main: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [main, ...args], { stdio: 'ignore', env: {} });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Peak resident set size of a live process (VmHWM), in bytes. Linux only. */
export function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

/** Milliseconds from spawning the server to its first successful RunFunction response. */
export async function coldStartMs(
  main: string,
  args: (port: number) => string[],
  request: Buffer,
): Promise<number> {
  const port = await freePort();
  const client = connect(port);
  const started = performance.now();
  const child = spawnServer(main, args(port));
  try {
    await call(client, request, 15_000);
    return performance.now() - started;
  } finally {
    client.close();
    await stop(child);
  }
}

export type LoadResult = { readonly latenciesMs: number[]; readonly elapsedMs: number };

/** `concurrency` loops calling back to back until `durationMs` or `maxCalls` is reached. */
export async function load(
  client: RawClient,
  request: Buffer,
  concurrency: number,
  durationMs: number,
  maxCalls: number,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const until = started + durationMs;
  let issued = 0;
  const worker = async () => {
    while (performance.now() < until && issued < maxCalls) {
      issued++;
      const t0 = performance.now();
      await call(client, request);
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latenciesMs, elapsedMs: performance.now() - started };
}
