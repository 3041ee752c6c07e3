/**
 * The gRPC server: our own `grpc.Server` (the SDK's takes no options, so it cannot raise the
 * 4 MiB receive limit) with RunFunction on our wire codec (src/wire/), and the health service.
 * grpc-js hands RunFunction the raw request bytes; the codec decodes only what the function
 * reads and encodes the response, earlier steps' resources and the context byte for byte.
 */
import * as grpc from '@grpc/grpc-js';
import { decodeRunFunctionRequest } from '../wire/decode-request.js';
import { encodeRunFunctionResponse } from '../wire/encode-response.js';
import { WireError } from '../wire/errors.js';
import { fatalResponse } from '../wire/fatal.js';
import type { FunctionRequest, FunctionResponse } from '../wire/types.js';
import { HealthService, type HealthState } from './health.js';
import type { Logger } from './logger.js';
import type { FunctionMetrics } from './metrics.js';
import { FunctionRunnerServiceV1 } from './raw-service.js';
import {
  FAILURE_REASON,
  FAILURE_TTL_SECONDS,
  observeRequests,
  type FunctionHandler,
} from './observe.js';

export type { FunctionHandler } from './observe.js';

/**
 * Crossplane <= v1.16 calls `apiextensions.fn.proto.v1beta1`; newer versions call v1 first and
 * fall back on UNIMPLEMENTED. The two protos are the same messages under another package, so
 * the Go SDK serves both; so does this server.
 */
const FunctionRunnerServiceV1Beta1 = {
  runFunction: {
    ...FunctionRunnerServiceV1.runFunction,
    path: '/apiextensions.fn.proto.v1beta1.FunctionRunnerService/RunFunction',
  },
} as const satisfies grpc.ServiceDefinition;

export type FunctionServerOptions = {
  readonly handler: FunctionHandler;
  /**
   * The composition-resource keys the function composes: their observed resources are
   * decoded for it, and earlier steps' desired resources under them are replaced by its own.
   */
  readonly owns: (key: string) => boolean;
  readonly logger: Logger;
  readonly metrics: Pick<FunctionMetrics, 'recordRequest'>;
  readonly health: HealthState;
  readonly maxReceiveMessageBytes: number;
};

export function createFunctionServer(options: FunctionServerOptions): grpc.Server {
  const { owns, logger, metrics } = options;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes,
  });
  const run = observeRequests(options.handler, logger, metrics);

  /** The response's bytes; one that cannot be encoded (a function bug) becomes a FATAL. */
  const encode = (req: FunctionRequest, rsp: FunctionResponse): Buffer => {
    try {
      return encodeRunFunctionResponse(rsp);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ tag: req.tag, error: message }, 'RunFunction response not encodable');
      return encodeRunFunctionResponse(
        fatalResponse(req, message, FAILURE_TTL_SECONDS, FAILURE_REASON),
      );
    }
  };

  const runFunction: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    const started = process.hrtime.bigint();
    let req: FunctionRequest;
    try {
      req = decodeRunFunctionRequest(call.request, owns);
    } catch (error) {
      metrics.recordRequest('error', Number(process.hrtime.bigint() - started) / 1e9, []);
      if (error instanceof WireError) {
        logger.debug({ error: error.message }, 'RunFunction request refused');
        callback({ code: grpc.status.INVALID_ARGUMENT, details: error.message });
      } else {
        // A defect in the decoder, not in the request: say so, and keep serving.
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ error: message }, 'RunFunction request decoding failed');
        callback({ code: grpc.status.INTERNAL, details: `cannot decode the request: ${message}` });
      }
      return;
    }
    const answer = run(req);
    if (answer instanceof Promise) {
      void answer.then((rsp) => {
        callback(null, encode(req, rsp));
      });
    } else callback(null, encode(req, answer));
  };
  server.addService(FunctionRunnerServiceV1, { runFunction });
  server.addService(FunctionRunnerServiceV1Beta1, { runFunction });
  server.addService(HealthService, options.health.implementation);
  return server;
}

/** Binds and resolves with the port (useful when asked for port 0); rejects on failure. */
export function bindServer(
  server: grpc.Server,
  address: string,
  credentials: grpc.ServerCredentials,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) => {
      if (error === null) resolve(port);
      else reject(error);
    });
  });
}
