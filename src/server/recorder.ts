/**
 * Where per-request outcomes go before Prometheus is ready. prom-client is loaded only once
 * the gRPC server is listening (it is a fifth of the start-up work and no scrape can happen
 * sooner); calls served before that are kept and replayed into it, so no count is lost.
 */
import type { FunctionMetrics, RequestOutcome, ResultSeverity } from './metrics.js';

export type RequestRecorder = Pick<FunctionMetrics, 'recordRequest'> & {
  /** From now on, outcomes go to `metrics`; the ones kept so far are replayed first. */
  attach(metrics: Pick<FunctionMetrics, 'recordRequest'>): void;
};

type Recorded = readonly [RequestOutcome, number, readonly ResultSeverity[]];

/** More calls than this before metrics start would mean they never start: stop keeping them. */
const MAX_KEPT = 10_000;

export function createRecorder(): RequestRecorder {
  let target: Pick<FunctionMetrics, 'recordRequest'> | undefined;
  let kept: Recorded[] = [];
  return {
    recordRequest(outcome, durationSeconds, severities) {
      if (target) target.recordRequest(outcome, durationSeconds, severities);
      else if (kept.length < MAX_KEPT) kept.push([outcome, durationSeconds, severities]);
    },
    attach(metrics) {
      for (const [outcome, seconds, severities] of kept)
        metrics.recordRequest(outcome, seconds, severities);
      kept = [];
      target = metrics;
    },
  };
}
