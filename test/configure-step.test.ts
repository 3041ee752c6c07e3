/**
 * The configure step, reconcile by reconcile (api.md §7): whole responses while the server
 * is not available, once it is (the Job appears), while the Job runs, once it completed and
 * once it failed. Resource bodies come from the reviewed golden files (test/compose).
 */
import { describe, expect, it } from 'vitest';
import { callFunction } from './support/call.js';
import { configurePod, type JobWorld } from './fixtures/observed-job.js';
import { observeDesired, type ObservedObjects, type World } from './fixtures/observed.js';
import { xr, type JsonObject } from './fixtures/xr.js';
import {
  applied,
  applying,
  AVAILABLE,
  condition,
  expectedResponse,
  golden,
  keysWith,
  MINIMAL_KEYS,
  status,
  without,
} from './support/expected.js';
import { desiredObjects, request, responseJson, TEST_SECRET_KEY } from './support/request.js';

const HASH = '0844943269';
const JOB_KEY = `configure-${HASH}`;
const JOB = `demo-configure-${HASH}`;
const KEYS = keysWith(MINIMAL_KEYS, JOB_KEY);
const NEW_JOB = golden('configure-job', KEYS);
const KEPT_JOB = golden('configure-job-kept', KEYS);
const { [JOB_KEY]: _job, ...WITHOUT_JOB } = NEW_JOB;

const DEPLOYMENT_AVAILABLE: World = { deployment: 'available' };

/** The minimal XR reconciled once per world, each call observing what the last desired. */
function reconciled(worlds: readonly World[], pods: readonly JsonObject[] = []) {
  let observed: ObservedObjects = {};
  let rsp = callFunction(request({ xr: xr() }), { secretKey: TEST_SECRET_KEY });
  for (const world of worlds) {
    observed = observeDesired(desiredObjects(rsp), world);
    const required = { 'configure-pods': pods };
    rsp = callFunction(request({ xr: xr(), observed, required }), { secretKey: TEST_SECRET_KEY });
  }
  return { rsp, observed };
}

/** The Deployment observed available, then its configure Job observed `job`. */
const withJob = (job: JobWorld, pods: readonly JsonObject[] = []) =>
  reconciled([DEPLOYMENT_AVAILABLE, { ...DEPLOYMENT_AVAILABLE, job }], pods);

const ALL_BUT = (...keys: string[]) => without(KEYS, ...keys);

const SERVING = {
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  endpoints: { nfs: '203.0.113.2:12049' },
  shares: [{ name: 'export', nfs: '203.0.113.2:12049:/export', smb: '' }],
  configuration: { applied: false, hash: HASH },
};

const SQLITE = condition(
  'DatabaseReady',
  'True',
  'SQLite',
  'The control plane uses its embedded SQLite database',
);
const NO_BACKUP = condition('BackupReady', 'False', 'BackupDisabled', 'Backups are not enabled');
const configured = (status: 'True' | 'False', reason: string, message: string) =>
  condition('Configured', status, reason, message);

describe('the configure step', () => {
  it('Deployment not available: no Job, Configured Waiting, phase Pending', () => {
    const { rsp } = reconciled([{ deployment: 'progressing' }]);
    expect(responseJson(rsp)).toEqual(
      expectedResponse({
        resources: WITHOUT_JOB,
        ready: ALL_BUT('deployment', JOB_KEY),
        status: status({
          ...SERVING,
          readyReplicas: 0,
          availableReplicas: 0,
        }),
        conditions: [
          SQLITE,
          NO_BACKUP,
          condition(
            'Available',
            'False',
            'Unavailable',
            'Deployment demo has 0 of 1 replicas available',
          ),
          configured(
            'False',
            'Waiting',
            'Deployment demo is not available yet; the server is configured once it is',
          ),
        ],
      }),
    );
  });

  it('Deployment available: the Job of the current hash appears, not ready yet', () => {
    const { rsp } = reconciled([DEPLOYMENT_AVAILABLE]);
    expect(responseJson(rsp)).toEqual(
      expectedResponse({
        resources: NEW_JOB,
        ready: ALL_BUT(JOB_KEY),
        status: status(SERVING),
        conditions: [SQLITE, NO_BACKUP, AVAILABLE, applying(JOB)],
      }),
    );
  });

  it('Job running: kept as observed, Configured Applying', () => {
    const { rsp } = withJob('running');
    expect(responseJson(rsp)).toEqual(
      expectedResponse({
        resources: KEPT_JOB,
        ready: ALL_BUT(JOB_KEY),
        status: status(SERVING),
        conditions: [
          SQLITE,
          NO_BACKUP,
          AVAILABLE,
          configured('False', 'Applying', `Job ${JOB} is configuring the server`),
        ],
      }),
    );
  });

  it('Job complete: Configured Applied, phase Running, every resource ready', () => {
    const { rsp } = withJob('complete');
    expect(responseJson(rsp)).toEqual(
      expectedResponse({
        resources: KEPT_JOB,
        ready: KEYS,
        status: status({
          ...SERVING,
          phase: 'Running',
          configuration: { applied: true, hash: HASH },
        }),
        conditions: [SQLITE, NO_BACKUP, AVAILABLE, applied(JOB)],
      }),
    );
  });

  it("Job failed: Configured Failed with the program's message from the newest pod", () => {
    const job = withJob('failed').observed[JOB_KEY];
    if (!job) throw new Error('no configure Job observed');
    const refused =
      'admin login refused (401 Unauthorized: Invalid username or password): DittoFS does not accept the password of admin from Secret demo-admin-bootstrap-credentials key password';
    const pods = [
      configurePod(job, 0, {
        exitCode: 1,
        message: 'GET /api/v1/shares: 500',
        finishedAt: '2026-11-20T09:01:05Z',
      }),
      configurePod(job, 2, {
        exitCode: 1,
        message: `${refused}\n`,
        finishedAt: '2026-11-20T09:01:50Z',
      }),
      configurePod(job, 1, {
        exitCode: 1,
        message: 'connection refused',
        finishedAt: '2026-11-20T09:01:30Z',
        in: 'lastState',
      }),
    ];
    const { rsp } = withJob('failed', pods);
    expect(responseJson(rsp)).toEqual(
      expectedResponse({
        resources: KEPT_JOB,
        ready: ALL_BUT(JOB_KEY),
        status: status(SERVING),
        conditions: [SQLITE, NO_BACKUP, AVAILABLE, configured('False', 'Failed', refused)],
      }),
    );
  });

  it("Job failed and no pod says why: the Job's own reason", () => {
    const { rsp } = withJob('failed');
    expect(rsp.conditions).toEqual([
      SQLITE,
      NO_BACKUP,
      AVAILABLE,
      configured(
        'False',
        'Failed',
        `Job ${JOB} failed: BackoffLimitExceeded: Job has reached the specified backoff limit`,
      ),
    ]);
  });

  it('an attempt failed while the Job retries: still Applying, saying what failed', () => {
    const job = withJob('running').observed[JOB_KEY];
    if (!job) throw new Error('no configure Job observed');
    const pods = [configurePod(job, 0, { exitCode: 1, message: 'GET /api/v1/shares: 503' })];
    const { rsp } = withJob('running', pods);
    expect(rsp.conditions).toEqual([
      SQLITE,
      NO_BACKUP,
      AVAILABLE,
      configured(
        'False',
        'Applying',
        `Job ${JOB} is configuring the server; an attempt failed: GET /api/v1/shares: 503`,
      ),
    ]);
  });
});
