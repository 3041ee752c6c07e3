import { describe, expect, it } from 'vitest';
import { deployment } from '../../src/compose/deployment.js';
import { volumeClaims } from '../../src/compose/pvc.js';
import type { KubeObject } from '../../src/compose/types.js';
import { server, type Overrides } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';
import { DEMO_SELECTOR, demoLabels } from '../support/labels.js';

const HASH = 'f'.repeat(64);
const PERCONA_SECRET = 'demo-postgres-pguser-dittofs';
const PG17 = 'docker.io/percona/percona-distribution-postgresql:17.7-2';

function build(spec: Overrides = {}, input: Overrides = {}): KubeObject {
  const ds = server(spec, input);
  const got = deployment(ds, { configHash: HASH, volumes: volumeClaims(ds) });
  expect(validateKubeObject(got)).toEqual([]);
  return got;
}

/** The value at a path of plain objects and arrays; undefined when a step is missing. */
function dig(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, step) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string | number, unknown>)[step]
        : undefined,
    value,
  );
}
const podSpec = (d: KubeObject) => dig(d, 'spec', 'template', 'spec');
const container = (d: KubeObject) => dig(podSpec(d), 'containers', 0);

const secretEnv = (name: string, secret: string, key: string, optional?: true) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional && { optional }) } },
});
const IDENTITY_ENV = [
  secretEnv('DITTOFS_CONTROLPLANE_SECRET', 'demo-jwt-secret', 'jwt-secret'),
  secretEnv('DITTOFS_ADMIN_INITIAL_PASSWORD', 'demo-admin-bootstrap-credentials', 'password'),
];
const HARDENED = {
  allowPrivilegeEscalation: false,
  privileged: false,
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
const HARDENED_POD = {
  fsGroup: 65532,
  fsGroupChangePolicy: 'OnRootMismatch',
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};
const MOUNTS = [
  { name: 'config', mountPath: '/config', readOnly: true },
  { name: 'controlplane', mountPath: '/data/controlplane' },
  { name: 'metadata', mountPath: '/data/store/metadata' },
];
const VOLUMES = [
  { name: 'config', configMap: { name: 'demo-config' } },
  { name: 'controlplane', persistentVolumeClaim: { claimName: 'demo-controlplane' } },
  { name: 'metadata', persistentVolumeClaim: { claimName: 'demo-metadata' } },
];
const health = (path: string) => ({ httpGet: { path, port: 'api' } });

const MINIMAL_CONTAINER = {
  name: 'dittofs',
  image: 'marmos91c/dittofs:v0.29.0',
  imagePullPolicy: 'IfNotPresent',
  command: ['/app/dfs'],
  args: ['start', '--foreground', '--config', '/config/config.yaml'],
  ports: [
    { name: 'api', containerPort: 8080, protocol: 'TCP' },
    { name: 'nfs', containerPort: 12049, protocol: 'TCP' },
  ],
  env: IDENTITY_ENV,
  securityContext: HARDENED,
  volumeMounts: MOUNTS,
  livenessProbe: {
    ...health('/health'),
    initialDelaySeconds: 15,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  },
  readinessProbe: {
    ...health('/health/ready'),
    initialDelaySeconds: 10,
    periodSeconds: 5,
    timeoutSeconds: 5,
    failureThreshold: 3,
  },
  startupProbe: { ...health('/health'), periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 30 },
  lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 5'] } } },
};

describe('deployment', () => {
  it('minimal: the whole Deployment', () => {
    expect(build()).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'demo', namespace: 'team-a', labels: demoLabels('server') },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: DEMO_SELECTOR },
        template: {
          metadata: {
            labels: demoLabels('server'),
            annotations: { 'dittofs.io/config-hash': HASH },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: HARDENED_POD,
            terminationGracePeriodSeconds: 105,
            containers: [MINIMAL_CONTAINER],
            volumes: VOLUMES,
          },
        },
      },
    });
  });

  it('pod labels include every selector label', () => {
    const d = build();
    const podLabels = dig(d, 'spec', 'template', 'metadata', 'labels') as Record<string, string>;
    const selector = dig(d, 'spec', 'selector', 'matchLabels') as Record<string, string>;
    expect(Object.entries(selector).filter(([k, v]) => podLabels[k] !== v)).toStrictEqual([]);
  });

  const workload: Record<
    string,
    { reason: string; spec: Overrides; input?: Overrides; path: string[]; want: unknown }
  > = {
    stopped: {
      reason: 'replicas 0 stops the server but keeps the Deployment',
      spec: { replicas: 0 },
      path: ['spec', 'replicas'],
      want: 0,
    },
    'grace period': {
      reason: 'terminationGracePeriodSeconds is copied',
      spec: { terminationGracePeriodSeconds: 300 },
      path: ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
      want: 300,
    },
    'image from spec': {
      reason: 'spec.image wins over the Input default',
      spec: { image: 'registry.local/dittofs:dev' },
      input: { images: { dittofs: 'mirror/dittofs:v0.29.0' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'image'],
      want: 'registry.local/dittofs:dev',
    },
    'image from Input': {
      reason: 'without spec.image the Input image is used',
      spec: {},
      input: { images: { dittofs: 'mirror/dittofs:v0.29.0' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'image'],
      want: 'mirror/dittofs:v0.29.0',
    },
    'content volume': {
      reason: 'contentSize adds a mount at /data/store/block',
      spec: { storage: { contentSize: '50Gi' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'volumeMounts'],
      want: [...MOUNTS, { name: 'content', mountPath: '/data/store/block' }],
    },
    'content claim': {
      reason: 'contentSize adds the PVC volume <n>-content',
      spec: { storage: { contentSize: '50Gi' } },
      path: ['spec', 'template', 'spec', 'volumes'],
      want: [...VOLUMES, { name: 'content', persistentVolumeClaim: { claimName: 'demo-content' } }],
    },
    'ports: smb and metrics on, nfs off': {
      reason: 'one TCP port per enabled adapter and metrics, on the spec ports',
      spec: {
        adapters: { nfs: { enabled: false }, smb: { enabled: true, port: 1445 } },
        metrics: { enabled: true, port: 9100 },
        controlPlane: { port: 9000 },
      },
      path: ['spec', 'template', 'spec', 'containers', '0', 'ports'],
      want: [
        { name: 'api', containerPort: 9000, protocol: 'TCP' },
        { name: 'smb', containerPort: 1445, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      ],
    },
    resources: {
      reason: 'quantities become strings; only the given maps are written',
      spec: { resources: { requests: { cpu: 1, memory: '512Mi' } } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'resources'],
      want: { requests: { cpu: '1', memory: '512Mi' } },
    },
    'empty resources': {
      reason: 'resources with no quantities are left out',
      spec: { resources: { limits: {} } },
      path: ['spec', 'template', 'spec', 'containers', '0'],
      want: MINIMAL_CONTAINER,
    },
  };
  it.each(Object.entries(workload))('%s', (_name, { spec, input, path, want }) => {
    expect(dig(build(spec, input), ...path)).toStrictEqual(want);
  });
});

describe('deployment env and database wiring', () => {
  const percona = (key: string, name: string) => secretEnv(name, PERCONA_SECRET, key);
  const external = (key: string, name: string, optional?: true) =>
    secretEnv(name, 'pg-conn', key, optional);
  const cases: Record<string, { reason: string; spec: Overrides; want: unknown[] }> = {
    sqlite: {
      reason: 'SQLite needs no database env: config.yaml holds its path',
      spec: {},
      want: IDENTITY_ENV,
    },
    percona: {
      reason: 'postgres from the Percona user Secret keys (dbname, not database), TLS required',
      spec: { percona: { enabled: true } },
      want: [
        ...IDENTITY_ENV,
        { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
        percona('host', 'DITTOFS_DATABASE_POSTGRES_HOST'),
        percona('port', 'DITTOFS_DATABASE_POSTGRES_PORT'),
        percona('dbname', 'DITTOFS_DATABASE_POSTGRES_DATABASE'),
        percona('user', 'DITTOFS_DATABASE_POSTGRES_USER'),
        percona('password', 'DITTOFS_DATABASE_POSTGRES_PASSWORD'),
        { name: 'DITTOFS_DATABASE_POSTGRES_SSLMODE', value: 'require' },
      ],
    },
    external: {
      reason: 'postgres from the user Secret; port and sslmode may be absent from it',
      spec: { database: { type: 'postgres', postgresSecretRef: { name: 'pg-conn' } } },
      want: [
        ...IDENTITY_ENV,
        { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
        external('host', 'DITTOFS_DATABASE_POSTGRES_HOST'),
        external('port', 'DITTOFS_DATABASE_POSTGRES_PORT', true),
        external('database', 'DITTOFS_DATABASE_POSTGRES_DATABASE'),
        external('user', 'DITTOFS_DATABASE_POSTGRES_USER'),
        external('password', 'DITTOFS_DATABASE_POSTGRES_PASSWORD'),
        external('sslmode', 'DITTOFS_DATABASE_POSTGRES_SSLMODE', true),
      ],
    },
    'identity refs': {
      reason: "the user's JWT and admin Secrets replace the generated ones",
      spec: {
        identity: {
          jwt: { secretRef: { name: 'my-jwt', key: 'signing-key' } },
          admin: { passwordSecretRef: { name: 'my-admin', key: 'pw' } },
        },
      },
      want: [
        secretEnv('DITTOFS_CONTROLPLANE_SECRET', 'my-jwt', 'signing-key'),
        secretEnv('DITTOFS_ADMIN_INITIAL_PASSWORD', 'my-admin', 'pw'),
      ],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { spec, want }) => {
    expect(dig(container(build(spec)), 'env')).toStrictEqual(want);
  });

  it('percona: waits for PostgreSQL in an init container', () => {
    const waitEnv = (name: string, key: string) => secretEnv(name, PERCONA_SECRET, key);
    const script = [
      'deadline=$(( $(date +%s) + 300 ))',
      'until pg_isready -h "$PGHOST" -p "$PGPORT" -d "$PGDATABASE" -U "$PGUSER" -t 5; do',
      '  if [ "$(date +%s)" -ge "$deadline" ]; then',
      '    echo "PostgreSQL at $PGHOST:$PGPORT not ready after 300s, giving up"',
      '    exit 1',
      '  fi',
      '  sleep 2',
      'done',
      'echo "PostgreSQL at $PGHOST:$PGPORT is ready"',
    ].join('\n');
    expect(dig(podSpec(build({ percona: { enabled: true } })), 'initContainers')).toStrictEqual([
      {
        name: 'wait-for-postgres',
        image: PG17,
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/sh', '-c', script],
        env: [
          waitEnv('PGHOST', 'host'),
          waitEnv('PGPORT', 'port'),
          waitEnv('PGUSER', 'user'),
          waitEnv('PGDATABASE', 'dbname'),
        ],
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        securityContext: HARDENED,
      },
    ]);
  });

  const initImage: Record<
    string,
    { reason: string; spec: Overrides; input: Overrides; want: string }
  > = {
    'postgres version': {
      reason: 'the init container uses the image of the configured PostgreSQL major version',
      spec: { percona: { enabled: true, postgresVersion: 16 } },
      input: {},
      want: 'docker.io/percona/percona-distribution-postgresql:16.11-2',
    },
    'Input image': {
      reason: 'a platform-pinned PostgreSQL image is used for the wait too',
      spec: { percona: { enabled: true } },
      input: { images: { postgres: { '17': 'mirror/postgres:17' } } },
      want: 'mirror/postgres:17',
    },
  };
  it.each(Object.entries(initImage))('%s', (_name, { spec, input, want }) => {
    expect(dig(podSpec(build(spec, input)), 'initContainers', 0, 'image')).toBe(want);
  });

  const noInit: Record<string, { reason: string; spec: Overrides }> = {
    sqlite: { reason: 'nothing to wait for', spec: {} },
    external: {
      reason: 'an external database is not ours to wait for',
      spec: { database: { postgresSecretRef: { name: 'pg-conn' } } },
    },
  };
  it.each(Object.entries(noInit))('no init container: %s', (_name, { spec }) => {
    expect(Object.keys(podSpec(build(spec)) as object)).toStrictEqual([
      'automountServiceAccountToken',
      'enableServiceLinks',
      'securityContext',
      'terminationGracePeriodSeconds',
      'containers',
      'volumes',
    ]);
  });
});

describe('deployment security contexts', () => {
  const containerCases: Record<string, { reason: string; spec: Overrides; want: unknown }> = {
    'user adds a capability, drop ALL kept': {
      reason: 'adding NET_BIND_SERVICE must not silently re-grant every other capability',
      spec: { securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } },
      want: { ...HARDENED, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
    },
    'user overrides runAsUser': {
      reason: 'user fields win over the defaults, one by one',
      spec: { securityContext: { runAsUser: 1000, runAsGroup: 1000 } },
      want: { ...HARDENED, runAsUser: 1000, runAsGroup: 1000 },
    },
    'user sets drop': {
      reason: 'an explicit drop list is the user’s decision',
      spec: { securityContext: { capabilities: { drop: ['NET_RAW'] } } },
      want: { ...HARDENED, capabilities: { drop: ['NET_RAW'] } },
    },
    'user hardens further': {
      reason: 'readOnlyRootFilesystem is unset by default but a user may turn it on',
      spec: { securityContext: { readOnlyRootFilesystem: true } },
      want: { ...HARDENED, readOnlyRootFilesystem: true },
    },
    'user seccomp profile': {
      reason: 'the seccomp profile is replaced as a whole',
      spec: {
        securityContext: {
          seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/dfs.json' },
        },
      },
      want: {
        ...HARDENED,
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/dfs.json' },
      },
    },
  };
  it.each(Object.entries(containerCases))('container: %s', (_name, { spec, want }) => {
    expect(dig(container(build(spec)), 'securityContext')).toStrictEqual(want);
  });

  it('the init container keeps the defaults whatever the user sets', () => {
    const d = build({ percona: { enabled: true }, securityContext: { runAsUser: 1000 } });
    expect(dig(podSpec(d), 'initContainers', 0, 'securityContext')).toStrictEqual(HARDENED);
  });

  const podCases: Record<string, { reason: string; spec: Overrides; want: unknown }> = {
    'user fsGroup': {
      reason: 'user pod fields win',
      spec: { podSecurityContext: { fsGroup: 2000, fsGroupChangePolicy: 'Always' } },
      want: { ...HARDENED_POD, fsGroup: 2000, fsGroupChangePolicy: 'Always' },
    },
    'user adds groups': {
      reason: 'fields with no default are added',
      spec: { podSecurityContext: { supplementalGroups: [3000] } },
      want: { ...HARDENED_POD, supplementalGroups: [3000] },
    },
  };
  it.each(Object.entries(podCases))('pod: %s', (_name, { spec, want }) => {
    expect(dig(podSpec(build(spec)), 'securityContext')).toStrictEqual(want);
  });
});
