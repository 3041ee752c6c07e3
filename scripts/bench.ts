/**
 * `npm run bench`: the built function server against a no-op function served by the same code
 * (and, for reference, a no-op on the SDK's stock `serve()`), over loopback, for the full
 * example request and a ~3 MB one. Reports p50/p99 latency at concurrency 1 and 32, throughput,
 * peak RSS and cold start; the headline is each figure as a ratio of the no-op's. Timing only:
 * nothing here asserts. One run takes about a minute.
 */
import { RunFunctionResponse, Severity } from '@crossplane-org/function-sdk-typescript';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { bundle, buildServed, SERVED_FILES } from './bench/bundle.js';
import {
  call,
  coldStartMs,
  connect,
  freePort,
  load,
  peakRssBytes,
  spawnServer,
  stop,
} from './bench/load.js';
import { mebibytes, percentile, report, type Measured } from './bench/report.js';
import { benchRequests, type BenchRequest } from './bench/requests.js';

const ROOT = resolve(import.meta.dirname, '..');
/** Build output, so lint, format and git ignore it; the image copies none of it. */
const OUT = resolve(ROOT, 'dist/bench');
/** The no-op, served like the function: its own launcher, bundle and code cache. */
const NOOP_DIR = 'dist/bench/noop';

/** Per phase: bounded in time and in calls, so a run stays around a minute on 2 cores. */
const WARMUP = { concurrency: 8, durationMs: 1_000, maxCalls: 500 };
const SEQUENTIAL = { concurrency: 1, durationMs: 2_500, maxCalls: 3_000 };
const CONCURRENT = { concurrency: 32, durationMs: 3_000, maxCalls: 100_000 };
const COLD_START_ROUNDS = 5;

type Variant = { name: string; main: string; args: (port: number) => string[] };

const ourFlags = (port: number) => [
  '--insecure',
  '--address',
  `127.0.0.1:${port}`,
  '--metrics-address',
  '127.0.0.1:0',
];

const VARIANTS: Variant[] = [
  { name: 'function', main: resolve(ROOT, 'dist/main.js'), args: ourFlags },
  { name: 'no-op', main: resolve(ROOT, NOOP_DIR, SERVED_FILES.launcher), args: ourFlags },
  {
    name: 'sdk serve() no-op',
    main: resolve(OUT, 'sdk-noop-main.js'),
    args: (port) => ['--insecure', '--address', `127.0.0.1:${port}`],
  },
];

function summarize(rsp: Buffer): string {
  const decoded = RunFunctionResponse.decode(rsp);
  const fatal = decoded.results.filter((r) => r.severity === Severity.SEVERITY_FATAL);
  const resources = Object.keys(decoded.desired?.resources ?? {}).length;
  return fatal.length > 0
    ? `FATAL: ${fatal.map((r) => r.message).join('; ')}`
    : `${resources} desired resources, ${decoded.results.length} results`;
}

async function measure(variant: Variant, request: BenchRequest): Promise<Measured> {
  const port = await freePort();
  const child = spawnServer(variant.main, variant.args(port));
  const client = connect(port);
  try {
    const first = await call(client, request.encoded, 15_000);
    if (variant.name === 'function') console.log(`  ${request.name}: ${summarize(first)}`);
    await load(client, request.encoded, WARMUP.concurrency, WARMUP.durationMs, WARMUP.maxCalls);
    const c1 = await load(client, request.encoded, 1, SEQUENTIAL.durationMs, SEQUENTIAL.maxCalls);
    const c32 = await load(
      client,
      request.encoded,
      CONCURRENT.concurrency,
      CONCURRENT.durationMs,
      CONCURRENT.maxCalls,
    );
    return {
      variant: variant.name,
      request: request.name,
      c1p50: percentile(c1.latenciesMs, 50),
      c1p99: percentile(c1.latenciesMs, 99),
      c32p50: percentile(c32.latenciesMs, 50),
      c32p99: percentile(c32.latenciesMs, 99),
      throughput: (c32.latenciesMs.length / c32.elapsedMs) * 1000,
      peakRss: peakRssBytes(child.pid ?? 0),
    };
  } finally {
    client.close();
    await stop(child);
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  buildServed('scripts/bench/noop-entry.ts', NOOP_DIR);
  bundle('scripts/bench/sdk-noop-main.ts', resolve(OUT, 'sdk-noop-main.js'), {
    extraFlags: ['--packages=external'],
  });
  const requests = benchRequests();
  const cpu = cpus();
  const machine = `${cpu.length} x ${cpu[0]?.model ?? '?'}, ${mebibytes(totalmem())}`;
  console.log(`machine: ${machine}, Node ${process.version}`);
  console.log('client and servers share the machine; plaintext gRPC over loopback\n');
  for (const { name, encoded, note } of requests) {
    console.log(`request "${name}": ${(encoded.length / 1024).toFixed(1)} KiB, ${note}`);
  }

  const results: Measured[] = [];
  for (const request of requests) {
    for (const variant of VARIANTS) results.push(await measure(variant, request));
  }
  const cold: Record<string, number[]> = {};
  const fullRequest = requests[0];
  for (let round = 0; round < COLD_START_ROUNDS && fullRequest; round++) {
    for (const variant of VARIANTS) {
      (cold[variant.name] ??= []).push(
        await coldStartMs(variant.main, variant.args, fullRequest.encoded),
      );
    }
  }

  console.log(`\n${report(results, cold)}`);
  writeFileSync(resolve(OUT, 'results.json'), `${JSON.stringify({ results, cold }, null, 2)}\n`);
}

await main();
