/** Shared expectations and helpers of the Deployment builder tests. */
import { expect } from 'vitest';
import { deployment } from '../../src/compose/deployment.js';
import { volumeClaims } from '../../src/safety/volumes.js';
import type { Deployment } from '../../src/compose/types.js';
import { server, type Overrides } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';

export const HASH = 'f'.repeat(64);
export const PERCONA_SECRET = 'demo-postgres-pguser-dittofs';
export const PG17 = 'docker.io/percona/percona-distribution-postgresql:17.7-2';

export function build(spec: Overrides = {}, input: Overrides = {}): Deployment {
  const ds = server(spec, input);
  const got = deployment(ds, { configHash: HASH, volumes: volumeClaims(ds) });
  expect(validateKubeObject(got)).toEqual([]);
  return got;
}

/** The value at a path of plain objects and arrays; undefined when a step is missing. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, step) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string | number, unknown>)[step]
        : undefined,
    value,
  );
}
export const podSpec = (d: Deployment) => dig(d, 'spec', 'template', 'spec');
export const container = (d: Deployment) => dig(podSpec(d), 'containers', 0);

export const secretEnv = (name: string, secret: string, key: string, optional?: true) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional && { optional }) } },
});
export const IDENTITY_ENV = [
  secretEnv('DITTOFS_CONTROLPLANE_SECRET', 'demo-jwt-secret', 'jwt-secret'),
  secretEnv('DITTOFS_ADMIN_INITIAL_PASSWORD', 'demo-admin-bootstrap-credentials', 'password'),
];
export const HARDENED = {
  allowPrivilegeEscalation: false,
  privileged: false,
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
export const HARDENED_POD = {
  fsGroup: 65532,
  fsGroupChangePolicy: 'OnRootMismatch',
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};
export const MOUNTS = [
  { name: 'config', mountPath: '/config', readOnly: true },
  { name: 'tmp', mountPath: '/tmp' },
  { name: 'controlplane', mountPath: '/data/controlplane' },
  { name: 'metadata', mountPath: '/data/store/metadata' },
  { name: 'content', mountPath: '/data/store/block' },
];
export const VOLUMES = [
  { name: 'config', configMap: { name: 'demo-config' } },
  { name: 'tmp', emptyDir: {} },
  { name: 'controlplane', persistentVolumeClaim: { claimName: 'demo-controlplane' } },
  { name: 'metadata', persistentVolumeClaim: { claimName: 'demo-metadata' } },
  { name: 'content', persistentVolumeClaim: { claimName: 'demo-content' } },
];
export const health = (path: string) => ({ httpGet: { path, port: 'api' } });

export const MINIMAL_CONTAINER = {
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
