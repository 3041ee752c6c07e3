/**
 * Observed states: realistic ones (what the last response desired, as the API server and
 * the Percona operator return it, in a random world, with any key missing) and garbage
 * (any JSON, the wrong kind, or the right kind with nonsense fields) under our keys.
 */
import fc from 'fast-check';
import { isRestoreKey, RESOURCE_KEYS, type ResourceKey } from '../../../src/resources.js';
import type { BackupFixture } from '../../fixtures/backups.js';
import { observeDesired, type World } from '../../fixtures/observed.js';
import type { Json, JsonObject } from '../../fixtures/xr.js';
import type { Observed } from './checks.js';
import { secretValue, someOf } from './name-arbitraries.js';

const perconaState = fc.oneof(
  { weight: 3, arbitrary: fc.constant('ready' as const) },
  fc.constantFrom('initializing' as const, 'paused' as const, '' as const),
);
const backupState = fc.constantFrom('none' as const, 'pending' as const, 'ready' as const);

/** Where a PerconaPGRestore got to, as its status says. */
export const restoreProgress = fc.constantFrom(
  '' as const,
  'Starting' as const,
  'Running' as const,
  'Succeeded' as const,
  'Failed' as const,
);
/** Where a PerconaPGUpgrade got to. */
export const upgradeProgress = fc.constantFrom(
  'new' as const,
  'running' as const,
  'succeeded' as const,
  'failed' as const,
);

/** Backups Percona may have made so far: some succeeded (one restorable until 09:00), one failed. */
export const SOME_BACKUPS: readonly BackupFixture[] = [
  {
    suffix: 'aaaaa',
    type: 'full',
    state: 'Succeeded',
    created: '2026-11-20T02:00:00Z',
    completed: '2026-11-20T02:04:00Z',
  },
  {
    suffix: 'bbbbb',
    type: 'incr',
    state: 'Succeeded',
    created: '2026-11-20T03:00:00Z',
    completed: '2026-11-20T03:01:00Z',
    latestRestorableTime: '2026-11-20 09:00:00.000000+0000',
  },
  { suffix: 'ccccc', type: 'incr', state: 'Failed', created: '2026-11-20T04:00:00Z' },
];

/** How far the cluster got; a stale Percona status (observedGeneration behind) now and then. */
export const world: fc.Arbitrary<World> = fc.record(
  {
    percona: fc.oneof(
      { weight: 3, arbitrary: fc.record({ state: perconaState, backup: backupState }) },
      fc.record({
        state: perconaState,
        backup: backupState,
        generation: fc.integer({ min: 1, max: 3 }),
        observedGeneration: fc.integer({ min: 1, max: 3 }),
      }),
    ),
    deployment: fc.constantFrom('progressing' as const, 'available' as const),
    job: fc.constantFrom('running' as const, 'complete' as const, 'failed' as const),
    deploymentGeneration: fc.integer({ min: 1, max: 3 }),
    volumes: fc.constantFrom('Bound' as const, 'Pending' as const),
    addresses: fc.boolean(),
    // Where the restores and the upgrade of the last response got to (api.md §8).
    restore: restoreProgress,
    upgrade: upgradeProgress,
    clusterBehind: fc.boolean(),
  },
  { requiredKeys: ['percona'] },
);

/** Keys the cluster has lost (deleted by hand, or not created yet); `restore-*` for restores. */
export const missingKeys = fc.subarray([...RESOURCE_KEYS, 'restore-*']);

/** The last response's objects as observed in `world`, without the `missing` keys. */
export function realisticObserved(
  desired: Partial<Record<ResourceKey, JsonObject>>,
  state: World,
  missing: readonly string[],
): Observed {
  const observed = observeDesired(desired, state);
  const lost = (key: string) =>
    missing.includes(key) || (isRestoreKey(key) && missing.includes('restore-*'));
  return Object.fromEntries(Object.entries(observed).filter(([key]) => !lost(key)));
}

const KINDS: readonly (readonly [string, string])[] = [
  ['v1', 'ConfigMap'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['pgv2.percona.com/v2', 'PerconaPGCluster'],
  ['apps/v1', 'Deployment'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['batch/v1', 'Job'],
  ['pgv2.percona.com/v2', 'PerconaPGRestore'],
  ['pgv2.percona.com/v2', 'PerconaPGUpgrade'],
];

/** Any JSON value; fast-check's JsonValue is the same shape, only typed readonly. */
export const junk = (maxDepth: number): fc.Arbitrary<Json> =>
  fc.jsonValue({ maxDepth }).map((value) => value as Json);
const anything = junk(3);

/** Field values an operator bug or a hand edit could leave: wrong types, wrong shapes. */
const oddStatus = someOf({
  state: fc.oneof(fc.constant(42), fc.constant('ready'), anything),
  observedGeneration: fc.oneof(fc.constant('1'), fc.constant(1.5), anything),
  conditions: fc.oneof(
    fc.constant('Available'),
    fc.array(
      fc.oneof(anything, fc.constant<Json>({ status: 'True' }), fc.constant<Json>({ type: 7 })),
    ),
  ),
  phase: fc.oneof(fc.constant('Bound'), anything),
  loadBalancer: fc.oneof(anything, fc.constant<Json>({ ingress: [{}, { ip: 5 }, 'x'] })),
  pgbackrest: fc.oneof(
    anything,
    fc.constant<Json>({ repos: [{ name: 'repo1', stanzaCreated: 'true' }] }),
  ),
  replicas: anything,
  availableReplicas: anything,
}).map((status) => status as JsonObject);

/** Anything but a string: a string in Secret data is always base64 (Go's []byte). */
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(anything));
const base64Secret = secretValue.map((value) => Buffer.from(value).toString('base64'));

/**
 * Secret data that is not a map, or whose values are not strings, or planted secrets under
 * the keys the function reads. Values that are strings but not base64 cannot occur: the API
 * server serialises Secret data from bytes.
 */
const oddData = fc.oneof(
  notString,
  fc.dictionary(
    fc.constantFrom('jwt-secret', 'password', 'username', 's3.conf', 'other'),
    fc.oneof(notString, base64Secret),
  ),
) as fc.Arbitrary<Json>;

/** Garbage an object under `key` could be. */
function garbageFor(key: string): fc.Arbitrary<JsonObject> {
  return fc.oneof(
    fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 5 }),
    fc
      .constantFrom(...KINDS)
      .map(([apiVersion, kind]) => ({ apiVersion, kind, metadata: { name: `not-${key}` } })),
    fc.constantFrom(...KINDS).chain(([apiVersion, kind]) =>
      someOf({
        metadata: anything,
        spec: anything,
        status: fc.oneof(anything, oddStatus),
        data: oddData,
      }).map((fields) => ({ apiVersion, kind, ...fields })),
    ),
  );
}

/** Keys of configure Jobs, one of them maybe the current hash's of some server. */
const jobKeys = ['configure-0123456789', 'configure-abcdefabcd'];

/** Garbage under some keys, on top of (or instead of) a realistic observation. */
export const garbage: fc.Arbitrary<Observed> = fc
  .subarray([...RESOURCE_KEYS, ...jobKeys, 'restore-old'], { minLength: 1 })
  .chain((keys) =>
    fc.tuple(...keys.map((key) => garbageFor(key).map((object) => [key, object] as const))),
  )
  .map((entries) => Object.fromEntries(entries) as Observed);

/** Every string in a JSON value: what a garbage observation could have planted. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}
