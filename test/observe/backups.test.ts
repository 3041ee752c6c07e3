import { describe, expect, it } from 'vitest';
import { readBackups, type BackupHistory } from '../../src/observe/backups.js';
import type { FunctionRequest } from '../../src/wire/types.js';
import { NIGHT, perconaBackup } from '../fixtures/backups.js';
import type { JsonObject } from '../fixtures/xr.js';
import { validatePerconaObject } from '../support/percona-crd.js';

/** A request whose only content is what Crossplane fetched for the `backups` requirement. */
function fetched(backups: readonly unknown[], via: 'required' | 'extra' = 'required') {
  const answer = { backups: backups as JsonObject[] };
  const req: FunctionRequest = {
    tag: '',
    observedComposite: undefined,
    observedResources: {},
    desiredComposite: undefined,
    passThrough: [],
    input: undefined,
    context: undefined,
    requiredResources: via === 'required' ? answer : {},
    extraResources: via === 'extra' ? answer : {},
  };
  return readBackups(req, 'demo-postgres');
}

const NONE: BackupHistory = {
  lastSuccessful: undefined,
  lastFailed: undefined,
  latestRestorableTime: undefined,
  newestFailed: false,
};

const SUCCESSFUL_INCR = {
  name: 'demo-postgres-repo1-incr-q9t4w',
  completedAt: '2026-11-20T03:00:52Z',
  type: 'incr',
};
const FAILED_INCR = { name: 'demo-postgres-repo1-incr-b3x8z', at: '2026-11-20T04:00:00Z' };

describe('readBackups', () => {
  it('the fixtures are PerconaPGBackups the 2.8.2 CRD accepts', () => {
    for (const backup of Object.values(NIGHT)) {
      expect(validatePerconaObject('PerconaPGBackup', backup)).toEqual([]);
    }
  });

  const cases: { reason: string; backups: unknown[]; want: BackupHistory }[] = [
    { reason: 'no backups yet', backups: [], want: NONE },
    {
      reason: 'the newest success by completion, with its restorable time in RFC 3339',
      backups: [NIGHT.incr, NIGHT.full],
      want: {
        lastSuccessful: SUCCESSFUL_INCR,
        lastFailed: undefined,
        latestRestorableTime: '2026-11-20T08:59:12.654321Z',
        newestFailed: false,
      },
    },
    {
      reason: 'a failure after the last success: the newest finished backup failed',
      backups: [NIGHT.full, NIGHT.failed, NIGHT.incr],
      want: {
        lastSuccessful: SUCCESSFUL_INCR,
        lastFailed: FAILED_INCR,
        latestRestorableTime: '2026-11-20T08:59:12.654321Z',
        newestFailed: true,
      },
    },
    {
      reason: 'a backup running after the failure does not decide: the failure stands',
      backups: [NIGHT.running, NIGHT.failed, NIGHT.incr],
      want: {
        lastSuccessful: SUCCESSFUL_INCR,
        lastFailed: FAILED_INCR,
        latestRestorableTime: '2026-11-20T08:59:12.654321Z',
        newestFailed: true,
      },
    },
    {
      reason: 'a success after the failure clears it; the failure is still reported',
      backups: [
        NIGHT.failed,
        perconaBackup({
          suffix: 'n5v1d',
          type: 'full',
          state: 'Succeeded',
          created: '2026-11-21T02:00:00Z',
          completed: '2026-11-21T02:03:10Z',
        }),
      ],
      want: {
        lastSuccessful: {
          name: 'demo-postgres-repo1-full-n5v1d',
          completedAt: '2026-11-21T02:03:10Z',
          type: 'full',
        },
        lastFailed: FAILED_INCR,
        latestRestorableTime: undefined,
        newestFailed: false,
      },
    },
    {
      reason: 'created in the same second (full and incremental at 02:00): the failure wins',
      backups: [
        perconaBackup({
          suffix: 'a1a1a',
          type: 'full',
          state: 'Failed',
          created: '2026-11-20T02:00:00Z',
        }),
        perconaBackup({
          suffix: 'c2c2c',
          type: 'incr',
          state: 'Succeeded',
          created: '2026-11-20T02:00:00Z',
          completed: '2026-11-20T02:06:00Z',
        }),
      ],
      want: {
        lastSuccessful: {
          name: 'demo-postgres-repo1-incr-c2c2c',
          completedAt: '2026-11-20T02:06:00Z',
          type: 'incr',
        },
        lastFailed: { name: 'demo-postgres-repo1-full-a1a1a', at: '2026-11-20T02:00:00Z' },
        latestRestorableTime: undefined,
        newestFailed: true,
      },
    },
    {
      reason: "another cluster's backup carrying the label by hand is not ours",
      backups: [{ ...NIGHT.failed, spec: { pgCluster: 'other-postgres', repoName: 'repo1' } }],
      want: NONE,
    },
    {
      reason: 'garbage reads as absent: no status, a wrong kind, no name',
      backups: [
        perconaBackup({
          suffix: 'e1e1e',
          type: 'full',
          state: '',
          created: '2026-11-20T02:00:00Z',
        }),
        { ...NIGHT.failed, kind: 'PerconaPGRestore' },
        { ...NIGHT.failed, metadata: { labels: {} } },
        'not an object',
      ],
      want: NONE,
    },
    {
      reason: 'without backupType, the type of the options it was created with',
      backups: [
        {
          ...NIGHT.full,
          status: {
            state: 'Succeeded',
            completed: '2026-11-20T02:04:31Z',
            latestRestorableTime: 7,
          },
        },
      ],
      want: {
        lastSuccessful: {
          name: 'demo-postgres-repo1-full-k7m2p',
          completedAt: '2026-11-20T02:04:31Z',
          type: 'full',
        },
        lastFailed: undefined,
        latestRestorableTime: undefined,
        newestFailed: false,
      },
    },
  ];
  it.each(cases)('$reason', ({ backups, want }) => {
    expect(fetched(backups)).toEqual(want);
  });

  it('reads the deprecated extra_resources as well (older Crossplane, render)', () => {
    expect(fetched([NIGHT.failed], 'extra')).toEqual({
      ...NONE,
      lastFailed: FAILED_INCR,
      newestFailed: true,
    });
  });
});
