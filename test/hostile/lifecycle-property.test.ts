/**
 * Restores and upgrades under any sequence of reconciles (api.md §8), with a fixed seed
 * (docs/reliability.md says how to replay a failure): a server with Percona and backups
 * whose team asks for restores, takes them back, renames them, raises and lowers
 * PostgreSQL and stops the server, while the operator's objects get anywhere, Crossplane
 * loses some and the XR carries the status written last. Whatever happens: no running
 * restore or upgrade is dropped or changed, the server stays at 0 replicas while one runs,
 * PostgreSQL's version is raised only by an upgrade that succeeded, a restore the XR
 * records as finished is never created again, and one operation starts at a time.
 */
import { Severity, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text } from '../../src/observe/fields.js';
import { restoreRunning, upgradeState } from '../../src/observe/lifecycle.js';
import { isRestoreKey } from '../../src/resources.js';
import { perconaBackup, type BackupFixture } from '../fixtures/backups.js';
import { observeDesired, type World } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { propertyRuns } from '../support/depth.js';
import { credentialsSecret, desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';
import { at, play } from '../support/story.js';
import { composedProblems, type Observed } from './support/checks.js';
import { dataLost } from './support/data-safety.js';
import { restoreProgress, SOME_BACKUPS, upgradeProgress } from './support/observed-arbitraries.js';

const SEED = Number(process.env.HOSTILE_SEED ?? 20261120);
const PATH = process.env.HOSTILE_PATH;

const restore = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('first', 'second').map((name) => ({ name })),
  // A target before the latest restorable time, and one after it (that restore waits).
  fc
    .tuple(
      fc.constantFrom('first', 'second'),
      fc.constantFrom('2026-11-20T01:30:00Z', '2026-11-20T10:00:00Z'),
    )
    .map(([name, target]) => ({ name, type: 'time', target })),
);

const step = fc.record({
  spec: fc.record({
    replicas: fc.constantFrom(0, 1, 1, 1),
    postgresVersion: fc.integer({ min: 15, max: 18 }),
    restore,
  }),
  world: fc.record<World>({
    percona: fc.record({
      state: fc.constantFrom(
        'ready' as const,
        'ready' as const,
        'ready' as const,
        'initializing' as const,
        'paused' as const,
      ),
      backup: fc.constant('ready' as const),
    }),
    deployment: fc.constantFrom('progressing' as const, 'available' as const),
    restore: restoreProgress,
    upgrade: upgradeProgress,
    clusterBehind: fc.boolean(),
  }),
  // Mostly nothing lost: a lost object cannot be kept, so it tests nothing else.
  lost: fc.oneof(
    { weight: 4, arbitrary: fc.constant<string[]>([]) },
    fc.subarray(['upgrade', 'restore-first', 'restore-second', 'deployment']),
  ),
  backups: fc.subarray([...SOME_BACKUPS], { minLength: 1 }),
});

/** A server running PostgreSQL `version`, its Deployment available: where every run starts. */
const started = new Map(
  [15, 16, 17].map((version) => {
    const spec = { percona: { enabled: true, backup: BACKUP_SPEC, postgresVersion: version } };
    const ready: World = { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' };
    const backups = [perconaBackup(SOME_BACKUPS[0] as BackupFixture)];
    const story = play([
      ['created', { spec, backups }],
      ['percona ready', { spec, world: ready, backups }],
      ['running', { spec, world: ready, backups }],
    ]);
    return [version, at(story, 'running')];
  }),
);

const isOperation = (object: unknown, kind: string) => text(object, 'kind') === kind;

/** The invariants of this file beyond dataLost; empty when the response keeps them. */
function broken(observed: Observed, recorded: unknown, rsp: RunFunctionResponse): string[] {
  const desired = desiredObjects(rsp) as Observed;
  const problems: string[] = [];
  const entries = Object.entries<JsonObject>(observed);
  const busy = entries.some(
    ([key, object]) =>
      (isRestoreKey(key) && restoreRunning(text(object, 'status', 'state') ?? '')) ||
      (key === 'upgrade' &&
        isOperation(object, 'PerconaPGUpgrade') &&
        upgradeState(object).state === 'running'),
  );
  const newRestores = Object.keys(desired).filter((key) => isRestoreKey(key) && !(key in observed));
  const upgradeName = (object: unknown) => text(object, 'metadata', 'name');
  const newUpgrade =
    desired.upgrade !== undefined && upgradeName(desired.upgrade) !== upgradeName(observed.upgrade);
  const begun = newRestores.length + (newUpgrade ? 1 : 0);
  if (begun > 1) problems.push('more than one operation started at once');
  if (begun > 0 && busy) problems.push('an operation started while another runs');
  const finished = text(recorded, 'name');
  const state = text(recorded, 'state') ?? '';
  if (
    finished !== undefined &&
    !restoreRunning(state) &&
    newRestores.includes(`restore-${finished}`)
  )
    problems.push(`restore ${finished} created again after it finished`);
  return problems;
}

describe('restores and upgrades through any sequence of reconciles', () => {
  it('never drop a running one, never run two at once, never run a finished restore again', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 15, max: 17 }),
        fc.array(step, { minLength: 2, maxLength: 6 }),
        (version, steps) => {
          let previous = started.get(version);
          if (!previous) throw new Error(`no server running ${version}`);
          for (const { spec, world, lost, backups } of steps) {
            const percona = {
              enabled: true,
              backup: BACKUP_SPEC,
              postgresVersion: spec.postgresVersion,
              ...(spec.restore ? { restore: spec.restore } : {}),
            };
            const observed: Observed = Object.fromEntries(
              Object.entries(observeDesired(desiredObjects(previous), world)).filter(
                ([key]) => !lost.includes(key),
              ),
            );
            const status = previous.desired?.composite?.resource?.status as JsonObject | undefined;
            const composite = {
              ...xr({ replicas: spec.replicas, percona }),
              ...(status ? { status } : {}),
            };
            const rsp = callFunction(
              request({
                xr: composite,
                observed,
                credentials: [credentialsSecret()],
                required: { backups: backups.map((backup) => perconaBackup(backup)) },
              }),
              { secretKey: TEST_SECRET_KEY },
            );
            expect(
              rsp.results.filter((result) => result.severity === Severity.SEVERITY_FATAL),
            ).toEqual([]);
            expect(composedProblems(rsp)).toEqual([]);
            expect(dataLost(observed, rsp)).toEqual([]);
            expect(broken(observed, status?.restore, rsp)).toEqual([]);
            previous = rsp;
          }
        },
      ),
      { seed: SEED, numRuns: propertyRuns(20, 400), ...(PATH === undefined ? {} : { path: PATH }) },
    );
  });
});
