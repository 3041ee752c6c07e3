/**
 * The benchmark report: Markdown tables ready to paste, the headline being each figure of the
 * function as a ratio of the stock SDK no-op's, beside issue 9's target and a pass/fail mark.
 * With several runs, a figure is the median of the runs and its spread is min-max.
 */

export type StreamMeasure = {
  readonly server: string;
  readonly stream: string;
  readonly c1p50Ms: number;
  readonly c1p99Ms: number;
  readonly throughput: number;
  readonly cpuPerCallMs: number;
  readonly peakRssBytes: number;
};

export type ColdStart = {
  readonly server: string;
  readonly wallMs: number;
  readonly cpuMs: number;
};

export type ScrapeMeasure = {
  readonly throughputPlain: number;
  readonly throughputScraped: number;
  readonly cpuPerCallPlainMs: number;
  readonly cpuPerCallScrapedMs: number;
  readonly scrapes: number;
  /** Share of a core the server spends with no RunFunction load and a tight scraper. */
  readonly idleScrapeCpuShare: number;
  readonly idleScrapesPerSecond: number;
};

export type Run = {
  readonly streams: readonly StreamMeasure[];
  readonly cold: readonly ColdStart[];
  readonly scrape: ScrapeMeasure;
};

export const FUNCTION = 'function';
export const SDK_NOOP = 'SDK serve() no-op';
export const FLOOR = 'grpc-js floor';

type Metric = 'c1p50Ms' | 'throughput' | 'cpuPerCallMs' | 'peakRssBytes';

/** Issue 9's targets, function against the SDK no-op. */
const TARGETS: readonly { stream: string; metric: Metric; label: string; bound: Bound }[] = [
  { stream: 'fleet', metric: 'c1p50Ms', label: 'p50, concurrency 1', bound: { max: 1.2 } },
  {
    stream: 'fleet',
    metric: 'throughput',
    label: 'throughput, concurrency 32',
    bound: { min: 0.9 },
  },
  { stream: 'fleet', metric: 'cpuPerCallMs', label: 'CPU per call', bound: { max: 1.2 } },
  { stream: 'repeated', metric: 'c1p50Ms', label: 'p50, concurrency 1', bound: { max: 1.2 } },
  {
    stream: 'repeated',
    metric: 'throughput',
    label: 'throughput, concurrency 32',
    bound: { min: 0.9 },
  },
  { stream: 'passthrough', metric: 'c1p50Ms', label: 'p50, concurrency 1', bound: { max: 1.0 } },
  {
    stream: 'annotations 1 MiB',
    metric: 'c1p50Ms',
    label: 'p50, concurrency 1',
    bound: { max: 1.5 },
  },
  { stream: 'fleet', metric: 'peakRssBytes', label: 'peak RSS', bound: { max: 1.2 } },
  { stream: 'big fleet', metric: 'peakRssBytes', label: 'peak RSS', bound: { max: 1.2 } },
];

type Bound = { readonly max?: number; readonly min?: number };

/** "A few per cent": a tight scraper may cost RunFunction at most this much. */
const SCRAPE_BOUND = 0.05;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** `median` alone for one run, `median (min-max)` for several. */
function spread(values: readonly number[], format: (value: number) => string): string {
  if (values.length <= 1 || values.every((value) => Number.isNaN(value))) {
    return format(values[0] ?? Number.NaN);
  }
  return `${format(median(values))} (${format(Math.min(...values))}-${format(Math.max(...values))})`;
}

/** A figure a stream does not measure (the big fleet runs at concurrency 32 only) is '-'. */
const ms = (value: number) => (Number.isNaN(value) ? '-' : `${value.toFixed(2)} ms`);
const perSecond = (value: number) => `${value.toFixed(0)}/s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (value: number) => `${value.toFixed(2)}x`;
const FORMATS: Readonly<Record<Metric, (value: number) => string>> = {
  c1p50Ms: ms,
  throughput: perSecond,
  cpuPerCallMs: ms,
  peakRssBytes: mib,
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function measures(runs: readonly Run[], server: string, stream: string): StreamMeasure[] {
  return runs.flatMap((run) =>
    run.streams.filter((m) => m.server === server && m.stream === stream),
  );
}

/** The function's figure over the SDK no-op's, one value per run. */
function ratios(runs: readonly Run[], stream: string, metric: Metric, over = SDK_NOOP): number[] {
  return runs.flatMap((run) => {
    const of = (server: string) =>
      run.streams.find((m) => m.server === server && m.stream === stream)?.[metric];
    const fn = of(FUNCTION);
    const base = of(over);
    return fn === undefined || base === undefined ? [] : [fn / base];
  });
}

const passes = (value: number, bound: Bound) =>
  (bound.max === undefined || value <= bound.max) &&
  (bound.min === undefined || value >= bound.min);
const boundText = (bound: Bound) =>
  bound.max === undefined ? `>= ${bound.min ?? ''}x` : `<= ${bound.max}x`;
const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');

function streamTable(runs: readonly Run[], servers: readonly string[], streams: readonly string[]) {
  const rows = streams.flatMap((stream) =>
    servers.map((server) => {
      const found = measures(runs, server, stream);
      const column = (metric: keyof StreamMeasure & Metric) =>
        spread(
          found.map((m) => m[metric]),
          FORMATS[metric],
        );
      return [
        stream,
        server,
        column('c1p50Ms'),
        spread(
          found.map((m) => m.c1p99Ms),
          ms,
        ),
        column('throughput'),
        column('cpuPerCallMs'),
        column('peakRssBytes'),
      ];
    }),
  );
  return table(
    ['stream', 'server', 'p50 (c1)', 'p99 (c1)', 'throughput (c32)', 'CPU/call (c32)', 'peak RSS'],
    rows,
  );
}

function targetTable(runs: readonly Run[]): string {
  const rows = TARGETS.map(({ stream, metric, label, bound }) => {
    const values = ratios(runs, stream, metric);
    return [
      stream,
      label,
      spread(values, ratio),
      spread(ratios(runs, stream, metric, FLOOR), ratio),
      boundText(bound),
      mark(passes(median(values), bound)),
    ];
  });
  const cold = (server: string, key: 'wallMs' | 'cpuMs') =>
    runs.map((run) => median(run.cold.filter((c) => c.server === server).map((c) => c[key])));
  const coldRatio = (key: 'wallMs' | 'cpuMs', over: string) =>
    cold(FUNCTION, key).map((value, i) => value / (cold(over, key)[i] ?? Number.NaN));
  const wall = coldRatio('wallMs', SDK_NOOP);
  rows.push(
    [
      'cold start',
      'spawn to first response',
      spread(wall, ratio),
      spread(coldRatio('wallMs', FLOOR), ratio),
      '<= 1.0x',
      mark(passes(median(wall), { max: 1 })),
    ],
    [
      'cold start',
      'server CPU to first response',
      spread(coldRatio('cpuMs', SDK_NOOP), ratio),
      spread(coldRatio('cpuMs', FLOOR), ratio),
      '(not a target)',
      '',
    ],
  );
  return table(
    ['stream', 'measure', 'function / SDK no-op', 'function / floor', 'target', ''],
    rows,
  );
}

function coldTable(runs: readonly Run[]): string {
  const servers = [...new Set(runs.flatMap((run) => run.cold.map((c) => c.server)))];
  const rows = servers.map((server) => {
    const per = (key: 'wallMs' | 'cpuMs') =>
      runs.map((run) => median(run.cold.filter((c) => c.server === server).map((c) => c[key])));
    return [server, spread(per('wallMs'), ms), spread(per('cpuMs'), ms)];
  });
  return table(['cold start (median of the run)', 'spawn to first response', 'server CPU'], rows);
}

function scrapeTable(runs: readonly Run[]): string {
  const throughput = runs.map((run) => run.scrape.throughputScraped / run.scrape.throughputPlain);
  const cpu = runs.map((run) => run.scrape.cpuPerCallScrapedMs / run.scrape.cpuPerCallPlainMs);
  const scrapes = runs.map((run) => run.scrape.scrapes);
  return table(
    ['fleet, concurrency 32, with a tight /metrics scraper', 'scraped / not scraped', 'target', ''],
    [
      [
        'throughput',
        spread(throughput, ratio),
        `>= ${1 - SCRAPE_BOUND}x`,
        mark(passes(median(throughput), { min: 1 - SCRAPE_BOUND })),
      ],
      [
        'CPU per call',
        spread(cpu, ratio),
        `<= ${1 + SCRAPE_BOUND}x`,
        mark(passes(median(cpu), { max: 1 + SCRAPE_BOUND })),
      ],
      ['scrapes answered in the phase', spread(scrapes, (n) => n.toFixed(0)), '', ''],
      [
        'no RunFunction load: server CPU while scraped back to back, % of a core',
        spread(
          runs.map((run) => run.scrape.idleScrapeCpuShare * 100),
          (n) => n.toFixed(1),
        ),
        '',
        '',
      ],
      [
        'no RunFunction load: scrapes answered per second',
        spread(
          runs.map((run) => run.scrape.idleScrapesPerSecond),
          (n) => n.toFixed(1),
        ),
        '',
        '',
      ],
    ],
  );
}

export function report(runs: readonly Run[], streams: readonly string[]): string {
  const servers = [FUNCTION, SDK_NOOP, FLOOR];
  return [
    `### Targets (issue 9), ${runs.length} run(s): median (min-max)`,
    targetTable(runs),
    scrapeTable(runs),
    '### Figures',
    streamTable(runs, servers, streams),
    coldTable(runs),
  ].join('\n\n');
}
