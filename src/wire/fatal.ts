/**
 * The response that stops the pipeline: one FATAL result for the XR and its claim. Crossplane
 * applies nothing after it, so what earlier steps desired (the XR, their resources) and the
 * context go back exactly as they came, and nothing of this function's is added.
 */
import { Severity, Target, type FunctionRequest, type FunctionResponse } from './types.js';

/**
 * `reason` is the result's machine-readable CamelCase reason: `InternalError` when the
 * function threw, the pipeline's own (an invalid spec) otherwise.
 */
export function fatalResponse(
  req: FunctionRequest,
  message: string,
  ttlSeconds: number,
  reason: string,
): FunctionResponse {
  return {
    tag: req.tag,
    ttlSeconds,
    desiredComposite: req.desiredComposite,
    passThrough: req.passThrough,
    composed: [],
    results: [{ severity: Severity.FATAL, message, reason, target: Target.COMPOSITE_AND_CLAIM }],
    conditions: [],
    requirements: {},
    context: req.context,
  };
}
