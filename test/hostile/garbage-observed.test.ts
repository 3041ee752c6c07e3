/**
 * Garbage in the observed composed resources of a healthy server (a broken operator, a hand
 * edit, another function's object under our key): the function does not throw, and reports
 * exactly what it can tell. Each case breaks one thing and states the whole outcome:
 * conditions, results, and which composed resources are ready.
 */
import type { Condition, Result } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import type { DittoServerStatus } from '../../src/api/status.js';
import {
  AVAILABLE,
  BACKUP_READY,
  backupNotReady,
  condition,
  DATABASE_READY,
  databaseNotReady,
  warning,
} from '../support/expected.js';
import { waiting } from '../support/lifecycle-story.js';
import { readiness, TEST_SECRET_KEY } from '../support/request.js';
import type { Observed } from './support/checks.js';
import {
  CONFIGURED,
  breaking,
  HEALTHY,
  HEALTHY_RESPONSE,
  healthyReadiness,
  healthyRequest,
} from './support/healthy.js';

const unavailable = (why: string) =>
  condition('Available', 'False', 'Unavailable', `Deployment demo ${why}`);
const unexpected = (key: string, found: string, expected: string) =>
  warning(
    'UnexpectedObservedKind',
    `the observed resource ${key} is ${found}, not ${expected}; it is ignored: delete it so the function can compose its own`,
  );

type Case = {
  readonly reason: string;
  readonly observed: Observed;
  readonly conditions: readonly Condition[];
  readonly results?: readonly Result[];
  /** Composed resources that are not ready; every other one is. */
  readonly notReady?: readonly string[];
  /** The whole XR status, when the case is about it. */
  readonly status?: DittoServerStatus;
};

const HEALTHY_STATUS = HEALTHY_RESPONSE.desired?.composite?.resource?.status as DittoServerStatus;

const status = (change: unknown) => (object: Record<string, unknown>) => ({
  ...object,
  status: change,
});
const deploymentStatus =
  (change: Record<string, unknown>) => (object: Record<string, unknown>) => ({
    ...object,
    status: { ...(object.status as object), ...change },
  });

const cases: Case[] = [
  {
    reason: 'status.state is a number: the state reads as not reported',
    observed: breaking('postgres', (cluster) => ({
      ...cluster,
      status: { ...(cluster.status as object), state: 42 },
    })),
    conditions: [
      databaseNotReady('has not reported a state yet'),
      BACKUP_READY,
      AVAILABLE,
      CONFIGURED,
    ],
    notReady: ['postgres'],
  },
  ...(
    [
      ['missing', undefined],
      ['null', null],
      ['a list', ['ready']],
      ['a string', 'ready'],
    ] as const
  ).map(([what, value]) => ({
    reason: `the PerconaPGCluster status is ${what}: nothing is reported yet`,
    observed: breaking('postgres', status(value)),
    conditions: [
      databaseNotReady('has not reported a state yet'),
      backupNotReady(': ReadyForBackup is not reported yet'),
      AVAILABLE,
      CONFIGURED,
    ],
    notReady: ['postgres' as const],
  })),
  ...(
    [
      ['not a list', 'ReadyForBackup'],
      ['entries that are not objects', [5, null, 'ReadyForBackup']],
      ['an entry without a type', [{ status: 'True', reason: 'AllConditionsAreTrue' }]],
    ] as const
  ).map(([what, conditions]) => ({
    reason: `conditions ${what}: ReadyForBackup reads as not reported`,
    observed: breaking('postgres', (cluster) => ({
      ...cluster,
      status: { ...(cluster.status as object), conditions },
    })),
    conditions: [
      DATABASE_READY,
      backupNotReady(': ReadyForBackup is not reported yet'),
      AVAILABLE,
      CONFIGURED,
    ],
  })),
  {
    reason: 'ReadyForBackup without a status reads as Unknown',
    observed: breaking('postgres', (cluster) => ({
      ...cluster,
      status: { ...(cluster.status as object), conditions: [{ type: 'ReadyForBackup' }] },
    })),
    conditions: [
      DATABASE_READY,
      backupNotReady(': ReadyForBackup is Unknown'),
      AVAILABLE,
      CONFIGURED,
    ],
  },
  {
    reason: 'stanzaCreated as the string "true" is not true',
    observed: breaking('postgres', (cluster) => ({
      ...cluster,
      status: {
        ...(cluster.status as object),
        pgbackrest: { repos: [{ name: 'repo1', stanzaCreated: 'true' }] },
      },
    })),
    conditions: [
      DATABASE_READY,
      condition(
        'BackupReady',
        'False',
        'StanzaNotCreated',
        'The pgBackRest stanza of repo1 has not been created yet',
      ),
      AVAILABLE,
      CONFIGURED,
    ],
  },
  {
    reason: 'a generation that is not a number makes any observedGeneration stale',
    observed: breaking('postgres', (cluster) => ({
      ...cluster,
      metadata: { ...(cluster.metadata as object), generation: 'x' },
    })),
    conditions: [
      databaseNotReady('has not reported on its latest spec yet'),
      backupNotReady(' has not reported on its latest spec yet'),
      AVAILABLE,
      CONFIGURED,
    ],
    notReady: ['postgres'],
  },
  {
    reason: 'Deployment conditions that are not a list: available counts, no Available=True',
    observed: breaking('deployment', deploymentStatus({ conditions: 'Available' })),
    conditions: [
      DATABASE_READY,
      BACKUP_READY,
      unavailable('does not report condition Available=True'),
      CONFIGURED,
    ],
    notReady: ['deployment'],
  },
  {
    reason: 'availableReplicas as a string reads as 0',
    observed: breaking('deployment', deploymentStatus({ availableReplicas: '1' })),
    conditions: [
      DATABASE_READY,
      BACKUP_READY,
      unavailable('has 0 of 1 replicas available'),
      CONFIGURED,
    ],
    notReady: ['deployment'],
  },
  {
    reason: 'replica counts out of the int32 range the XRD declares read as 0',
    observed: breaking(
      'deployment',
      deploymentStatus({ replicas: -1, readyReplicas: 2 ** 40, availableReplicas: 1 }),
    ),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    status: { ...HEALTHY_STATUS, replicas: 0, readyReplicas: 0, availableReplicas: 1 },
  },
  {
    reason: 'a Deployment status from an older generation',
    observed: breaking('deployment', (deployment) => ({
      ...deployment,
      metadata: { ...(deployment.metadata as object), generation: 2 },
    })),
    // A new generation is a new hash: its Job waits for the rollout.
    conditions: [
      DATABASE_READY,
      BACKUP_READY,
      unavailable('has not been observed at its latest spec yet'),
      waiting('is not available yet; the server is configured once it is'),
    ],
    notReady: ['deployment'],
  },
  {
    reason: 'no Deployment status at all',
    observed: breaking('deployment', status(undefined)),
    // The Job of this server and configuration completed: it stays applied.
    conditions: [
      DATABASE_READY,
      BACKUP_READY,
      unavailable('has not been observed at its latest spec yet'),
      CONFIGURED,
    ],
    notReady: ['deployment'],
  },
  {
    reason: 'a ConfigMap under the deployment key is set aside; the Deployment is composed anew',
    observed: breaking('deployment', () => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'demo' },
    })),
    conditions: [
      DATABASE_READY,
      BACKUP_READY,
      condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
      waiting('does not exist yet; the server is configured once it is available'),
    ],
    results: [unexpected('deployment', 'v1 ConfigMap', 'apps/v1 Deployment')],
    notReady: ['deployment'],
  },
  {
    reason: 'a Deployment under the postgres key: the cluster reads as not existing',
    observed: breaking('postgres', () => HEALTHY.deployment),
    conditions: [
      databaseNotReady('does not exist yet'),
      backupNotReady(' does not exist yet'),
      AVAILABLE,
      CONFIGURED,
    ],
    results: [unexpected('postgres', 'apps/v1 Deployment', 'pgv2.percona.com/v2 PerconaPGCluster')],
    notReady: ['postgres'],
  },
  {
    reason: 'a Secret under the config key',
    observed: breaking('config', () => HEALTHY['jwt-secret']),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    results: [unexpected('config', 'v1 Secret', 'v1 ConfigMap')],
    notReady: ['config'],
  },
  {
    reason: 'an object without apiVersion and kind under a Service key',
    observed: breaking('api-service', (service) => ({ metadata: service.metadata })),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    results: [unexpected('api-service', 'an object without apiVersion and kind', 'v1 Service')],
    notReady: ['api-service'],
  },
  {
    reason: 'a kind that is not a string',
    observed: breaking('api-service', (service) => ({ ...service, kind: 5 })),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    results: [unexpected('api-service', 'v1 (no kind)', 'v1 Service')],
    notReady: ['api-service'],
  },
  {
    reason: 'LoadBalancer ingress entries without a usable address: not ready yet',
    observed: breaking('nfs-service', status({ loadBalancer: { ingress: [{}, { ip: 5 }, 'x'] } })),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    notReady: ['nfs-service'],
  },
  {
    reason: 'a PVC whose phase is not a string is not bound',
    observed: breaking('pvc-metadata', status({ phase: ['Bound'] })),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
    notReady: ['pvc-metadata'],
  },
  {
    reason: 'a PVC size that is not a quantity is not compared (no shrink warning)',
    observed: breaking('pvc-metadata', (claim) => ({
      ...claim,
      spec: { ...(claim.spec as object), resources: { requests: { storage: 'lots' } } },
    })),
    conditions: [DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED],
  },
];

describe('garbage in the observed composed resources', () => {
  it.each(cases)('$reason', ({ observed, conditions, results = [], notReady = [], status }) => {
    const rsp = callFunction(healthyRequest(observed), { secretKey: TEST_SECRET_KEY });
    if (status) expect(rsp.desired?.composite?.resource?.status).toEqual(status);
    expect(rsp.conditions).toEqual(conditions);
    expect(rsp.results).toEqual(results);
    expect(readiness(rsp)).toEqual(healthyReadiness(notReady));
  });
});
