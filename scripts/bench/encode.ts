/**
 * Micro-benchmark of RunFunctionResponse encoding: the SDK's ts-proto encoder against
 * src/proto/encode-response.ts, on the full-example response (the `npm run bench` request,
 * decoded as the server would, then run through the function). Not part of `npm run bench`.
 *
 *   npx tsx scripts/bench/encode.ts
 */
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { runSdk } from '../../src/wire/sdk-handler.js';
import { encodeRunFunctionResponseFast } from '../../src/proto/encode-response.js';
import { benchRequests } from './requests.js';

const SECRET_KEY = Buffer.alloc(32, 7);
const ROUNDS = 5;
const ITERATIONS = 4000;

type Encoder = (rsp: RunFunctionResponse) => Uint8Array;

const encoders: Record<string, Encoder> = {
  'SDK (ts-proto)': (rsp) => Buffer.from(RunFunctionResponse.encode(rsp).finish()),
  'fast (src/proto)': encodeRunFunctionResponseFast,
};

/**
 * Median over rounds of the mean CPU µs per call (process CPU time, less noisy than wall time
 * on a shared machine; it includes GC), after a warm-up round.
 */
function microsPerCall(encode: Encoder, rsp: RunFunctionResponse): number {
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < ITERATIONS; i++) encode(rsp);
    const used = process.cpuUsage(start);
    if (round > 0) rounds.push((used.user + used.system) / ITERATIONS);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] ?? Number.NaN;
}

function main(): void {
  const full = benchRequests()[0];
  if (!full) throw new Error('no benchmark request');
  const rsp = runSdk(RunFunctionRequest.decode(full.encoded), { secretKey: SECRET_KEY });
  const sdkBytes = Buffer.from(RunFunctionResponse.encode(rsp).finish());
  if (!encodeRunFunctionResponseFast(rsp).equals(sdkBytes)) {
    throw new Error('the fast encoder disagrees with the SDK on the full example');
  }
  const composed = Object.keys(rsp.desired?.resources ?? {}).length;
  console.log(`request: ${full.name} (${full.note})`);
  console.log(`response: ${sdkBytes.length} bytes, ${composed} composed resources`);
  const results = Object.entries(encoders).map(([name, encode]) => ({
    name,
    micros: microsPerCall(encode, rsp),
  }));
  const baseline = results[0]?.micros ?? Number.NaN;
  for (const { name, micros } of results) {
    const speedup = (baseline / micros).toFixed(1);
    console.log(`${name.padEnd(16)} ${micros.toFixed(1).padStart(7)} µs CPU/encode  ${speedup}x`);
  }
}

main();
