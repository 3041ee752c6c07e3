/**
 * One RunFunction call the way Crossplane makes it: the request encoded to protobuf,
 * decoded by the function's own codec, run, encoded by it, and decoded back with the SDK,
 * so every pipeline test also goes through the wire.
 */
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { runFunction, type FunctionOptions } from '../../src/function.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';

/** The function's own response bytes for request bytes: decode, run, encode. */
export function callFunctionBytes(bytes: Uint8Array, options: FunctionOptions = {}): Buffer {
  return encodeRunFunctionResponse(runFunction(decodeRunFunctionRequest(bytes, owns), options));
}

export function callFunction(
  req: RunFunctionRequest,
  options: FunctionOptions = {},
): RunFunctionResponse {
  return RunFunctionResponse.decode(
    callFunctionBytes(RunFunctionRequest.encode(req).finish(), options),
  );
}
