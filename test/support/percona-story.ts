/**
 * What the Percona lifecycle stories (test/percona-*.test.ts) share: the worlds of a
 * server with backups, its readiness, status and conditions once it serves, and the
 * golden files of their steps. The configure Job's key is written out in each test.
 */
import {
  Ready,
  type Condition,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { NIGHT } from '../fixtures/backups.js';
import type { World } from '../fixtures/observed.js';
import { BACKUP_READY, condition, DATABASE_READY } from './expected.js';
import { backup, SERVING, waiting } from './lifecycle-story.js';
import { responseJson } from './request.js';

/** The nightly full and incremental backups, both succeeded. */
export const BACKUPS = [NIGHT.full, NIGHT.incr];

/** Percona ready, the Deployment available; a configure Job one reconcile old runs. */
export const READY: World = {
  percona: { state: 'ready', backup: 'ready' },
  deployment: 'available',
};
/** READY with every configure Job observed complete: the server is configured. */
export const CONFIGURED: World = { ...READY, job: 'complete' };

/** `status.backup` once BACKUPS are observed. */
export const BACKUP_STATUS = {
  ...backup(true),
  lastSuccessful: {
    name: 'demo-postgres-repo1-incr-q9t4w',
    completedAt: '2026-11-20T03:00:52Z',
    type: 'incr',
  },
  latestRestorableTime: '2026-11-20T08:59:12.654321Z',
};

/** The status of a server serving one replica with BACKUPS; tests add what differs. */
export const SERVING_STATUS = { ...SERVING, backup: BACKUP_STATUS };

const T = Ready.READY_TRUE;

/** Readiness of every fixed key a served server with backups composes: all ready. */
export const SERVED: Readonly<Record<string, Ready>> = {
  config: T,
  'pvc-controlplane': T,
  'pvc-metadata': T,
  'pvc-content': T,
  'jwt-secret': T,
  'admin-secret': T,
  'api-service': T,
  'nfs-service': T,
  postgres: T,
  'backup-secret': T,
  deployment: T,
  'configure-spec': T,
  'network-policy': T,
  connection: T,
};

/** Available and Configured while `object` (a PerconaPGRestore or PerconaPGUpgrade) holds the server. */
export const held = (reason: 'Restoring' | 'Upgrading', object: string) => [
  condition(
    'Available',
    'False',
    reason,
    `Deployment demo is held at 0 replicas while ${object} runs`,
  ),
  waiting(
    `is held at 0 replicas while ${object} runs; the server is configured again once it is back`,
  ),
];

/** The replica counts of a server at 0 replicas. */
export const AT_ZERO = { replicas: 0, readyReplicas: 0, availableReplicas: 0 };

/**
 * The conditions once a hold is over and the server is still at 0 replicas: `database`,
 * backups ready, not yet available, configured once it is.
 */
export const released = (database: Condition = DATABASE_READY): Condition[] => [
  database,
  BACKUP_READY,
  condition('Available', 'False', 'Unavailable', 'Deployment demo is still scaled to 0 replicas'),
  waiting('is not available yet; the server is configured once it is'),
];

/** The whole response against its golden file (the path is the calling test file's, in test/). */
export async function matchesGolden(rsp: RunFunctionResponse, name: string): Promise<void> {
  await expect(stringify(responseJson(rsp), { lineWidth: 0, version: '1.1' })).toMatchFileSnapshot(
    `golden/percona-lifecycle/${name}.yaml`,
  );
}
