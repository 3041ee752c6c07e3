/**
 * A DittoServer's life, played through the function one reconcile at a time: each step
 * observes what the previous response desired, as the API server and the Percona 2.8.2
 * operator would return it. Every step asserts the whole response: readiness of every
 * resource, the full status, the conditions and the results written out here, and the
 * complete response as a reviewed golden file.
 */
import { Ready, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { callFunction } from './support/call.js';
import { observeDesired, type World } from './fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject, type Overrides } from './fixtures/xr.js';
import { condition, status, warning } from './support/expected.js';
import {
  credentialsSecret,
  desiredObjects,
  readiness,
  request,
  responseJson,
  TEST_SECRET_KEY,
} from './support/request.js';

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };
const T = Ready.READY_TRUE;
const F = Ready.READY_FALSE;

type Reconcile = { spec?: Overrides; world?: World; credentials?: JsonObject[] };

const SCALED = { percona: { enabled: true, replicas: 2, backup: BACKUP_SPEC } };
const STOPPED = { replicas: 0, ...SCALED };
const READY = { state: 'ready', backup: 'ready' } as const;
const READY_AGAIN = { state: 'ready', generation: 2, backup: 'ready' } as const;

/**
 * The story, one reconcile per entry: each observes what the one before desired, in the
 * world it names. Entries the tests below do not look at set the scene for the next one.
 */
const STORY = [
  ['1-nothing-observed', {}],
  [
    '2-percona-initializing',
    {
      world: {
        percona: { state: 'initializing', backup: 'pending' },
        volumes: 'Pending',
        addresses: false,
      },
    },
  ],
  ['3-percona-ready', { world: { percona: READY, volumes: 'Pending', addresses: true } }],
  ['4-deployment-progressing', { world: { percona: READY, deployment: 'progressing' } }],
  ['5-available', { world: { percona: READY, deployment: 'available' } }],
  [
    'spec changed: two PostgreSQL instances',
    { spec: SCALED, world: { percona: READY, deployment: 'available' } },
  ],
  [
    '6-percona-reinitializing',
    {
      spec: SCALED,
      world: {
        percona: { state: 'initializing', generation: 2, backup: 'ready' },
        deployment: 'available',
      },
    },
  ],
  [
    'spec changed: stopped',
    { spec: STOPPED, world: { percona: READY_AGAIN, deployment: 'available' } },
  ],
  [
    '7-stopped',
    {
      spec: STOPPED,
      world: { percona: READY_AGAIN, deployment: 'available', deploymentGeneration: 2 },
    },
  ],
  [
    '8-credentials-deleted',
    {
      spec: STOPPED,
      credentials: [],
      world: { percona: READY_AGAIN, deployment: 'available', deploymentGeneration: 2 },
    },
  ],
] as const satisfies readonly (readonly [string, Reconcile])[];

type Step = (typeof STORY)[number][0];

/** The response at `step`, played from the start: every test stands on its own. */
function responseAt(step: Step): RunFunctionResponse {
  const story: readonly (readonly [Step, Reconcile])[] = STORY;
  let last: RunFunctionResponse | undefined;
  for (const [name, { spec = SPEC, world, credentials = [credentialsSecret()] }] of story) {
    const observed = last && world ? observeDesired(desiredObjects(last), world) : {};
    last = callFunction(request({ xr: xr(spec), observed, credentials }), {
      secretKey: TEST_SECRET_KEY,
    });
    if (name === step) return last;
  }
  throw new Error(`no step ${step}`);
}

async function matchesGolden(rsp: RunFunctionResponse, step: string): Promise<void> {
  await expect(stringify(responseJson(rsp), { lineWidth: 0, version: '1.1' })).toMatchFileSnapshot(
    `golden/lifecycle/${step}.yaml`,
  );
}

const percona = (state: string, ready: boolean, host = 'demo-postgres-pgbouncer.team-a.svc') => ({
  type: 'postgres' as const,
  clusterName: 'demo-postgres',
  state,
  host,
  secretName: 'demo-postgres-pguser-dittofs',
  ready,
});
const backup = (ready: boolean, stanzaCreated = ready) => ({
  enabled: true,
  ready,
  stanzaCreated,
  repoPath: '/pgbackrest/team-a/demo/repo1',
});
const LB_NFS = '203.0.113.2:12049';

const databaseReady = condition(
  'DatabaseReady',
  'True',
  'PerconaReady',
  'PerconaPGCluster demo-postgres is ready',
);
const backupReady = condition(
  'BackupReady',
  'True',
  'BackupReady',
  'Percona is ready for backups and the repo1 stanza exists',
);

describe('lifecycle of a DittoServer with Percona and backups', () => {
  it('1. nothing observed: all but the Deployment composed, nothing ready', async () => {
    const rsp = responseAt('1-nothing-observed');
    expect(readiness(rsp)).toEqual({
      config: F,
      'pvc-controlplane': F,
      'pvc-metadata': F,
      'pvc-content': F,
      'jwt-secret': F,
      'admin-secret': F,
      'api-service': F,
      'nfs-service': F,
      postgres: F,
      'backup-secret': F,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        database: percona('', false, ''),
        backup: backup(false),
        endpoints: { nfs: 'demo-nfs.team-a.svc:12049' },
      }),
    );
    expect(rsp.conditions).toEqual([
      condition(
        'DatabaseReady',
        'False',
        'PerconaNotReady',
        'PerconaPGCluster demo-postgres does not exist yet',
      ),
      condition(
        'BackupReady',
        'False',
        'BackupNotReady',
        'PerconaPGCluster demo-postgres does not exist yet',
      ),
      condition(
        'Available',
        'False',
        'WaitingForDatabase',
        'Deployment demo is created once PerconaPGCluster demo-postgres is ready',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '1-nothing-observed');
  });

  it('2. Percona initializing: still no Deployment; volumes wait for a consumer', async () => {
    const rsp = responseAt('2-percona-initializing');
    expect(readiness(rsp)).toEqual({
      config: T,
      'pvc-controlplane': F,
      'pvc-metadata': F,
      'pvc-content': F,
      'jwt-secret': T,
      'admin-secret': T,
      'api-service': T,
      'nfs-service': F,
      postgres: F,
      'backup-secret': T,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ database: percona('initializing', false), backup: backup(false) }),
    );
    expect(rsp.conditions).toEqual([
      condition(
        'DatabaseReady',
        'False',
        'PerconaNotReady',
        'PerconaPGCluster demo-postgres is initializing',
      ),
      condition(
        'BackupReady',
        'False',
        'BackupNotReady',
        'PerconaPGCluster demo-postgres: ReadyForBackup is False (PGBackRestRepoHostReady)',
      ),
      condition(
        'Available',
        'False',
        'WaitingForDatabase',
        'Deployment demo is created once PerconaPGCluster demo-postgres is ready',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '2-percona-initializing');
  });

  it('3. Percona ready: the Deployment appears', async () => {
    const rsp = responseAt('3-percona-ready');
    expect(readiness(rsp)).toEqual({
      config: T,
      'pvc-controlplane': F,
      'pvc-metadata': F,
      'pvc-content': F,
      'jwt-secret': T,
      'admin-secret': T,
      'api-service': T,
      'nfs-service': T,
      postgres: T,
      'backup-secret': T,
      deployment: F,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        database: percona('ready', true),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '3-percona-ready');
  });

  it('4. Deployment progressing: volumes bound, server not yet available', async () => {
    const rsp = responseAt('4-deployment-progressing');
    expect(readiness(rsp)).toEqual({
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
      deployment: F,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        replicas: 1,
        database: percona('ready', true),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition(
        'Available',
        'False',
        'Unavailable',
        'Deployment demo has 0 of 1 replicas available',
      ),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '4-deployment-progressing');
  });

  it('5. available: every resource ready, phase Running', async () => {
    const rsp = responseAt('5-available');
    expect(Object.values(readiness(rsp))).toEqual(Array<Ready>(11).fill(T));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Running',
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        database: percona('ready', true),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition('Available', 'True', 'Available', 'The server is available'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '5-available');
  });

  it('6. a spec change sends Percona back to initializing: the Deployment stays', async () => {
    const rsp = responseAt('6-percona-reinitializing');
    expect(readiness(rsp)).toEqual({
      config: T,
      'pvc-controlplane': T,
      'pvc-metadata': T,
      'pvc-content': T,
      'jwt-secret': T,
      'admin-secret': T,
      'api-service': T,
      'nfs-service': T,
      postgres: F,
      'backup-secret': T,
      deployment: T,
    });
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Running',
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        database: percona('initializing', false),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      condition(
        'DatabaseReady',
        'False',
        'PerconaNotReady',
        'PerconaPGCluster demo-postgres is initializing',
      ),
      backupReady,
      condition('Available', 'True', 'Available', 'The server is available'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '6-percona-reinitializing');
  });

  it('7. replicas 0: phase Stopped and still ready', async () => {
    const rsp = responseAt('7-stopped');
    expect(Object.values(readiness(rsp))).toEqual(Array<Ready>(11).fill(T));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Stopped',
        database: percona('ready', true),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      backupReady,
      condition('Available', 'True', 'Stopped', 'The server is stopped (spec.replicas is 0)'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '7-stopped');
  });

  it('8. backup credentials deleted: the backup Secret is kept, a human is told', async () => {
    const before = desiredObjects(responseAt('7-stopped'))['backup-secret'];
    const rsp = responseAt('8-credentials-deleted');
    expect(desiredObjects(rsp)['backup-secret']).toEqual(before);
    expect(Object.values(readiness(rsp))).toEqual(Array<Ready>(11).fill(T));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        phase: 'Stopped',
        database: percona('ready', true),
        backup: backup(false, true),
        endpoints: { nfs: LB_NFS },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseReady,
      condition(
        'BackupReady',
        'False',
        'CredentialsNotFound',
        'Secret s3-credentials with the S3 credentials was not found in namespace team-a',
      ),
      condition('Available', 'True', 'Stopped', 'The server is stopped (spec.replicas is 0)'),
    ]);
    expect(rsp.results).toEqual([
      warning(
        'CredentialsNotFound',
        'Secret s3-credentials with the S3 credentials was not found in namespace team-a: create it or fix spec.percona.backup.credentialsSecretRef; Secret demo-pgbackrest-s3 keeps the last known credentials until then',
      ),
    ]);
    await matchesGolden(rsp, '8-credentials-deleted');
  });
});
