/**
 * Golden manifests: every object the function composes for a set of representative XRs,
 * committed under test/golden/compose/ and reviewed in diffs (`npm run test:update`
 * rewrites them). Every object must also validate against the real schemas.
 */
import { Severity } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import { observeDesired, observedPerconaCluster, type World } from '../fixtures/observed.js';
import { BACKUP_SPEC, legacyXr, xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { validateComposedObject } from '../support/composed-object.js';
import {
  credentialsSecret,
  desiredObjects,
  request,
  TEST_SECRET_KEY,
  userSecret,
  yamlStream,
  type RequestParts,
} from '../support/request.js';

const PERCONA = { percona: { enabled: true } };
const BACKUP = { percona: { enabled: true, backup: BACKUP_SPEC } };

/** The request once the PerconaPGCluster is observed ready, so the Deployment is composed too. */
function withReadyPercona(parts: RequestParts): RequestParts {
  const desired = desiredObjects(callFunction(request(parts), { secretKey: TEST_SECRET_KEY }));
  const postgres = desired.postgres;
  if (!postgres) throw new Error('the case composes no PerconaPGCluster');
  return {
    ...parts,
    observed: { postgres: observedPerconaCluster(postgres, { state: 'ready', backup: 'ready' }) },
  };
}

/**
 * The request once everything the first call desired is observed in `world`: with the
 * Deployment available, the configure Job is composed; with it observed, it is kept.
 */
function observedIn(parts: RequestParts, ...worlds: readonly World[]): RequestParts {
  let current = parts;
  for (const world of worlds) {
    const desired = desiredObjects(callFunction(request(current), { secretKey: TEST_SECRET_KEY }));
    current = { ...parts, observed: observeDesired(desired, world) };
  }
  return current;
}

const AVAILABLE: World = { deployment: 'available' };

/** Every kind of store, so the Job's env holds every kind of secretKeyRef. */
const EVERY_STORE = {
  database: { postgresSecretRef: { name: 'shared-postgres' } },
  stores: {
    metadata: [{ name: 'fast' }, { name: 'pg', type: 'postgres' }],
    local: [{ name: 'default' }, { name: 'scratch' }],
    remote: [
      {
        name: 'archive',
        s3: {
          bucket: 'team-a-archive',
          endpoint: 'https://s3.eu-west-1.amazonaws.com',
          credentialsSecretRef: { name: 'archive-s3' },
        },
      },
      {
        name: 'cold-minio',
        s3: {
          bucket: 'cold',
          endpoint: 'http://minio.storage.svc:9000',
          region: 'garage',
          prefix: '',
          allowPrivateEndpoint: true,
          credentialsSecretRef: {
            name: 'minio-keys',
            accessKeyIdKey: 'access-key',
            secretAccessKeyKey: 'secret-key',
          },
        },
      },
    ],
  },
  shares: [
    { name: 'export' },
    {
      name: 'archive',
      metadataStore: 'pg',
      localStore: 'scratch',
      remoteStore: 'archive',
      readOnly: true,
      defaultPermission: 'read',
      quota: '100Gi',
    },
  ],
  adapters: { smb: { enabled: true } },
};

const spec = (overrides: Overrides) => xr(overrides);

const cases: { name: string; reason: string; parts: RequestParts }[] = [
  {
    name: 'minimal',
    reason: 'the smallest valid XR: SQLite, NFS on a LoadBalancer',
    parts: { xr: spec({}) },
  },
  {
    name: 'percona-without-backup',
    reason: 'Percona on, backups explicitly off',
    parts: withReadyPercona({ xr: spec(PERCONA) }),
  },
  {
    name: 'percona-backup-plain-keys',
    reason: 'backups on, credentials as plain keys: an s3.conf Secret is composed',
    parts: withReadyPercona({ xr: spec(BACKUP), credentials: [credentialsSecret()] }),
  },
  {
    name: 'percona-backup-conf-secret',
    reason: 'backups on, the credentials Secret already holds a *.conf: referenced as is',
    parts: withReadyPercona({
      xr: spec(BACKUP),
      credentials: [
        credentialsSecret({
          'cloud.conf':
            '[global]\nrepo1-s3-key=AKIAIOSFODNN7EXAMPLE\nrepo1-s3-key-secret=wJalrXUtnFEMI\n',
        }),
      ],
    }),
  },
  {
    name: 'credentials-missing',
    reason: 'backups on, credentials Secret not found: everything else is composed',
    parts: withReadyPercona({ xr: spec(BACKUP), credentials: [] }),
  },
  {
    name: 'percona-bootstrap',
    reason: 'a new cluster started from the backups of another server (spec.dataSource)',
    parts: withReadyPercona({
      xr: spec({
        percona: {
          enabled: true,
          backup: { ...BACKUP_SPEC, uriStyle: 'host', verifyTLS: false },
          bootstrapFrom: { repoPath: '/pgbackrest/team-a/old-files/repo1' },
        },
      }),
      credentials: [credentialsSecret()],
    }),
  },
  {
    name: 'replicas-zero',
    reason: 'a stopped server keeps its volumes and Services',
    parts: { xr: spec({ replicas: 0 }) },
  },
  {
    name: 'every-option',
    reason: 'every adapter, metrics, service and security option on',
    parts: withReadyPercona({
      xr: spec({
        image: 'registry.example/dittofs:v0.29.0',
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
        storage: { contentSize: '500Gi', controlPlaneSize: '2Gi', storageClassName: 'fast-ssd' },
        percona: {
          enabled: true,
          deleteWithServer: true,
          postgresVersion: 16,
          replicas: 3,
          storageSize: '50Gi',
          storageClassName: 'db-ssd',
          databaseName: 'dittofs_cp',
          pgBouncer: { replicas: 2 },
          resources: { requests: { cpu: 1, memory: '2Gi' }, limits: { memory: '4Gi' } },
          backup: {
            ...BACKUP_SPEC,
            region: 'us-east-1',
            uriStyle: 'host',
            verifyTLS: false,
            fullSchedule: '30 1 * * 0',
            incrSchedule: '0 */6 * * *',
            retentionDays: 30,
          },
        },
        controlPlane: { port: 8443 },
        adapters: { nfs: { port: 2049 }, smb: { enabled: true, port: 445 } },
        service: {
          type: 'LoadBalancer',
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
        },
        adapterServices: {
          type: 'NodePort',
          annotations: { 'metallb.universe.tf/address-pool': 'files' },
        },
        identity: {
          jwt: { secretRef: { name: 'team-jwt', key: 'signing-key' } },
          admin: { passwordSecretRef: { name: 'team-admin', key: 'password' } },
        },
        logging: { level: 'DEBUG', format: 'text' },
        metrics: { enabled: true, port: 9100 },
        terminationGracePeriodSeconds: 300,
        securityContext: {
          capabilities: { add: ['NET_BIND_SERVICE'] },
          readOnlyRootFilesystem: true,
        },
        podSecurityContext: { fsGroup: 2000, supplementalGroups: [3000] },
        deletionProtection: true,
      }),
      credentials: [credentialsSecret()],
      required: {
        'jwt-secret': [userSecret('team-jwt', { 'signing-key': 'k'.repeat(48) })],
        'admin-secret': [userSecret('team-admin', { password: 'correct horse battery' })],
      },
    }),
  },
  {
    name: 'external-postgres',
    reason: 'an external PostgreSQL from a Secret, no Percona',
    parts: { xr: spec({ database: { postgresSecretRef: { name: 'shared-postgres' } } }) },
  },
  {
    name: 'configure-job',
    reason: 'the server observed available: the configure Job for the current hash',
    parts: observedIn({ xr: spec({}) }, AVAILABLE),
  },
  {
    name: 'configure-job-every-store',
    reason: 'badger and postgres, local and remote stores, two shares, SMB: the Job env',
    parts: observedIn({ xr: spec(EVERY_STORE) }, AVAILABLE),
  },
  {
    name: 'configure-job-kept',
    reason: 'a configure Job observed running: kept as observed, nothing rebuilt',
    parts: observedIn({ xr: spec({}) }, AVAILABLE, { ...AVAILABLE, job: 'running' }),
  },
  {
    name: 'network-policy-off',
    reason: 'networkPolicy.enabled false: no NetworkPolicy',
    parts: { xr: spec({ networkPolicy: { enabled: false } }) },
  },
  {
    name: 'legacy-claim',
    reason: 'a legacy XDittoServer composes into its claim namespace, protected by a ClusterUsage',
    parts: { xr: legacyXr({ deletionProtection: true }, 'team-b') },
  },
];

describe('composed manifests', () => {
  it.each(cases)('$name: $reason', async ({ name, parts }) => {
    const rsp = callFunction(request(parts), { secretKey: TEST_SECRET_KEY });
    expect(rsp.results.filter((result) => result.severity === Severity.SEVERITY_FATAL)).toEqual([]);
    const objects = Object.values(desiredObjects(rsp));
    for (const object of objects) {
      const problems = validateComposedObject(object);
      const name = JSON.stringify([object.kind, (object.metadata as JsonObject).name]);
      expect({ name, problems }).toEqual({ name, problems: [] });
    }
    await expect(yamlStream(objects)).toMatchFileSnapshot(`../golden/compose/${name}.yaml`);
  });
});
