/**
 * Property-based tests over generated valid specs and generated observed states, with a
 * fixed seed and bounded runs (docs/reliability.md says how to replay a failure):
 * runFunction never throws; valid specs never get a FATAL result; every composed object is
 * one the API server (and, for the PerconaPGCluster, the Percona operator) accepts; the
 * same request gives the same bytes and a clean protobuf round trip; and no secret from
 * the request, the observed Secrets or the generated Secrets appears anywhere in the
 * response but in the `data` of the Secrets that must carry it, nor in the server's logs.
 */
import { Writable } from 'node:stream';
import {
  RunFunctionRequest,
  Severity,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../src/function.js';
import { text } from '../../src/observe/fields.js';
import { createLogger } from '../../src/server/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { observeRequests } from '../../src/server/observe.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { owns as ownsResourceKey } from '../../src/resources.js';
import { perconaBackup } from '../fixtures/backups.js';
import type { JsonObject } from '../fixtures/xr.js';
import { propertyRuns } from '../support/depth.js';
import { TEST_SECRET_KEY } from '../support/request.js';
import {
  checkedRun,
  composed,
  composedProblems,
  hostileRequest,
  leaks,
  type Observed,
} from './support/checks.js';
import { credentialsWorld, type CredentialsWorld } from './support/credentials.js';
import {
  garbage,
  junk,
  missingKeys,
  realisticObserved,
  SOME_BACKUPS,
  strings,
  world,
} from './support/observed-arbitraries.js';
import { dataLost } from './support/data-safety.js';
import { edit, edited } from './support/edits.js';
import { scenario, scenarios } from './support/scenario.js';

/** Replay a failure with the seed (and path) fast-check prints: see docs/reliability.md. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261120);
const PATH = process.env.HOSTILE_PATH;
const RUNS = process.env.HOSTILE_RUNS === undefined ? undefined : Number(process.env.HOSTILE_RUNS);

/** Runs per property (quick for npm test, full for test:deep); a reconcile run plays 2 to 4 calls. */
const RUN_COUNTS = {
  reconciles: propertyRuns(30, 600),
  garbage: propertyRuns(50, 1000),
  anySpec: propertyRuns(100, 1000),
} as const;

const parameters = (numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns: RUNS ?? numRuns,
  ...(PATH === undefined ? {} : { path: PATH }),
});

/** The gRPC server's handler chain (decoding, metrics, the per-call debug line). */
const logLines: string[] = [];
const logger = createLogger({
  debug: true,
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  }),
});
const observed = observeRequests(
  (req) => runFunction(req, { secretKey: TEST_SECRET_KEY }),
  logger,
  createMetrics(),
);
const served = (req: RunFunctionRequest) =>
  observed(decodeRunFunctionRequest(RunFunctionRequest.encode(req).finish(), ownsResourceKey));

/** A scenario and the reconciles that follow: world, lost keys, credentials, backups, spec edits. */
const reconciles = scenario.chain((s) =>
  fc.tuple(
    fc.constant(s),
    fc.array(
      fc.record({
        world,
        missing: missingKeys,
        credentials: credentialsWorld(s.credentialsRef, s.namespace),
        backups: fc
          .subarray([...SOME_BACKUPS])
          .map((made) =>
            made.map((backup) =>
              perconaBackup({ ...backup, xr: text(s.xr, 'metadata', 'name') ?? '' }),
            ),
          ),
        edit,
      }),
      { minLength: 2, maxLength: 4 },
    ),
  ),
);

/**
 * What Crossplane fetches for the identity requirements: our generated Secrets, by name,
 * whether or not they are observed (a lost resource reference loses only the latter).
 */
function generatedByName(xr: JsonObject, desired: Observed): Record<string, JsonObject> {
  const identity = (xr.spec as { identity?: { jwt?: unknown; admin?: unknown } }).identity;
  return {
    ...(identity?.jwt === undefined &&
      desired['jwt-secret'] && { 'jwt-secret': desired['jwt-secret'] }),
    ...(identity?.admin === undefined &&
      desired['admin-secret'] && { 'admin-secret': desired['admin-secret'] }),
  };
}

/** The generated values a response carries, by Secret key. */
function generatedValues(rsp: RunFunctionResponse): Record<string, unknown> {
  const desired = composed(rsp);
  const data = (key: 'jwt-secret' | 'admin-secret') => desired[key]?.data as JsonObject | undefined;
  return {
    ...(data('jwt-secret') && { jwt: data('jwt-secret')?.['jwt-secret'] }),
    ...(data('admin-secret') && { admin: data('admin-secret')?.password }),
  };
}

/** Runs a request through the server's handler chain and checks its log lines. */
async function checkLogs(req: Parameters<typeof served>[0], secrets: Set<string>): Promise<void> {
  logLines.length = 0;
  await served(req);
  expect(logLines.length).toBeGreaterThan(0);
  expect(leaks(logLines.join(''), secrets)).toEqual([]);
}

describe('valid specs, reconciled through realistic observed states', () => {
  it('compose only valid objects, deterministically, without leaking a secret', async () => {
    await fc.assert(
      fc.asyncProperty(reconciles, async ([s, steps]) => {
        const secrets = new Set<string>();
        const generated = new Map<string, unknown>();
        let previous: RunFunctionResponse | undefined;
        let xr = s.xr;
        for (const [index, step] of steps.entries()) {
          for (const value of step.credentials.secrets) secrets.add(value);
          const observed: Observed = previous
            ? realisticObserved(composed(previous), step.world, step.missing)
            : {};
          // The first call sees the XR as created; later ones see the team's edits.
          if (index > 0) xr = edited(xr, step.edit);
          const fetched = previous ? generatedByName(xr, composed(previous)) : {};
          const req = hostileRequest(
            xr,
            s.input,
            observed,
            step.credentials,
            fetched,
            step.backups,
          );
          // Each reconcile in another process: a restart must not change a generated value.
          const secretKey = Buffer.alloc(32, index + 1);
          previous = checkedRun(req, secrets, { expectValid: true, secretKey });
          expect(dataLost(observed, previous)).toEqual([]);
          for (const [key, value] of Object.entries(generatedValues(previous))) {
            expect(value).toBe(generated.get(key) ?? value);
            generated.set(key, value);
          }
          await checkLogs(req, secrets);
        }
      }),
      parameters(RUN_COUNTS.reconciles),
    );
  });
});

/** Secret data an observed object carries, as written and decoded. */
function plantedSecrets(observed: Observed): string[] {
  return Object.values(observed)
    .filter((object) => object.kind === 'Secret')
    .flatMap((object) => strings(object.data))
    .flatMap((value) => [value, Buffer.from(value, 'base64').toString('utf8')]);
}

describe('valid specs against garbage observed state', () => {
  const cases = scenarios({ perconaNames: true }).chain((s) =>
    fc.record({
      s: fc.constant(s),
      observed: garbage,
      credentials: credentialsWorld(s.credentialsRef, s.namespace),
    }),
  );
  it('never throw, never FATAL, and compose only valid objects', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ s, observed, credentials }) => {
        const secrets = new Set([...credentials.secrets, ...plantedSecrets(observed)]);
        const req = hostileRequest(s.xr, s.input, observed, credentials);
        checkedRun(req, secrets, { expectValid: true });
        await checkLogs(req, secrets);
      }),
      parameters(RUN_COUNTS.garbage),
    );
  });
});

describe('any JSON as spec and Input', () => {
  const noCredentials: CredentialsWorld = {
    items: undefined,
    viaExtraResources: false,
    secrets: [],
  };
  const anyJson = junk(4);
  const cases = fc.record({
    spec: fc.oneof(
      anyJson,
      fc.dictionary(fc.constantFrom('storage', 'percona', 'replicas'), anyJson),
    ),
    input: fc.option(anyJson, { nil: undefined }),
  });
  it('answer with one single-line FATAL result or a valid composition', () => {
    fc.assert(
      fc.property(cases, ({ spec, input }) => {
        const xr: JsonObject = {
          apiVersion: 'storage.dittofs.com/v1alpha1',
          kind: 'DittoServer',
          metadata: { name: 'demo', namespace: 'team-a' },
          spec,
        };
        const req = hostileRequest(xr, input, {}, noCredentials);
        const rsp = checkedRun(req, new Set(), { expectValid: false });
        const fatal = rsp.results.filter((result) => result.severity === Severity.SEVERITY_FATAL);
        if (fatal.length > 0) {
          expect(rsp.results).toHaveLength(1);
          expect(composed(rsp)).toEqual({});
        } else {
          expect(composedProblems(rsp)).toEqual([]);
        }
      }),
      parameters(RUN_COUNTS.anySpec),
    );
  });
});
