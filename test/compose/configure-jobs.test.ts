/**
 * The configure Job's hash and the rules about which configure Jobs are composed
 * (api.md §7): a Job for the current hash only while the server is available, every
 * observed one kept as observed otherwise, and one dropped only beside its successor.
 */
import { createHash } from 'node:crypto';
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { isConfigureJobKey } from '../../src/resources.js';
import { configureHash } from '../../src/safety/configure-jobs.js';
import { observeDesired, type ObservedObjects, type World } from '../fixtures/observed.js';
import { xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';

const run = (spec: Overrides, observed: ObservedObjects = {}) =>
  callFunction(request({ xr: xr(spec), observed }), { secretKey: TEST_SECRET_KEY });

/** What the cluster holds after `worlds`, each reconcile observing the one before. */
function cluster(spec: Overrides, worlds: readonly World[]): ObservedObjects {
  let observed: ObservedObjects = {};
  for (const world of worlds) observed = observeDesired(desiredObjects(run(spec, observed)), world);
  return observed;
}

const jobKeys = (rsp: RunFunctionResponse) =>
  Object.keys(rsp.desired?.resources ?? {}).filter(isConfigureJobKey);

const AVAILABLE: World = { deployment: 'available' };

describe('configureHash', () => {
  const server = { uid: '4f6d1c2e-0000-4000-8000-000000000001', generation: 3 };
  it('is 10 hex characters of SHA-256 over desired.json, uid and generation, NUL-separated', () => {
    const json = '{"shares":[]}\n';
    const sha = createHash('sha256').update(`${json}\0${server.uid}\0${server.generation}`);
    expect(configureHash(json, server)).toBe(sha.digest('hex').slice(0, 10));
  });

  it('changes with desired.json, the uid and the generation, and with nothing else', () => {
    const hashes = [
      configureHash('{}\n', server),
      configureHash('{ }\n', server),
      configureHash('{}\n', { ...server, uid: '4f6d1c2e-0000-4000-8000-000000000002' }),
      configureHash('{}\n', { ...server, generation: 4 }),
    ];
    expect(new Set(hashes).size).toBe(4);
    expect(configureHash('{}\n', { ...server })).toBe(hashes[0]);
  });
});

describe('the hash through the function', () => {
  /** The Job the function composes for `spec` when the Deployment is observed as `deployment`. */
  function jobName(spec: Overrides, deployment: (observed: JsonObject) => JsonObject): string {
    const observed = cluster({}, [AVAILABLE]);
    const changed = { ...observed, deployment: deployment(observed.deployment as JsonObject) };
    const [key] = jobKeys(run(spec, changed));
    return key ?? 'none';
  }
  type Change = readonly [string, Overrides, (deployment: JsonObject) => JsonObject];
  const same = (deployment: JsonObject) => deployment;
  const meta = (deployment: JsonObject, fields: JsonObject) => ({
    ...deployment,
    metadata: { ...(deployment.metadata as JsonObject), ...fields },
  });
  const base = jobName({}, same);

  const changes: readonly Change[] = [
    ['another share', { shares: [{ name: 'export' }, { name: 'scratch' }] }, same],
    ['SMB turned on', { adapters: { smb: { enabled: true } } }, same],
    [
      'a re-created Deployment (new uid)',
      {},
      (d: JsonObject) => meta(d, { uid: 'b0b0b0b0-0000-4000-8000-000000000009' }),
    ],
    [
      'a rolled Deployment (new generation, observed)',
      {},
      (d: JsonObject) => meta(d, { generation: 2 }),
    ],
  ];
  it.each(changes)('a new hash for %s', (_what, spec, deployment) => {
    // Observed at its latest generation, so the Deployment stays available.
    const name = jobName(spec, (d) => {
      const changed = deployment(d);
      const generation = (changed.metadata as JsonObject).generation ?? 1;
      return {
        ...changed,
        status: { ...(d.status as JsonObject), observedGeneration: generation },
      };
    });
    expect([name === base, /^configure-[0-9a-f]{10}$/.test(name)]).toEqual([false, true]);
  });

  const others: readonly Change[] = [
    ['the log level (not in desired.json)', { logging: { level: 'DEBUG' } }, same],
    ['the API Service type', { service: { type: 'NodePort' } }, same],
    ['metrics on', { metrics: { enabled: true } }, same],
    ['the NetworkPolicy off', { networkPolicy: { enabled: false } }, same],
    [
      'another resourceVersion and labels on the Deployment',
      {},
      (d: JsonObject) => meta(d, { resourceVersion: '9999', labels: { extra: 'yes' } }),
    ],
  ];
  it.each(others)('the same hash for %s', (_what, spec, deployment) => {
    expect(jobName(spec, deployment)).toBe(base);
  });
});

describe('which configure Jobs are composed', () => {
  const configured = cluster({}, [AVAILABLE, { ...AVAILABLE, job: 'complete' }]);
  const current = Object.keys(configured).find(isConfigureJobKey) ?? 'configure-0000000000';

  it('a server not observed yet: no Job', () => {
    expect(jobKeys(run({}))).toEqual([]);
  });

  it('a rollout in progress: the observed Job kept exactly, none added', () => {
    const rolling = cluster({}, [
      AVAILABLE,
      { ...AVAILABLE, job: 'complete' },
      { deployment: 'progressing', deploymentGeneration: 2, job: 'complete' },
    ]);
    const rsp = run({}, rolling);
    expect(jobKeys(rsp)).toEqual([current]);
    expect(desiredObjects(rsp)[current]).toEqual(desiredObjects(run({}, configured))[current]);
  });

  it('stopped (replicas 0): the observed Job kept, none added', () => {
    expect(jobKeys(run({ replicas: 0 }, configured))).toEqual([current]);
  });

  it('a new configuration while available: the successor composed and the old Job dropped', () => {
    const rsp = run({ shares: [{ name: 'export' }, { name: 'scratch' }] }, configured);
    const [successor = ''] = jobKeys(rsp);
    expect([jobKeys(rsp).length, successor === current]).toEqual([1, false]);
    expect((desiredObjects(rsp)[successor]?.metadata as JsonObject).name).toBe(`demo-${successor}`);
  });

  it('a new configuration while unavailable: the old Job kept, no successor yet', () => {
    const unavailable = {
      ...configured,
      deployment: observeDesired(desiredObjects(run({}, configured)), { deployment: 'progressing' })
        .deployment as JsonObject,
    };
    expect(
      jobKeys(run({ shares: [{ name: 'export' }, { name: 'scratch' }] }, unavailable)),
    ).toEqual([current]);
  });

  it('several observed Jobs while unavailable: all kept; once available only the current one', () => {
    const old = 'configure-00000000aa';
    const stale = {
      ...(configured[current] as JsonObject),
      metadata: { ...(configured[current]?.metadata as JsonObject), name: `demo-${old}` },
    };
    const both: ObservedObjects = { ...configured, [old]: stale };
    const down = {
      ...both,
      deployment: observeDesired(desiredObjects(run({}, configured)), { deployment: 'progressing' })
        .deployment as JsonObject,
    };
    expect(jobKeys(run({}, down))).toEqual([old, current]);
    expect(jobKeys(run({}, both))).toEqual([current]);
  });

  it('a Deployment under a configure key is set aside and reported, never kept', () => {
    const intruder = { ...configured, 'configure-00000000bb': configured.deployment as JsonObject };
    const rsp = run({}, intruder);
    expect(jobKeys(rsp)).toEqual([current]);
    expect(rsp.results.map(({ reason, message }) => ({ reason, message }))).toEqual([
      {
        reason: 'UnexpectedObservedKind',
        message:
          'the observed resource configure-00000000bb is apps/v1 Deployment, not batch/v1 Job; it is ignored: delete it so the function can compose its own',
      },
    ]);
  });
});
