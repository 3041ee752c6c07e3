/**
 * One RunFunction call the way Crossplane makes it: the request encoded to protobuf,
 * decoded by the function's own codec, run, encoded by it, and decoded back with the SDK,
 * so every pipeline test also goes through the wire.
 */
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { runFunction, type FunctionOptions } from '../../src/function.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest, encodeRunFunctionResponse } from '../../src/wire/sdk-bridge.js';

export function callFunction(
  req: RunFunctionRequest,
  options: FunctionOptions = {},
): RunFunctionResponse {
  const request = decodeRunFunctionRequest(RunFunctionRequest.encode(req).finish(), owns);
  return RunFunctionResponse.decode(encodeRunFunctionResponse(runFunction(request, options)));
}
