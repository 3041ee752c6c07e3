/**
 * `npm run bench [-- --runs N]`: the built function against the stock SDK `serve()` no-op
 * and a bare grpc-js floor, each in its own process, over loopback only, on the streams of
 * issue 9 (scripts/bench/requests.ts). Per server and stream: p50/p99 at concurrency 1,
 * throughput at concurrency 32, server CPU per call (/proc/<pid>/stat) and peak RSS; then
 * cold start, and the function under a tight /metrics scraper. Prints Markdown to paste;
 * writes dist/bench/results.json. Timing only: nothing here asserts. Three runs by default
 * (about 8 minutes on 2 cores); the report gives each figure's median and spread.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle } from './build/bundle.js';
import { call, connect, load, scrapeTightly, type Phase } from './bench/client.js';
import {
  FLOOR,
  FUNCTION,
  SDK_NOOP,
  percentile,
  report,
  type ColdStart,
  type Run,
  type ScrapeMeasure,
  type StreamMeasure,
} from './bench/report.js';
import { benchStreams, type Stream } from './bench/requests.js';
import {
  cpuSeconds,
  freeLoopbackPort,
  peakRssBytes,
  spawnServer,
  stopServer,
  type Server,
} from './bench/servers.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'dist/bench');
/** Written by `main.js --help`, as the image writes it (Dockerfile). */
const COMPILE_CACHE = resolve(OUT, 'compile-cache');

/** Bounded in time and calls, so a run stays under three minutes on 2 cores. */
const WARMUP: Phase = { concurrency: 8, durationMs: 1_000, maxCalls: 1_000 };
const SEQUENTIAL: Phase = { concurrency: 1, durationMs: 2_000, maxCalls: 3_000 };
const CONCURRENT: Phase = { concurrency: 32, durationMs: 3_000, maxCalls: 100_000 };
/** The big fleet goes round at least twice: every XR is seen again. */
const BIG_FLEET_PHASE: Phase = { concurrency: 32, durationMs: 10_000, maxCalls: 1_800 };
const COLD_STARTS = 5;
const IDLE_SCRAPE_MS = 3_000;

const loopback = (port: number) => ['--address', `127.0.0.1:${port}`];
const SERVERS: readonly Server[] = [
  {
    name: FUNCTION,
    main: resolve(ROOT, 'dist/main.js'),
    args: (port) => ['--insecure', ...loopback(port), '--metrics-address', '127.0.0.1:0'],
    env: { NODE_COMPILE_CACHE: COMPILE_CACHE },
  },
  {
    name: SDK_NOOP,
    main: resolve(OUT, 'sdk-noop-main.js'),
    args: (port) => ['--insecure', ...loopback(port)],
  },
  { name: FLOOR, main: resolve(OUT, 'floor-main.js'), args: loopback },
];
const FUNCTION_WITHOUT_CACHE: Server = {
  ...(SERVERS[0] as Server),
  name: `${FUNCTION} without compile cache`,
  env: {},
};

async function started(server: Server, firstRequest: Buffer) {
  const port = await freeLoopbackPort();
  const child = spawnServer(server, port);
  const client = connect(port);
  await call(client, firstRequest, 15_000);
  return { child, client, pid: child.pid ?? 0 };
}

async function measureStream(server: Server, stream: Stream): Promise<StreamMeasure> {
  const { child, client, pid } = await started(server, stream.requests[0] ?? Buffer.alloc(0));
  try {
    const big = stream.name === 'big fleet';
    let c1p50Ms = Number.NaN;
    let c1p99Ms = Number.NaN;
    if (!big) {
      await load(client, stream.requests, WARMUP);
      const c1 = await load(client, stream.requests, SEQUENTIAL, WARMUP.maxCalls);
      c1p50Ms = percentile(c1.latenciesMs, 50);
      c1p99Ms = percentile(c1.latenciesMs, 99);
    }
    const cpuBefore = cpuSeconds(pid);
    const c32 = await load(client, stream.requests, big ? BIG_FLEET_PHASE : CONCURRENT, 7);
    const calls = c32.latenciesMs.length;
    return {
      server: server.name,
      stream: stream.name,
      c1p50Ms,
      c1p99Ms,
      throughput: (calls / c32.elapsedMs) * 1000,
      cpuPerCallMs: ((cpuSeconds(pid) - cpuBefore) * 1000) / calls,
      peakRssBytes: peakRssBytes(pid),
    };
  } finally {
    client.close();
    await stopServer(child);
  }
}

async function coldStart(server: Server, request: Buffer): Promise<ColdStart> {
  const port = await freeLoopbackPort();
  const client = connect(port);
  const t0 = performance.now();
  const child = spawnServer(server, port);
  try {
    await call(client, request, 15_000);
    return {
      server: server.name,
      wallMs: performance.now() - t0,
      cpuMs: cpuSeconds(child.pid ?? 0) * 1000,
    };
  } finally {
    client.close();
    await stopServer(child);
  }
}

/**
 * The fleet at concurrency 32 on one function process: without a scraper, with a client
 * scraping /metrics back to back, and without again. The scraped phase is compared with the
 * mean of the two others, which cancels the drift of a process still warming up.
 */
async function measureScrape(fleet: Stream): Promise<ScrapeMeasure> {
  const server = SERVERS[0] as Server;
  const metricsPort = await freeLoopbackPort();
  const scraped: Server = {
    ...server,
    args: (port) => [
      '--insecure',
      ...loopback(port),
      '--metrics-address',
      `127.0.0.1:${metricsPort}`,
    ],
  };
  const { child, client, pid } = await started(scraped, fleet.requests[0] ?? Buffer.alloc(0));
  const phase = async () => {
    const before = cpuSeconds(pid);
    const result = await load(client, fleet.requests, CONCURRENT);
    const calls = result.latenciesMs.length;
    return {
      throughput: (calls / result.elapsedMs) * 1000,
      cpuPerCallMs: ((cpuSeconds(pid) - before) * 1000) / calls,
    };
  };
  const scrapeFor = async (ms: number) => {
    const stop = new AbortController();
    const scraper = scrapeTightly(`http://127.0.0.1:${metricsPort}/metrics`, stop.signal);
    await new Promise((resolve) => setTimeout(resolve, ms));
    stop.abort();
    return scraper;
  };
  try {
    // What scraping alone costs the server: no calls, a client scraping back to back.
    const idleBefore = cpuSeconds(pid);
    const idleScrapes = await scrapeFor(IDLE_SCRAPE_MS);
    const idleScrapeCpuShare = (cpuSeconds(pid) - idleBefore) / (IDLE_SCRAPE_MS / 1000);
    await load(client, fleet.requests, WARMUP);
    const before = await phase();
    const stop = new AbortController();
    const scraper = scrapeTightly(`http://127.0.0.1:${metricsPort}/metrics`, stop.signal);
    const withScraper = await phase();
    stop.abort();
    const scrapes = await scraper;
    const after = await phase();
    return {
      throughputPlain: (before.throughput + after.throughput) / 2,
      throughputScraped: withScraper.throughput,
      cpuPerCallPlainMs: (before.cpuPerCallMs + after.cpuPerCallMs) / 2,
      cpuPerCallScrapedMs: withScraper.cpuPerCallMs,
      scrapes,
      idleScrapeCpuShare,
      idleScrapesPerSecond: idleScrapes / (IDLE_SCRAPE_MS / 1000),
    };
  } finally {
    client.close();
    await stopServer(child);
  }
}

async function oneRun(streams: readonly Stream[], index: number): Promise<Run> {
  // Servers take turns going first, so no one always meets a machine warmed by another.
  const order = SERVERS.map((_, i) => SERVERS[(i + index) % SERVERS.length] as Server);
  const measured: StreamMeasure[] = [];
  for (const stream of streams) {
    for (const server of order) {
      measured.push(await measureStream(server, stream));
      process.stderr.write('.');
    }
  }
  const cold: ColdStart[] = [];
  const request = streams[1]?.requests[0] ?? Buffer.alloc(0);
  for (let i = 0; i < COLD_STARTS; i++) {
    for (const server of [...order, FUNCTION_WITHOUT_CACHE])
      cold.push(await coldStart(server, request));
  }
  const fleet = streams[0];
  if (fleet === undefined) throw new Error('no fleet stream');
  const scrape = await measureScrape(fleet);
  process.stderr.write(` run ${index + 1} done\n`);
  return { streams: measured, cold, scrape };
}

async function build(): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  // The stock way: the SDK and grpc-js loaded from node_modules, as the template ships them.
  await bundle('scripts/bench/sdk-noop-main.ts', 'dist/bench/sdk-noop-main.js', {
    packages: 'external',
  });
  await bundle('scripts/bench/floor-main.ts', 'dist/bench/floor-main.js', { packages: 'external' });
  rmSync(COMPILE_CACHE, { recursive: true, force: true });
  execFileSync(process.execPath, [resolve(ROOT, 'dist/main.js'), '--help'], {
    env: { NODE_COMPILE_CACHE: COMPILE_CACHE },
    stdio: 'ignore',
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runCount = Number(values.runs);
  await build();
  const streams = benchStreams();
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} x ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
      `Node ${process.version}; load average at start ${loadavg()[0]?.toFixed(1) ?? '?'}`,
  );
  for (const stream of streams) console.log(`- ${stream.name}: ${stream.note}`);
  const runs: Run[] = [];
  for (let i = 0; i < runCount; i++) runs.push(await oneRun(streams, i));
  console.log(
    `\n${report(
      runs,
      streams.map((s) => s.name),
    )}`,
  );
  writeFileSync(resolve(OUT, 'results.json'), `${JSON.stringify(runs, null, 2)}\n`);
}

await main();
