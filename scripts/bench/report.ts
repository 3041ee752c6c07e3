/** The benchmark report: plain-text tables, the headline being ratios against the no-op. */

export type Measured = {
  readonly variant: string;
  readonly request: string;
  readonly c1p50: number;
  readonly c1p99: number;
  readonly c32p50: number;
  readonly c32p99: number;
  readonly throughput: number;
  readonly peakRss: number;
};

type Row = readonly string[];

export function table(header: Row, rows: readonly Row[]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: Row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const perSecond = (value: number) => `${value.toFixed(0)}/s`;
export const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ratio = (value: number) => `${value.toFixed(2)}x`;

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function measurements(results: readonly Measured[]): string {
  return table(
    ['request / server', 'c1 p50', 'c1 p99', 'c32 p50', 'c32 p99', 'c32 throughput', 'peak RSS'],
    results.map((r) => [
      `${r.request} / ${r.variant}`,
      ms(r.c1p50),
      ms(r.c1p99),
      ms(r.c32p50),
      ms(r.c32p99),
      perSecond(r.throughput),
      mebibytes(r.peakRss),
    ]),
  );
}

function coldStarts(cold: Readonly<Record<string, readonly number[]>>): string {
  return table(
    ['cold start (spawn to first response)', 'median', 'min', 'max'],
    Object.entries(cold).map(([name, samples]) => [
      name,
      ms(percentile(samples, 50)),
      ms(Math.min(...samples)),
      ms(Math.max(...samples)),
    ]),
  );
}

/** The issue 5 targets: function against the no-op served by the same code. */
function ratios(results: readonly Measured[], cold: Readonly<Record<string, readonly number[]>>) {
  const requests = [...new Set(results.map((r) => r.request))];
  const rows = requests.map((request) => {
    const of = (variant: string) =>
      results.find((r) => r.request === request && r.variant === variant);
    const fn = of('function');
    const noop = of('no-op');
    if (!fn || !noop) return [request, '-', '-', '-'];
    return [
      request,
      `${ratio(fn.c1p50 / noop.c1p50)} (target <= 1.5x)`,
      `${ratio(fn.throughput / noop.throughput)} (target >= 0.7x)`,
      `${ratio(fn.peakRss / noop.peakRss)} (target <= 1.2x)`,
    ];
  });
  const coldMedian = (name: string) => percentile(cold[name] ?? [], 50);
  const fn = coldMedian('function');
  return [
    table(['function vs no-op', 'c1 p50', 'c32 throughput', 'peak RSS'], rows),
    `cold start (target <= 1.0x): ${ratio(fn / coldMedian('no-op'))} of the no-op, ` +
      `${ratio(fn / coldMedian('sdk serve() no-op'))} of the SDK serve() no-op`,
  ].join('\n');
}

export function report(
  results: readonly Measured[],
  cold: Readonly<Record<string, readonly number[]>>,
): string {
  return [measurements(results), coldStarts(cold), ratios(results, cold)].join('\n\n');
}
