/**
 * The codec against the SDK's ts-proto code, in CPU µs per call (median of rounds, after a
 * warm-up round), on messages the size of the function's: each response composes the objects
 * of one test/golden/compose/*.yaml file, each request observes them. Run it bundled as
 * production is bundled: `npx tsx test/wire/bench/run.ts` (see there).
 */
import {
  Ready,
  RunFunctionRequest,
  RunFunctionResponse,
  type Resource,
} from '@crossplane-org/function-sdk-typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runFunction } from '../../../src/function.js';
import { decodeRunFunctionRequest } from '../../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../../src/wire/encode-response.js';
import { owns as ownsResourceKey } from '../../../src/resources.js';
import type { FunctionResponse, JsonObject } from '../../../src/wire/types.js';
import { BACKUP_SPEC, xr } from '../../fixtures/xr.js';
import { sdkResponse } from '../support/sdk-messages.js';

const ROUNDS = 9;
/** Calls per round: enough for a round to take tens of milliseconds. */
const CALLS = 400;

/** Median CPU µs per call over the rounds (process CPU, less noisy than wall time). */
function microsPerCall(call: () => unknown): { median: number; low: number; high: number } {
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) call();
    const used = process.cpuUsage(start);
    if (round > 0) rounds.push((used.user + used.system) / CALLS);
  }
  rounds.sort((a, b) => a - b);
  const at = (q: number) => rounds[Math.floor(q * (rounds.length - 1))] ?? Number.NaN;
  return { median: at(0.5), low: at(0), high: at(1) };
}

const sdkResource = (resource: JsonObject): Resource => ({
  resource,
  connectionDetails: {},
  ready: Ready.READY_UNSPECIFIED,
});

type Case = { name: string; request: Uint8Array; response: FunctionResponse };

/** A request observing the golden objects, and the response composing them. */
function benchCase(file: string): Case {
  // Through JSON: plain objects like the builders' (the YAML parser builds them differently).
  const parsed = parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as unknown);
  const objects = JSON.parse(JSON.stringify(parsed)) as JsonObject[];
  const observed = Object.fromEntries(
    objects.map((object, i) => [`resource-${i}`, sdkResource(object)]),
  );
  const request = RunFunctionRequest.encode({
    meta: { tag: 'bench', capabilities: [] },
    observed: {
      composite: sdkResource(xr({ percona: { enabled: true, backup: BACKUP_SPEC } })),
      resources: observed,
    },
    desired: { composite: undefined, resources: {} },
    input: { apiVersion: 'dittoserver.fn.dittofs.com/v1beta1', kind: 'Input', ttl: '1m' },
    context: { 'apiextensions.crossplane.io/environment': { region: 'eu-west-1' } },
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- every map must be present
    extraResources: {},
    credentials: {},
    requiredResources: {},
    requiredSchemas: {},
  }).finish();
  // The function's own response to that XR, its composed objects swapped for the golden ones.
  const run = (req: Parameters<typeof runFunction>[0]) =>
    runFunction(req, { secretKey: Buffer.alloc(32, 7) });
  const base = run(decodeRunFunctionRequest(request, ownsResourceKey));
  const response: FunctionResponse = {
    ...base,
    composed: objects.map((resource, i) => ({ key: `resource-${i}`, resource, ready: 1 })),
  };
  return { name: basename(file, '.yaml'), request, response };
}

function main(): void {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: main.js <test/golden/compose directory>');
  const cases = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => benchCase(join(dir, file)));
  const rows: string[][] = [
    ['case', 'rsp B', 'enc SDK', 'enc wire', 'req B', 'dec SDK', 'dec wire', 'dec wire, owns none'],
  ];
  const show = ({ median, low, high }: ReturnType<typeof microsPerCall>) =>
    `${median.toFixed(1)} (${low.toFixed(0)}-${high.toFixed(0)})`;
  for (const { name, request, response } of cases) {
    const sdk = sdkResponse(response);
    const encoded = encodeRunFunctionResponse(response);
    if (!encoded.equals(Buffer.from(RunFunctionResponse.encode(sdk).finish()))) {
      throw new Error(`${name}: the bytes differ from the SDK's`);
    }
    rows.push([
      name,
      String(encoded.length),
      show(microsPerCall(() => RunFunctionResponse.encode(sdk).finish())),
      show(microsPerCall(() => encodeRunFunctionResponse(response))),
      String(request.length),
      show(microsPerCall(() => RunFunctionRequest.decode(request))),
      show(microsPerCall(() => decodeRunFunctionRequest(request, () => true))),
      show(microsPerCall(() => decodeRunFunctionRequest(request, () => false))),
    ]);
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  console.log(
    `Node ${process.version}; CPU µs per call, median (min-max) of ${ROUNDS} rounds of ${CALLS}`,
  );
  for (const row of rows)
    console.log(row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  '));
}

main();
