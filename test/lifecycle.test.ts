/**
 * A DittoServer's life, from nothing to a configured server (test/support/lifecycle-story.ts
 * plays it). Every step asserts the whole response: readiness of every resource, the full
 * status, the conditions and the results written out here, and the complete response as a
 * reviewed golden file.
 */
import { describe, expect, it } from 'vitest';
import {
  applied,
  applying,
  AVAILABLE,
  BACKUP_READY,
  backupNotReady,
  condition,
  DATABASE_READY,
  databaseNotReady,
  servedConditions,
  status,
} from './support/expected.js';
import {
  backup,
  LB_NFS,
  LB_SHARES,
  matchesGolden,
  percona,
  readinessOf,
  responseAt,
  SERVING,
  waiting,
} from './support/lifecycle-story.js';
import { readiness } from './support/request.js';

const HASH = '0844943269';
const JOB_KEY = `configure-${HASH}`;
const JOB = `demo-configure-${HASH}`;
const NOT_YET = 'does not exist yet; the server is configured once it is available';
const NOT_AVAILABLE = 'is not available yet; the server is configured once it is';

describe('lifecycle of a DittoServer with Percona and backups, until it is configured', () => {
  it('1. nothing observed: all but the Deployment composed, nothing ready', async () => {
    const rsp = responseAt('1-nothing-observed');
    const composed = Object.keys(readinessOf({ deployment: false }));
    expect(readiness(rsp)).toEqual(readinessOf({ deployment: false }, composed));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ database: percona('', false, ''), backup: backup(false) }),
    );
    expect(rsp.conditions).toEqual([
      databaseNotReady('does not exist yet'),
      backupNotReady(' does not exist yet'),
      condition(
        'Available',
        'False',
        'WaitingForDatabase',
        'Deployment demo is created once PerconaPGCluster demo-postgres is ready',
      ),
      waiting(NOT_YET),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '1-nothing-observed');
  });

  it('2. Percona initializing: still no Deployment; volumes wait for a consumer', async () => {
    const rsp = responseAt('2-percona-initializing');
    expect(readiness(rsp)).toEqual(
      readinessOf({ deployment: false }, [
        'pvc-controlplane',
        'pvc-metadata',
        'pvc-content',
        'nfs-service',
        'postgres',
      ]),
    );
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ database: percona('initializing', false), backup: backup(false) }),
    );
    expect(rsp.conditions).toEqual([
      databaseNotReady('is initializing'),
      backupNotReady(': ReadyForBackup is False (PGBackRestRepoHostReady)'),
      condition(
        'Available',
        'False',
        'WaitingForDatabase',
        'Deployment demo is created once PerconaPGCluster demo-postgres is ready',
      ),
      waiting(NOT_YET),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '2-percona-initializing');
  });

  it('3. Percona ready: the Deployment appears', async () => {
    const rsp = responseAt('3-percona-ready');
    expect(readiness(rsp)).toEqual(
      readinessOf({}, ['pvc-controlplane', 'pvc-metadata', 'pvc-content', 'deployment']),
    );
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        database: percona('ready', true),
        backup: backup(true),
        endpoints: { nfs: LB_NFS },
        shares: LB_SHARES,
      }),
    );
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      BACKUP_READY,
      condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
      waiting(NOT_YET),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '3-percona-ready');
  });

  it('4. Deployment progressing: no configure Job yet', async () => {
    const rsp = responseAt('4-deployment-progressing');
    expect(readiness(rsp)).toEqual(readinessOf({}, ['deployment']));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING,
        readyReplicas: 0,
        availableReplicas: 0,
        configuration: { applied: false, hash: HASH },
      }),
    );
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      BACKUP_READY,
      condition(
        'Available',
        'False',
        'Unavailable',
        'Deployment demo has 0 of 1 replicas available',
      ),
      waiting(NOT_AVAILABLE),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '4-deployment-progressing');
  });

  it('5. available: the configure Job appears; not Ready, phase Pending', async () => {
    const rsp = responseAt('5-available');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [JOB_KEY] }, [JOB_KEY]));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ ...SERVING, configuration: { applied: false, hash: HASH } }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applying(JOB)));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '5-available');
  });

  it('6. the Job runs: kept as observed, still Applying', async () => {
    const rsp = responseAt('6-configuring');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [JOB_KEY] }, [JOB_KEY]));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ ...SERVING, configuration: { applied: false, hash: HASH } }),
    );
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      BACKUP_READY,
      AVAILABLE,
      condition('Configured', 'False', 'Applying', `Job ${JOB} is configuring the server`),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '6-configuring');
  });

  it('7. the Job completed: every resource ready, Configured, phase Running', async () => {
    const rsp = responseAt('7-configured');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [JOB_KEY] }));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ ...SERVING, phase: 'Running', configuration: { applied: true, hash: HASH } }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applied(JOB)));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '7-configured');
  });
});
