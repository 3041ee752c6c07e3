import { describe, expect, it } from 'vitest';
import { server, type Overrides } from '../fixtures/xr.js';
import { buildCluster, PG17, PGBOUNCER } from '../support/percona-cluster.js';

const LABELS = {
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': 'demo',
  'app.kubernetes.io/managed-by': 'function-dittoserver',
  'app.kubernetes.io/component': 'database',
};

/** With backups off the cluster authorizes Percona to drop them (contract §6). */
const BACKUPS_OFF = { 'pgv2.percona.com/authorizeBackupRemoval': 'true' };

const withPercona = (percona: Overrides, spec: Overrides = {}, input: Overrides = {}) =>
  buildCluster(server({ ...spec, percona: { enabled: true, ...percona } }, input));

describe('perconaPGCluster', () => {
  it('builds the whole default cluster: no finalizers, backups explicitly off', () => {
    expect(withPercona({})).toStrictEqual({
      apiVersion: 'pgv2.percona.com/v2',
      kind: 'PerconaPGCluster',
      metadata: {
        name: 'demo-postgres',
        namespace: 'team-a',
        labels: LABELS,
        annotations: BACKUPS_OFF,
      },
      spec: {
        crVersion: '2.8.2',
        metadata: { labels: { 'dittofs.io/server': 'demo' } },
        image: PG17,
        postgresVersion: 17,
        users: [{ name: 'dittofs', databases: ['dittofs'] }],
        instances: [
          {
            name: 'instance1',
            replicas: 1,
            dataVolumeClaimSpec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '10Gi' } },
            },
          },
        ],
        proxy: { pgBouncer: { replicas: 1, image: PGBOUNCER } },
        backups: { enabled: false },
      },
    });
  });

  it('accepts the longest XR name the parser allows (cluster + instance = 46)', () => {
    const name = 'a'.repeat(28);
    const cluster = buildCluster(server({ percona: { enabled: true } }, {}, { name }));
    expect(cluster.metadata.name).toBe(`${name}-postgres`);
  });

  const metadataCases: { reason: string; deleteWithServer: boolean; want: unknown }[] = [
    {
      reason: 'by default the volumes and user Secrets outlive the server: no finalizers key',
      deleteWithServer: false,
      want: {
        name: 'demo-postgres',
        namespace: 'team-a',
        labels: LABELS,
        annotations: BACKUPS_OFF,
      },
    },
    {
      reason: 'deleteWithServer opts into both Percona deletion finalizers',
      deleteWithServer: true,
      want: {
        name: 'demo-postgres',
        namespace: 'team-a',
        labels: LABELS,
        annotations: BACKUPS_OFF,
        finalizers: ['percona.com/delete-pvc', 'percona.com/delete-ssl'],
      },
    },
  ];

  it.each(metadataCases)('metadata: $reason', ({ deleteWithServer, want }) => {
    expect(withPercona({ deleteWithServer }).metadata).toStrictEqual(want);
  });

  const volume = (storageClassName?: string) => ({
    accessModes: ['ReadWriteOnce'],
    ...(storageClassName === undefined ? {} : { storageClassName }),
    resources: { requests: { storage: '10Gi' } },
  });

  const instanceCases: {
    reason: string;
    percona: Overrides;
    spec?: Overrides;
    input?: Overrides;
    want: unknown;
  }[] = [
    {
      reason: 'percona.storageClassName wins over the server and Input classes',
      percona: { storageClassName: 'fast' },
      spec: { storage: { storageClassName: 'slow' } },
      input: { defaults: { storageClassName: 'standard' } },
      want: [{ name: 'instance1', replicas: 1, dataVolumeClaimSpec: volume('fast') }],
    },
    {
      reason: 'storage.storageClassName is next, over the Input default',
      percona: {},
      spec: { storage: { storageClassName: 'slow' } },
      input: { defaults: { storageClassName: 'standard' } },
      want: [{ name: 'instance1', replicas: 1, dataVolumeClaimSpec: volume('slow') }],
    },
    {
      reason: 'the Input default applies when the XR names no class',
      percona: {},
      input: { defaults: { storageClassName: 'standard' } },
      want: [{ name: 'instance1', replicas: 1, dataVolumeClaimSpec: volume('standard') }],
    },
    {
      reason: 'no class anywhere leaves the key out for the cluster default',
      percona: {},
      want: [{ name: 'instance1', replicas: 1, dataVolumeClaimSpec: volume() }],
    },
    {
      reason: 'replicas, size and resources are copied; integer quantities become strings',
      percona: {
        replicas: 3,
        storageSize: '50Gi',
        resources: { limits: { memory: '2Gi' }, requests: { cpu: 1, memory: 1073741824 } },
      },
      want: [
        {
          name: 'instance1',
          replicas: 3,
          dataVolumeClaimSpec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '50Gi' } },
          },
          resources: { limits: { memory: '2Gi' }, requests: { cpu: '1', memory: '1073741824' } },
        },
      ],
    },
    {
      reason: 'requests alone are copied without an empty limits',
      percona: { resources: { requests: { cpu: '500m' } } },
      want: [
        {
          name: 'instance1',
          replicas: 1,
          dataVolumeClaimSpec: volume(),
          resources: { requests: { cpu: '500m' } },
        },
      ],
    },
    {
      reason: 'empty resources are left out rather than written as {}',
      percona: { resources: {} },
      want: [{ name: 'instance1', replicas: 1, dataVolumeClaimSpec: volume() }],
    },
  ];

  it.each(instanceCases)('instances: $reason', ({ percona, spec, input, want }) => {
    expect(withPercona(percona, spec, input).spec.instances).toStrictEqual(want);
  });

  const versionCases: { reason: string; version: number; input?: Overrides; want: string }[] = [
    { reason: 'PostgreSQL 13', version: 13, want: 'percona-distribution-postgresql:13.23-2' },
    { reason: 'PostgreSQL 14', version: 14, want: 'percona-distribution-postgresql:14.20-2' },
    { reason: 'PostgreSQL 15', version: 15, want: 'percona-distribution-postgresql:15.15-2' },
    { reason: 'PostgreSQL 16', version: 16, want: 'percona-distribution-postgresql:16.11-2' },
    { reason: 'PostgreSQL 17', version: 17, want: 'percona-distribution-postgresql:17.7-2' },
    { reason: 'PostgreSQL 18', version: 18, want: 'percona-distribution-postgresql:18.1-3' },
    {
      reason: 'an Input image for the version replaces the default',
      version: 16,
      input: { images: { postgres: { '16': 'registry.local/pg:16' } } },
      want: 'registry.local/pg:16',
    },
  ];

  it.each(versionCases)('image: $reason', ({ version, input, want }) => {
    const { spec } = withPercona({ postgresVersion: version }, {}, input);
    const image = input ? want : `docker.io/percona/${want}`;
    expect([spec.image, spec.postgresVersion]).toStrictEqual([image, version]);
  });
});
