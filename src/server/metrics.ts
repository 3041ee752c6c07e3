/**
 * Prometheus metrics on their own HTTP listener (Crossplane's function Deployment names port
 * 8080 `metrics`): RunFunction count by outcome, latency, results by severity, plus Node's
 * process metrics (memory, CPU, event-loop lag). A registry per server, never the global one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ListenAddress } from './listen.js';

/** `ok`: a response without FATAL; `fatal`: a response with one; `error`: a gRPC error. */
export type RequestOutcome = 'ok' | 'fatal' | 'error';
const OUTCOMES: readonly RequestOutcome[] = ['ok', 'fatal', 'error'];

/** Result severities as labels: the proto enum names, lower case, without the prefix. */
export type ResultSeverity = 'fatal' | 'warning' | 'normal' | 'unspecified';
const SEVERITIES: readonly ResultSeverity[] = ['fatal', 'warning', 'normal', 'unspecified'];

/** RunFunction is in-memory work: sub-millisecond to a few hundred ms for multi-MiB requests. */
const LATENCY_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

export type FunctionMetrics = {
  readonly registry: Registry;
  recordRequest(
    outcome: RequestOutcome,
    durationSeconds: number,
    severities: readonly ResultSeverity[],
  ): void;
};

export function createMetrics(): FunctionMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'function_run_function_requests_total',
    help: 'RunFunction calls handled, by outcome (ok, fatal, error).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'function_run_function_duration_seconds',
    help: 'Time spent handling one RunFunction call, decoding excluded.',
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const results = new Counter({
    name: 'function_run_function_results_total',
    help: 'Results returned in RunFunction responses, by severity.',
    labelNames: ['severity'] as const,
    registers: [registry],
  });
  // Every label value exists from the start, so rate() and alerts see zeros, not gaps.
  for (const outcome of OUTCOMES) requests.inc({ outcome }, 0);
  for (const severity of SEVERITIES) results.inc({ severity }, 0);

  return {
    registry,
    recordRequest(outcome, durationSeconds, severities) {
      requests.inc({ outcome });
      duration.observe(durationSeconds);
      for (const severity of severities) results.inc({ severity });
    },
  };
}

/**
 * The shortest time between two renderings of `/metrics`. Rendering runs prom-client's
 * default collectors (reading /proc, listing open file descriptors, heap statistics), a
 * fraction of a millisecond each time on the thread that also serves RunFunction. Prometheus
 * scrapes every 15 s or more, so a scrape that arrives sooner after the last rendering waits
 * for the next one: however fast a client scrapes, at most one rendering a second is paid.
 */
export const MIN_RENDER_INTERVAL_MS = 1_000;

export type Clock = {
  readonly now: () => number;
  readonly wait: (ms: number) => Promise<void>;
};

const realClock: Clock = {
  now: () => performance.now(),
  wait: (ms) =>
    new Promise((resolve) => {
      // unref: a pending scrape must not keep a stopping process alive.
      setTimeout(resolve, ms).unref();
    }),
};

/**
 * Renders with `render` at most once per `intervalMs`: the first call renders at once; calls
 * made while a rendering is due or running share it; a call within `intervalMs` of the last
 * rendering's start waits for the next one (fresh figures, never a stale copy).
 */
export function pacedRenderer(
  render: () => Promise<string>,
  intervalMs: number = MIN_RENDER_INTERVAL_MS,
  clock: Clock = realClock,
): () => Promise<string> {
  let lastStart = Number.NEGATIVE_INFINITY;
  let next: Promise<string> | undefined;
  return () => {
    if (next !== undefined) return next;
    const delay = Math.max(0, lastStart + intervalMs - clock.now());
    const rendering = (delay > 0 ? clock.wait(delay) : Promise.resolve())
      .then(() => {
        lastStart = clock.now();
        return render();
      })
      .finally(() => {
        next = undefined;
      });
    next = rendering;
    return rendering;
  };
}

/** Serves `GET /metrics`; resolves once listening, rejects if the address cannot be bound. */
export async function serveMetrics(
  registry: Registry,
  address: ListenAddress,
  renderIntervalMs: number = MIN_RENDER_INTERVAL_MS,
): Promise<Server> {
  const render = pacedRenderer(() => registry.metrics(), renderIntervalMs);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    render().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** The port actually bound (differs from the requested one when it was 0). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
