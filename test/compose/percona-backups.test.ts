import { describe, expect, it } from 'vitest';
import { perconaPGCluster } from '../../src/compose/percona-pg-cluster.js';
import { BACKUP_SPEC, server, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { buildCluster, expectAccepted, PGBACKREST } from '../support/percona-cluster.js';

describe('perconaPGCluster spec.backups', () => {
  const global = (extra: Record<string, string> = {}) => ({
    'repo1-path': '/pgbackrest/team-a/demo/repo1',
    'repo1-retention-full': '7',
    'repo1-retention-full-type': 'time',
    'repo1-s3-uri-style': 'path',
    'repo1-storage-verify-tls': 'y',
    ...extra,
  });
  const backups = (
    globalOptions: Record<string, string>,
    s3: Record<string, string>,
    schedules = { full: '0 2 * * *', incremental: '0 * * * *' },
    secretName = 'demo-pgbackrest-s3',
  ) => ({
    enabled: true,
    pgbackrest: {
      image: PGBACKREST,
      configuration: [{ secret: { name: secretName, optional: true } }],
      global: globalOptions,
      repos: [{ name: 'repo1', s3, schedules }],
    },
  });
  const minio = { bucket: 'dittofs-backups', endpoint: 'minio.storage.svc', region: 'eu-west-1' };
  const aws = { ...minio, endpoint: 's3.eu-central-1.amazonaws.com', region: 'eu-central-1' };

  const cases: {
    reason: string;
    backup: JsonObject;
    input?: Overrides;
    secretName?: string;
    want: unknown;
  }[] = [
    { reason: 'off is exactly enabled: false', backup: {}, want: { enabled: false } },
    {
      reason: 'an endpoint with a port becomes a bare host plus repo1-storage-port',
      backup: BACKUP_SPEC,
      want: backups(global({ 'repo1-storage-port': '9000' }), minio),
    },
    {
      reason: 'an endpoint without a port sets no repo1-storage-port',
      backup: { ...BACKUP_SPEC, endpoint: 's3.eu-central-1.amazonaws.com', region: 'eu-central-1' },
      want: backups(global(), aws),
    },
    {
      reason: 'verifyTLS false only turns off certificate checks',
      backup: { ...BACKUP_SPEC, verifyTLS: false },
      want: backups(
        global({ 'repo1-storage-verify-tls': 'n', 'repo1-storage-port': '9000' }),
        minio,
      ),
    },
    {
      reason: 'host-style URIs for AWS, with retention and schedules as written',
      backup: {
        ...BACKUP_SPEC,
        endpoint: 'https://s3.eu-central-1.amazonaws.com',
        region: 'eu-central-1',
        uriStyle: 'host',
        retentionDays: 30,
        fullSchedule: '30 3 * * 0',
        incrSchedule: '15 */4 * * *',
      },
      want: backups(global({ 'repo1-retention-full': '30', 'repo1-s3-uri-style': 'host' }), aws, {
        full: '30 3 * * 0',
        incremental: '15 */4 * * *',
      }),
    },
    {
      reason: 'bucket, endpoint and region may all come from the Input defaults',
      backup: { enabled: true },
      input: {
        defaults: {
          backup: {
            bucket: 'platform-backups',
            endpoint: 's3.eu-central-1.amazonaws.com',
            region: 'eu-central-1',
            credentialsSecretRef: { name: 'platform-s3' },
          },
        },
      },
      want: backups(global(), { ...aws, bucket: 'platform-backups' }),
    },
    {
      reason: "a user's own *.conf Secret is referenced instead of ours",
      backup: BACKUP_SPEC,
      secretName: 's3-credentials',
      want: backups(global({ 'repo1-storage-port': '9000' }), minio, undefined, 's3-credentials'),
    },
  ];

  it.each(cases)('$reason', ({ backup, input, secretName, want }) => {
    const built = server({ percona: { enabled: true, backup } }, input);
    expect(buildCluster(built, secretName).spec.backups).toStrictEqual(want);
  });

  it('leaves configuration out when a caller passes no Secret name for backups that are on', () => {
    const built = server({ percona: { enabled: true, backup: BACKUP_SPEC } });
    if (!built.percona) throw new Error('fixture must enable percona');
    const cluster = expectAccepted(perconaPGCluster(built, built.percona, undefined));
    expect(cluster.spec.backups).toStrictEqual({
      enabled: true,
      pgbackrest: {
        image: PGBACKREST,
        global: global({ 'repo1-storage-port': '9000' }),
        repos: [
          {
            name: 'repo1',
            s3: minio,
            schedules: { full: '0 2 * * *', incremental: '0 * * * *' },
          },
        ],
      },
    });
  });
});
