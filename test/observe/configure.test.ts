/**
 * Reading the configure step from observed state: a Job's readiness and state, and the
 * program's one-line reason from the Job's pods (api.md §7).
 */
import { describe, expect, it } from 'vitest';
import { failureMessage, jobFailure, observedJobs } from '../../src/observe/configure.js';
import type { Fields } from '../../src/observe/fields.js';
import { jobReady } from '../../src/observe/readiness.js';
import { configurePod, observedJob } from '../fixtures/observed-job.js';
import type { JsonObject } from '../fixtures/xr.js';

const DESIRED: JsonObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'demo-configure-0123456789',
    namespace: 'team-a',
    labels: { 'app.kubernetes.io/instance': 'demo' },
  },
  spec: {
    backoffLimit: 2,
    template: {
      metadata: { labels: { 'app.kubernetes.io/instance': 'demo' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'configure', image: 'fn:v1' }] },
    },
  },
};
const KEY = 'configure-0123456789';
const job = (state: 'running' | 'complete' | 'failed') => observedJob(DESIRED, KEY, state);

describe('jobReady', () => {
  it.each([
    ['running', job('running'), false],
    ['complete', job('complete'), true],
    ['failed', job('failed'), false],
    ['succeeded counted before the condition is written', { status: { succeeded: 1 } }, true],
    ['Complete=False', { status: { conditions: [{ type: 'Complete', status: 'False' }] } }, false],
    ['succeeded as a string', { status: { succeeded: '1' } }, false],
    ['no status', {}, false],
  ] as const)('%s', (_what, object: Fields, want) => {
    expect(jobReady(object)).toBe(want);
  });
});

describe('observedJobs', () => {
  it('reads Jobs under configure keys only, in key order, with their state', () => {
    const other = observedJob(
      {
        ...DESIRED,
        metadata: { ...(DESIRED.metadata as JsonObject), name: 'demo-configure-00000000aa' },
      },
      'configure-00000000aa',
      'failed',
    );
    const jobs = observedJobs({
      [KEY]: job('complete'),
      'configure-00000000aa': other,
      'configure-spec': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      'configure-ABCDEF0123': job('running'),
      'configure-0000000001': { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'y' } },
    });
    expect(jobs.map(({ key, name, state }) => ({ key, name, state }))).toEqual([
      { key: 'configure-00000000aa', name: 'demo-configure-00000000aa', state: 'failed' },
      { key: KEY, name: 'demo-configure-0123456789', state: 'complete' },
    ]);
  });
});

describe('failureMessage', () => {
  const failed = job('failed');
  const pod = (attempt: number, end: Parameters<typeof configurePod>[2]) =>
    configurePod(failed, attempt, end);

  it('the message of the pod that ended last, first line only', () => {
    const pods = [
      pod(0, { exitCode: 1, message: 'first', finishedAt: '2026-11-20T09:01:00Z' }),
      pod(1, { exitCode: 1, message: 'last\nstack', finishedAt: '2026-11-20T09:03:00Z' }),
      pod(2, { exitCode: 1, message: 'middle', finishedAt: '2026-11-20T09:02:00Z' }),
    ];
    expect(failureMessage(pods, 'demo-configure-0123456789')).toBe('last');
  });

  it('a restarted container: its last state; a clean exit and an empty message say nothing', () => {
    const pods = [
      pod(0, { exitCode: 1, message: 'from the last state', in: 'lastState' }),
      pod(1, { exitCode: 0, message: 'done: 3 changes', finishedAt: '2026-11-20T09:09:00Z' }),
      pod(2, { exitCode: 1, message: '   ', finishedAt: '2026-11-20T09:09:00Z' }),
    ];
    expect(failureMessage(pods, 'demo-configure-0123456789')).toBe('from the last state');
  });

  it("another Job's pods are not read; none at all says nothing", () => {
    const other = pod(0, { exitCode: 1, message: 'not mine' });
    const labels = ((other.metadata as JsonObject).labels ?? {}) as JsonObject;
    const elsewhere = {
      ...other,
      metadata: {
        ...(other.metadata as JsonObject),
        labels: { ...labels, 'batch.kubernetes.io/job-name': 'x', 'job-name': 'x' },
      },
    };
    expect(failureMessage([elsewhere], 'demo-configure-0123456789')).toBeUndefined();
    expect(failureMessage([], 'demo-configure-0123456789')).toBeUndefined();
  });

  it('a message longer than 400 characters is cut', () => {
    const long = 'x'.repeat(500);
    expect(
      failureMessage([pod(0, { exitCode: 1, message: long })], 'demo-configure-0123456789'),
    ).toBe(`${'x'.repeat(400)}…`);
  });

  it("the Job's own reason when no pod says more", () => {
    expect(jobFailure(failed)).toBe(
      'BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
    expect(jobFailure({ status: { conditions: [{ type: 'Failed', status: 'True' }] } })).toBe('');
  });
});
