/**
 * Per-request observation: latency and result metrics for every call, and one debug line per
 * call with only what identifies and summarises it (tag, XR, duration, result counts). Request
 * and response bodies are never logged: they hold Secrets (required resources, credentials).
 * A handler that throws is answered with a FATAL result, logged as an error.
 */
import { fatalResponse } from '../wire/fatal.js';
import {
  Severity,
  type FunctionRequest,
  type FunctionResponse,
  type JsonObject,
} from '../wire/types.js';
import type { Logger } from './logger.js';
import type { FunctionMetrics, RequestOutcome, ResultSeverity } from './metrics.js';

type Recorder = Pick<FunctionMetrics, 'recordRequest'>;

/**
 * What the server calls for each decoded request. The function answers synchronously; a
 * promise is accepted too, so a test double can hold a call in flight (the shutdown tests).
 */
export type FunctionHandler = (
  req: FunctionRequest,
) => FunctionResponse | PromiseLike<FunctionResponse>;

/** TTL of the FATAL answer to a throw: Crossplane's and the SDK's customary 60 s. */
export const FAILURE_TTL_SECONDS = 60;

/** The result reason of the FATAL answer to a throw. */
export const FAILURE_REASON = 'InternalError';

/** A thrown message, on one line and bounded, for a result message and the log. */
const MAX_FAILURE_CHARS = 500;

const SEVERITY_LABELS: Readonly<Record<number, ResultSeverity>> = {
  [Severity.FATAL]: 'fatal',
  [Severity.WARNING]: 'warning',
  [Severity.NORMAL]: 'normal',
};

/** `namespace/name` of the observed XR, for log lines; empty when absent. */
function compositeName(composite: JsonObject | undefined): string {
  const metadata = composite?.metadata;
  if (typeof metadata !== 'object' || metadata === null) return '';
  const { name, namespace } = metadata as { name?: unknown; namespace?: unknown };
  const parts = [namespace, name].filter((part): part is string => typeof part === 'string');
  return parts.join('/');
}

function countBySeverity(severities: readonly ResultSeverity[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const severity of severities) counts[severity] = (counts[severity] ?? 0) + 1;
  return counts;
}

function failureMessage(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  return text.length > MAX_FAILURE_CHARS ? `${text.slice(0, MAX_FAILURE_CHARS)}…` : text;
}

function isPromiseLike(value: unknown): value is PromiseLike<FunctionResponse> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Wraps `handler` with metrics, the per-request debug log, and the FATAL answer to a throw:
 * the returned function never throws nor rejects.
 */
export function observeRequests(
  handler: FunctionHandler,
  logger: Logger,
  metrics: Recorder,
): (req: FunctionRequest) => FunctionResponse | Promise<FunctionResponse> {
  return (req) => {
    const started = process.hrtime.bigint();
    const elapsedSeconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const fields = () => ({ tag: req.tag, xr: compositeName(req.observedComposite) });

    const answered = (rsp: FunctionResponse) => {
      const seconds = elapsedSeconds();
      const severities = rsp.results.map(
        (result) => SEVERITY_LABELS[result.severity] ?? 'unspecified',
      );
      const outcome: RequestOutcome = severities.includes('fatal') ? 'fatal' : 'ok';
      metrics.recordRequest(outcome, seconds, severities);
      if (logger.isLevelEnabled('debug')) {
        logger.debug(
          {
            ...fields(),
            durationMs: seconds * 1000,
            outcome,
            results: countBySeverity(severities),
            desiredResources: rsp.passThrough.length + rsp.composed.length,
          },
          'RunFunction',
        );
      }
      return rsp;
    };
    const failed = (error: unknown) => {
      const message = failureMessage(error);
      logger.error(
        { ...fields(), durationMs: elapsedSeconds() * 1000, error: message },
        'RunFunction failed',
      );
      return answered(
        fatalResponse(req, `the function failed: ${message}`, FAILURE_TTL_SECONDS, FAILURE_REASON),
      );
    };

    let answer: FunctionResponse | PromiseLike<FunctionResponse>;
    try {
      answer = handler(req);
    } catch (error) {
      return failed(error);
    }
    if (!isPromiseLike(answer)) return answered(answer);
    return Promise.resolve(answer).then((rsp) => answered(rsp), failed);
  };
}
