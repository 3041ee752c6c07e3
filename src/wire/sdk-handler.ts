/**
 * TEMPORARY: the pipeline behind the SDK's FunctionRunner, through the SDK-based codec, until
 * the server speaks FunctionRequest/FunctionResponse itself.
 */
import {
  RunFunctionRequest,
  RunFunctionResponse,
  type FunctionHandler,
} from '@crossplane-org/function-sdk-typescript';
import { runFunction, type FunctionOptions } from '../function.js';
import { owns } from '../resources.js';
import { decodeRunFunctionRequest, encodeRunFunctionResponse } from './sdk-bridge.js';

/** One call through the pipeline, SDK messages in and out. */
export function runSdk(
  req: RunFunctionRequest,
  options: FunctionOptions = {},
): RunFunctionResponse {
  const request = decodeRunFunctionRequest(RunFunctionRequest.encode(req).finish(), owns);
  return RunFunctionResponse.decode(encodeRunFunctionResponse(runFunction(request, options)));
}

export class DittoServerFunction implements FunctionHandler {
  constructor(private readonly options: FunctionOptions = {}) {}

  RunFunction(req: RunFunctionRequest): Promise<RunFunctionResponse> {
    return Promise.resolve(runSdk(req, this.options));
  }
}
