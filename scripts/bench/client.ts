/**
 * The load generator: a raw-bytes gRPC client (requests are encoded once, responses are not
 * decoded), call loops bounded in time and count, and a scraper of /metrics in a tight loop.
 * One HTTP/2 connection, as Crossplane's client uses per function replica.
 */
import * as grpc from '@grpc/grpc-js';

import { FunctionRunnerServiceV1, RUN_FUNCTION_PATH } from '../../src/server/raw-service.js';

const { requestSerialize, responseDeserialize } = FunctionRunnerServiceV1.runFunction;

export type Client = grpc.Client;

export function connect(port: number): Client {
  return new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
    // Retry the connection every few ms while the server starts (cold start resolution).
    'grpc.initial_reconnect_backoff_ms': 5,
    'grpc.max_reconnect_backoff_ms': 5,
  });
}

/** One RunFunction call; waitForReady like Crossplane's client. */
export function call(client: Client, request: Buffer, deadlineMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      RUN_FUNCTION_PATH,
      requestSerialize,
      responseDeserialize,
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

export type Phase = {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly maxCalls: number;
};

export type LoadResult = { readonly latenciesMs: number[]; readonly elapsedMs: number };

/**
 * `concurrency` loops calling back to back until `durationMs` or `maxCalls`; each call sends
 * the next request of `requests`, round-robin, continuing from `offset`.
 */
export async function load(
  client: Client,
  requests: readonly Buffer[],
  phase: Phase,
  offset = 0,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const until = started + phase.durationMs;
  let issued = 0;
  const worker = async () => {
    while (performance.now() < until && issued < phase.maxCalls) {
      const request = requests[(offset + issued++) % requests.length];
      if (request === undefined) throw new Error('no requests');
      const t0 = performance.now();
      await call(client, request);
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
  return { latenciesMs, elapsedMs: performance.now() - started };
}

/**
 * Scrapes `url` back to back, one request at a time over keep-alive, until `signal` aborts;
 * resolves with the number of scrapes answered.
 */
export async function scrapeTightly(url: string, signal: AbortSignal): Promise<number> {
  let answered = 0;
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { signal });
      await response.text();
      if (response.ok) answered++;
    } catch (error) {
      // The abort that ends the phase cuts the scrape in flight short; nothing else may.
      if (error instanceof Error && error.name === 'AbortError') break;
      throw error;
    }
  }
  return answered;
}
