/**
 * The gRPC server of src/server/server.ts in the test's own process, on a loopback port, with
 * a given handler: the codec and the server's answers over a real socket, without spawning.
 * Its log lines and metric records are kept for the test to read.
 */
import * as grpc from '@grpc/grpc-js';
import { Writable } from 'node:stream';
import { runFunction } from '../../../src/function.js';
import { createHealth } from '../../../src/server/health.js';
import { createLogger } from '../../../src/server/logger.js';
import type { RequestOutcome, ResultSeverity } from '../../../src/server/metrics.js';
import {
  bindServer,
  createFunctionServer,
  type FunctionHandler,
} from '../../../src/server/server.js';
import { owns as ownsResourceKey } from '../../../src/resources.js';

/** The DittoServer function, as the built server serves it. */
export const dittoServerHandler: FunctionHandler = (req) => runFunction(req);

export type InProcessServer = {
  readonly port: number;
  /** Parsed JSON log lines, in order. */
  readonly logs: Record<string, unknown>[];
  readonly records: { outcome: RequestOutcome; severities: readonly ResultSeverity[] }[];
  stop(): Promise<void>;
};

export async function startInProcess(
  handler: FunctionHandler = dittoServerHandler,
  owns: (key: string) => boolean = ownsResourceKey,
): Promise<InProcessServer> {
  const logs: Record<string, unknown>[] = [];
  const records: InProcessServer['records'] = [];
  const logger = createLogger({
    debug: false,
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  });
  const server = createFunctionServer({
    handler,
    owns,
    logger,
    metrics: {
      recordRequest(outcome, _seconds, severities) {
        records.push({ outcome, severities });
      },
    },
    health: createHealth(),
    maxReceiveMessageBytes: 8 * 1024 * 1024,
  });
  const port = await bindServer(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
  return {
    port,
    logs,
    records,
    stop: () =>
      new Promise((done) => {
        server.tryShutdown(() => {
          done();
        });
      }),
  };
}
