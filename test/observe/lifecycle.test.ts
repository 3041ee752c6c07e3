import { describe, expect, it } from 'vitest';
import type { Fields } from '../../src/observe/fields.js';
import { perconaUpgradeReady, upgradeState } from '../../src/observe/lifecycle.js';
import { composedReady } from '../../src/observe/readiness.js';

const upgrade = (...conditions: [string, string, string][]): Fields => ({
  apiVersion: 'pgv2.percona.com/v2',
  kind: 'PerconaPGUpgrade',
  status: {
    conditions: conditions.map(([type, status, reason]) => ({ type, status, reason, message: '' })),
  },
});

describe('upgradeState', () => {
  const cases: { reason: string; object: Fields; want: ReturnType<typeof upgradeState> }[] = [
    {
      reason: 'created, not reported on yet',
      object: { kind: 'PerconaPGUpgrade' },
      want: { state: 'running', failure: '' },
    },
    {
      reason: 'progressing',
      object: upgrade(['Progressing', 'True', 'PGUpgradeProgressing']),
      want: { state: 'running', failure: '' },
    },
    {
      reason: 'waiting for Percona to pause the cluster (it does so itself)',
      object: upgrade(['Progressing', 'False', 'PGClusterNotShutdown']),
      want: { state: 'running', failure: '' },
    },
    {
      reason: 'the jobs done, the version switched: not yet Succeeded',
      object: upgrade(['Progressing', 'False', 'PGUpgradeCompleted']),
      want: { state: 'running', failure: '' },
    },
    {
      reason: 'succeeded',
      object: upgrade(
        ['Progressing', 'False', 'PGUpgradeCompleted'],
        ['Succeeded', 'True', 'PGUpgradeSucceeded'],
      ),
      want: { state: 'succeeded', failure: '' },
    },
    {
      reason: 'resolved: the cluster already ran the target version',
      object: upgrade(['Progressing', 'False', 'PGUpgradeResolved']),
      want: { state: 'succeeded', failure: '' },
    },
    {
      reason: 'the upgrade jobs failed',
      object: upgrade(
        ['Progressing', 'True', 'PGUpgradeProgressing'],
        ['Succeeded', 'False', 'PGUpgradeFailed'],
      ),
      want: { state: 'failed', failure: 'PGUpgradeFailed' },
    },
    {
      reason: 'invalid for the cluster (another version than its from)',
      object: upgrade(['Progressing', 'False', 'PGUpgradeInvalidForCluster']),
      want: { state: 'failed', failure: 'PGUpgradeInvalidForCluster' },
    },
    {
      reason: 'garbage conditions read as absent',
      object: { status: { conditions: 'Succeeded' } },
      want: { state: 'running', failure: '' },
    },
  ];
  it.each(cases)('$reason', ({ object, want }) => {
    expect(upgradeState(object)).toEqual(want);
    expect(perconaUpgradeReady(object)).toBe(want.state === 'succeeded');
    expect(composedReady('upgrade', { upgrade: object }, false)).toBe(want.state === 'succeeded');
  });
});
