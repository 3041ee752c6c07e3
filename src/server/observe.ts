/**
 * Per-request observation: latency and result metrics for every call, and one debug line per
 * call with only what identifies and summarises it (tag, XR, duration, result counts). Request
 * and response bodies are never logged: they hold Secrets (required resources, credentials).
 */
import {
  Severity,
  type FunctionHandler,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { Logger } from './logger.js';
import type { FunctionMetrics, RequestOutcome, ResultSeverity } from './metrics.js';

type Recorder = Pick<FunctionMetrics, 'recordRequest'>;

const SEVERITY_LABELS: Readonly<Record<Severity, ResultSeverity>> = {
  [Severity.SEVERITY_UNSPECIFIED]: 'unspecified',
  [Severity.SEVERITY_FATAL]: 'fatal',
  [Severity.SEVERITY_WARNING]: 'warning',
  [Severity.SEVERITY_NORMAL]: 'normal',
  [Severity.UNRECOGNIZED]: 'unspecified',
};

/** `namespace/name` of the observed XR, for log lines; empty when absent. */
function compositeName(req: RunFunctionRequest): string {
  const metadata: unknown = req.observed?.composite?.resource?.metadata;
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

/** Wraps a handler (the SDK's FunctionRunner) with metrics and the per-request debug log. */
export function observeRequests(
  handler: FunctionHandler,
  logger: Logger,
  metrics: Recorder,
): (req: RunFunctionRequest) => Promise<RunFunctionResponse> {
  return async (req) => {
    const started = process.hrtime.bigint();
    const elapsedSeconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const fields = { tag: req.meta?.tag ?? '', xr: compositeName(req) };
    let rsp: RunFunctionResponse;
    try {
      rsp = await handler.RunFunction(req, logger);
    } catch (error) {
      const seconds = elapsedSeconds();
      metrics.recordRequest('error', seconds, []);
      const reason = error instanceof Error ? error.message : String(error);
      logger.error({ ...fields, durationMs: seconds * 1000, error: reason }, 'RunFunction failed');
      throw error;
    }
    const seconds = elapsedSeconds();
    const severities = rsp.results.map((result) => SEVERITY_LABELS[result.severity]);
    const outcome: RequestOutcome = severities.includes('fatal') ? 'fatal' : 'ok';
    metrics.recordRequest(outcome, seconds, severities);
    if (!logger.isLevelEnabled('debug')) return rsp;
    logger.debug(
      {
        ...fields,
        durationMs: seconds * 1000,
        outcome,
        results: countBySeverity(severities),
        desiredResources: Object.keys(rsp.desired?.resources ?? {}).length,
      },
      'RunFunction',
    );
    return rsp;
  };
}
