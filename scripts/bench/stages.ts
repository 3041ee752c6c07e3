/**
 * `npx tsx scripts/bench/stages.ts [rounds]`: where the function's CPU goes per call, stage by
 * stage, in one process and without gRPC: the request decoded, the XR and Input parsed, the
 * whole pipeline, the response encoded; beside the SDK no-op's own work per call (the SDK's
 * decode, `to(req)`, the SDK's encode). Every call takes the next request of the fleet stream
 * (scripts/bench/requests.ts), as Crossplane reconciles a fleet. CPU time from
 * process.cpuUsage over short rounds after a warm-up round: the fastest round estimates the
 * cost on a quiet machine (on a shared one, other processes only ever add to a round), the
 * median what it costs under the load of the moment.
 * A quick way to see what a change does; `npm run bench` is the measurement that counts.
 */
import {
  RunFunctionRequest,
  RunFunctionResponse,
  to,
} from '@crossplane-org/function-sdk-typescript';
import { parseDittoServer } from '../../src/api/parse.js';
import { runFunction } from '../../src/function.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import { benchStreams } from './requests.js';

const rounds = Number(process.argv[2] ?? '40');
const fleet = benchStreams(['fleet'])[0]?.requests ?? [];
const CALLS = 200;
const secretKey = Buffer.alloc(32, 7);

/** CPU µs per call of `stage` over CALLS successive fleet requests, per round. */
function measure(stage: (request: Buffer) => unknown): string {
  const perCall: number[] = [];
  let next = 0;
  for (let round = 0; round <= rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) stage(fleet[next++ % fleet.length] ?? Buffer.alloc(0));
    const used = process.cpuUsage(start);
    if (round > 0) perCall.push((used.user + used.system) / CALLS);
  }
  perCall.sort((a, b) => a - b);
  const at = (q: number) => perCall[Math.floor(q * (perCall.length - 1))] ?? Number.NaN;
  return `${at(0).toFixed(0).padStart(6)} ${at(0.5).toFixed(0).padStart(7)}`;
}

const decoded = (request: Buffer) => decodeRunFunctionRequest(request, owns);
const rows: [string, (request: Buffer) => unknown][] = [
  ['decode', decoded],
  [
    'decode + parse',
    (request) => {
      const req = decoded(request);
      return parseDittoServer(req.observedComposite, req.input);
    },
  ],
  ['decode + pipeline', (request) => runFunction(decoded(request), { secretKey })],
  [
    'decode + pipeline + encode',
    (request) => encodeRunFunctionResponse(runFunction(decoded(request), { secretKey })),
  ],
  ['SDK: decode', (request) => RunFunctionRequest.decode(request)],
  [
    'SDK: decode + to() + encode',
    (request) => RunFunctionResponse.encode(to(RunFunctionRequest.decode(request))).finish(),
  ],
];
console.log(`Node ${process.version}; ${fleet.length} fleet requests of ${fleet[0]?.length} B`);
console.log(`CPU µs per call over ${rounds} rounds of ${CALLS} calls: fastest round, median`);
for (const [name, stage] of rows) console.log(`${name.padEnd(28)} ${measure(stage)}`);
