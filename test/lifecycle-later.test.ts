/**
 * A configured DittoServer's later life (test/support/lifecycle-story.ts plays it from the
 * start): Percona reconciling a change, a stop, lost credentials, and a restart, after
 * which the server is configured again by a new Job. Whole responses, as in lifecycle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { desiredObjects, readiness } from './support/request.js';
import {
  applied,
  applying,
  AVAILABLE,
  BACKUP_READY,
  condition,
  DATABASE_READY,
  databaseNotReady,
  servedConditions,
  status,
  warning,
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
  STOPPED_AVAILABLE,
  STOPPED_CONFIGURED,
} from './support/lifecycle-story.js';

const FIRST = 'configure-0844943269';
const SECOND = 'configure-7b75743339';
/** The stopped Deployment is at generation 2: another server, another hash. */
const STOPPED = {
  phase: 'Stopped' as const,
  database: percona('ready', true),
  endpoints: { nfs: LB_NFS },
  shares: LB_SHARES,
  configuration: { applied: false, hash: '8eeb1fa095' },
};

describe('lifecycle of a configured DittoServer', () => {
  it('8. a spec change sends Percona back to initializing: the server stays configured', async () => {
    const rsp = responseAt('8-percona-reinitializing');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [FIRST] }, ['postgres']));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING,
        phase: 'Running',
        database: percona('initializing', false),
        configuration: { applied: true, hash: '0844943269' },
      }),
    );
    expect(rsp.conditions).toEqual([
      databaseNotReady('is initializing'),
      BACKUP_READY,
      AVAILABLE,
      applied('demo-configure-0844943269'),
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '8-percona-reinitializing');
  });

  it('9. replicas 0: phase Stopped, the Job kept as observed, still ready', async () => {
    const rsp = responseAt('9-stopped');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [FIRST] }));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ ...STOPPED, backup: backup(true) }),
    );
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      BACKUP_READY,
      STOPPED_AVAILABLE,
      STOPPED_CONFIGURED,
    ]);
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '9-stopped');
  });

  it('10. backup credentials deleted: the backup Secret is kept, a human is told', async () => {
    const before = desiredObjects(responseAt('9-stopped'))['backup-secret'];
    const rsp = responseAt('10-credentials-deleted');
    expect(desiredObjects(rsp)['backup-secret']).toEqual(before);
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [FIRST] }));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({ ...STOPPED, backup: backup(false, true) }),
    );
    expect(rsp.conditions).toEqual([
      DATABASE_READY,
      condition(
        'BackupReady',
        'False',
        'CredentialsNotFound',
        'Secret s3-credentials with the S3 credentials was not found in namespace team-a',
      ),
      STOPPED_AVAILABLE,
      STOPPED_CONFIGURED,
    ]);
    expect(rsp.results).toEqual([
      warning(
        'CredentialsNotFound',
        'Secret s3-credentials with the S3 credentials was not found in namespace team-a: create it or fix spec.percona.backup.credentialsSecretRef; Secret demo-pgbackrest-s3 keeps the last known credentials until then',
      ),
    ]);
    await matchesGolden(rsp, '10-credentials-deleted');
  });

  it('11. restarted and available: a new Job replaces the old one in the same response', async () => {
    const rsp = responseAt('11-restarted');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [SECOND] }, [SECOND]));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING,
        configuration: { applied: false, hash: '7b75743339' },
      }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applying('demo-configure-7b75743339')));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '11-restarted');
  });

  it('12. the new Job completed: Configured=True, phase Running', async () => {
    const rsp = responseAt('12-reconfigured');
    expect(readiness(rsp)).toEqual(readinessOf({ jobs: [SECOND] }));
    expect(rsp.desired?.composite?.resource?.status).toEqual(
      status({
        ...SERVING,
        phase: 'Running',
        configuration: { applied: true, hash: '7b75743339' },
      }),
    );
    expect(rsp.conditions).toEqual(servedConditions(applied('demo-configure-7b75743339')));
    expect(rsp.results).toEqual([]);
    await matchesGolden(rsp, '12-reconfigured');
  });
});
