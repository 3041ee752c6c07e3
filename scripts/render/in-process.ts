/**
 * The one place `npm run render` calls function-dittoserver: in-process, through the
 * function's own codec as the server has it (request encoded, decoded by the function, run,
 * encoded, decoded back). When the function's request or response types change, only this
 * file changes.
 */
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { runFunction } from '../../src/function.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import type { FunctionCall } from './pipeline.js';

/** `seed`: the key generated Secret values are derived from; unset, they are random. */
export function inProcessFunction(seed?: Buffer): FunctionCall {
  const options = seed ? { secretKey: seed } : {};
  return (req) => {
    const request = decodeRunFunctionRequest(RunFunctionRequest.encode(req).finish(), owns);
    const response = encodeRunFunctionResponse(runFunction(request, options));
    return Promise.resolve(RunFunctionResponse.decode(response));
  };
}
