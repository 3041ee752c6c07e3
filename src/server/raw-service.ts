/**
 * RunFunction with bytes in and out: grpc-js hands the handler the request's bytes and sends
 * the bytes it returns, so decoding and encoding happen in our codec (src/wire/). Shared by
 * the server and the benchmark's floor server and load generator.
 */
import type * as grpc from '@grpc/grpc-js';

export const RUN_FUNCTION_PATH = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';

const identity = (bytes: Buffer): Buffer => bytes;

export const FunctionRunnerServiceV1 = {
  runFunction: {
    path: RUN_FUNCTION_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
} as const satisfies grpc.ServiceDefinition;
