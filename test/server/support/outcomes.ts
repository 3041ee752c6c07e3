/**
 * What the abuse tests expect back: the statuses grpc-js and the function answer with, and the
 * check run after every abuse that the server still serves (health, then a valid call).
 */
import * as grpc from '@grpc/grpc-js';
import { decodeRunFunctionRequest } from '../../../src/wire/decode-request.js';
import { owns as ownsResourceKey } from '../../../src/resources.js';
import type { RunFunctionClient } from './clients.js';
import { RUN_FUNCTION_PATH, encodeRequest, type Outcome, type RawClient } from './raw-client.js';
import { inProcessResponse, request } from './requests.js';

export const MiB = 1024 * 1024;
/** The server's default receive limit. */
export const LIMIT = 8 * MiB;

const VALID_REQUEST = request('still-serving');
export const VALID_BYTES = encodeRequest(VALID_REQUEST);

/** A valid call's answer: exactly what the function returns in-process. */
export const SERVED: Outcome = {
  code: grpc.status.OK,
  details: '',
  response: inProcessResponse(VALID_REQUEST),
};

export const STILL_SERVING = { health: 'SERVING', call: SERVED };

export async function stillServing(raw: RawClient, client: RunFunctionClient) {
  return { health: await client.health(), call: await raw.call(VALID_BYTES) };
}

/** The server's answer to a request it cannot decode: INVALID_ARGUMENT and the reason. */
export function refused(reason: string): Outcome {
  return { code: grpc.status.INVALID_ARGUMENT, details: `invalid RunFunctionRequest: ${reason}` };
}

/**
 * The answer to bytes the decoder refuses, with the reason it gives in-process: for bytes
 * too many to spell out (random ones), that the server answers with exactly that.
 */
export function refusedAsInProcess(bytes: Buffer): Outcome {
  try {
    decodeRunFunctionRequest(bytes, ownsResourceKey);
  } catch (error) {
    return { code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message };
  }
  throw new Error('the bytes decode: they would not be refused');
}

export const NO_COMPOSITE = 'the request holds no observed composite resource';

/** What the function answers to a request it cannot read a DittoServer from. */
export function fatal(message: string, tag?: string): Outcome {
  return {
    code: grpc.status.OK,
    details: '',
    response: {
      meta: { ...(tag === undefined ? {} : { tag }), ttl: { seconds: 60 } },
      desired: {},
      results: [
        {
          severity: 'SEVERITY_FATAL',
          message: `invalid DittoServer: ${message}`,
          reason: 'InvalidSpec',
          target: 'TARGET_COMPOSITE_AND_CLAIM',
        },
      ],
      requirements: {},
    },
  };
}

/** A bare-HTTP/2 call's end, as `http2Call` reports it. */
export function http2Status(code: grpc.status, message: string) {
  return { httpStatus: 200, grpcStatus: String(code), grpcMessage: message };
}

/** grpc-js's wording for a unary call whose stream ends without one whole message. */
export const NO_MESSAGE = http2Status(
  grpc.status.UNIMPLEMENTED,
  `Received no request message for server streaming method ${RUN_FUNCTION_PATH}`,
);

/** The server's answer to bytes that are not HTTP/2: SETTINGS, GOAWAY, then it hangs up. */
export const HUNG_UP = { closedBy: 'server', frameTypes: [4, 7] };
