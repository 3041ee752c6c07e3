/**
 * The one place `npm run render` calls function-dittoserver: in-process, behind the SDK's
 * FunctionRunner as the server has it. When the function's request or response types
 * change, only this file changes.
 */
import { FunctionRunner, type RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { runFunction } from '../../src/function.js';
import type { FunctionCall } from './pipeline.js';

/** `seed`: the key generated Secret values are derived from; unset, they are random. */
export function inProcessFunction(seed?: Buffer): FunctionCall {
  const runner = new FunctionRunner({
    RunFunction: (req: RunFunctionRequest) =>
      Promise.resolve(runFunction(req, seed ? { secretKey: seed } : {})),
  });
  return (req) => runner.RunFunction(req);
}
