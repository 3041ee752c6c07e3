/**
 * The gRPC server: our own `grpc.Server` (the SDK's takes no options, so it cannot raise the
 * 4 MiB receive limit) with the SDK's FunctionRunner behind RunFunction, and the health service.
 */
import * as grpc from '@grpc/grpc-js';
import {
  FunctionRunner,
  FunctionRunnerServiceService,
  type FunctionHandler,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { encodeRunFunctionResponse } from '../proto/encode-response.js';
import { HealthService, type HealthState } from './health.js';
import type { Logger } from './logger.js';
import type { FunctionMetrics } from './metrics.js';
import { observeRequests } from './observe.js';

/**
 * The SDK's RunFunction definition (its request decoder) with our response encoder: the same
 * bytes as the SDK's ts-proto encoder, several times faster (src/proto/encode-response.ts).
 */
const FunctionRunnerServiceV1 = {
  runFunction: {
    ...FunctionRunnerServiceService.runFunction,
    responseSerialize: encodeRunFunctionResponse,
  },
} as const satisfies grpc.ServiceDefinition;

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
  readonly logger: Logger;
  readonly metrics: Pick<FunctionMetrics, 'recordRequest'>;
  readonly health: HealthState;
  readonly maxReceiveMessageBytes: number;
};

export function createFunctionServer(options: FunctionServerOptions): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes,
  });
  // FunctionRunner turns a handler's throw into a FATAL result: Crossplane always gets an answer.
  const runner = new FunctionRunner(options.handler, options.logger);
  const run = observeRequests(runner, options.logger, options.metrics);
  const runFunction: grpc.handleUnaryCall<RunFunctionRequest, RunFunctionResponse> = (
    call,
    callback,
  ) => {
    run(call.request).then(
      (rsp) => {
        callback(null, rsp);
      },
      (error: unknown) => {
        const details = error instanceof Error ? error.message : String(error);
        callback({ code: grpc.status.INTERNAL, details });
      },
    );
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
