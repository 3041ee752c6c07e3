/**
 * Requests the warm-up plays, built in code (the image holds no examples): between them they
 * take every stage of the pipeline through its common branches, so V8 compiles what real
 * calls run. Values are made up; the credentials are not secrets.
 */
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { CREDENTIALS_REQUIREMENT } from '../names.js';
import type { ResourceKey } from '../resources.js';

export type Json = Record<string, unknown>;

const NAMESPACE = 'warm-up';

/** The Input the published Composition passes (package/configuration/modern/composition.yaml). */
const INPUT: Json = {
  apiVersion: 'dittoserver.fn.dittofs.com/v1beta1',
  kind: 'Input',
  images: { dittofs: 'marmos91c/dittofs:v0.29.0' },
  percona: { crVersion: '2.8.2' },
  ttl: '60s',
};

function dittoServer(name: string, spec: Json): Json {
  return {
    apiVersion: 'storage.dittofs.com/v1alpha1',
    kind: 'DittoServer',
    metadata: { name, namespace: NAMESPACE, uid: `00000000-0000-4000-8000-${name}`, generation: 1 },
    spec,
  };
}

/** Percona with pgBackRest backups, both adapters on LoadBalancers, metrics, resources. */
export const PERCONA_WITH_BACKUP = dittoServer('percona', {
  replicas: 1,
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '2Gi' } },
  storage: { metadataSize: '10Gi', contentSize: '100Gi', storageClassName: 'standard' },
  percona: {
    enabled: true,
    replicas: 2,
    pgBouncer: { replicas: 1 },
    backup: {
      enabled: true,
      bucket: 'dittofs-backups',
      endpoint: 'https://minio.storage.svc:9000',
      region: 'eu-west-1',
      credentialsSecretRef: { name: 's3-credentials' },
      fullSchedule: '0 2 * * *',
      retentionDays: 14,
    },
  },
  adapters: { nfs: { enabled: true }, smb: { enabled: true } },
  adapterServices: { type: 'LoadBalancer', annotations: { 'example.com/internal': 'true' } },
  metrics: { enabled: true },
  securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
});

/** An external PostgreSQL database named by a Secret, no Percona. */
export const EXTERNAL_POSTGRES = dittoServer('external', {
  storage: { metadataSize: '10Gi' },
  database: { type: 'postgres', postgresSecretRef: { name: 'dittofs-postgres' } },
  identity: { jwt: { secretRef: { name: 'dittofs-identity', key: 'jwt' } } },
});

/** Several invalid fields at once: the FATAL path with its field-by-field message. */
export const INVALID = dittoServer('invalid', {
  storage: { metadataSize: 'ten gigabytes' },
  replicas: -1,
  percona: { enabled: true, backup: { enabled: true } },
});

/** The backup credentials Secret as Crossplane returns it: plain keys, base64 data. */
export const CREDENTIALS_SECRET: Json = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's3-credentials', namespace: NAMESPACE },
  data: {
    AWS_ACCESS_KEY_ID: Buffer.from('WARMUPKEYID').toString('base64'),
    AWS_SECRET_ACCESS_KEY: Buffer.from('warm-up/not-a-secret').toString('base64'),
  },
};

/** A request from its JSON form (the SDK's `fromJSON`), as Crossplane's bytes. */
export function encodeRequest(request: Json): Uint8Array {
  return RunFunctionRequest.encode(RunFunctionRequest.fromJSON(request)).finish();
}

/** A first reconcile: the XR alone. */
export function firstRequest(xr: Json): Json {
  return { meta: { tag: 'warm-up' }, observed: { composite: { resource: xr } }, input: INPUT };
}

/** A later reconcile: what the function desired now exists and is ready, credentials found. */
export function readyRequest(xr: Json, desired: Readonly<Record<string, Json>>): Json {
  const resources: Record<string, { resource: Json }> = {};
  for (const [key, object] of Object.entries(desired)) {
    resources[key] = { resource: observedReady(key as ResourceKey, object) };
  }
  return {
    meta: { tag: 'warm-up' },
    observed: { composite: { resource: xr }, resources },
    input: INPUT,
    requiredResources: { [CREDENTIALS_REQUIREMENT]: { items: [{ resource: CREDENTIALS_SECRET }] } },
  };
}

/** `object` as the API server and its controller report it once it is up. */
function observedReady(key: ResourceKey, object: Json): Json {
  const metadata = { ...(object.metadata as Json), uid: `uid-${key}`, generation: 1 };
  return { ...object, metadata, ...readyStatus(object) };
}

function readyStatus(object: Json): Json {
  switch (object.kind) {
    case 'PersistentVolumeClaim':
      return { status: { phase: 'Bound', capacity: { storage: '10Gi' } } };
    case 'Deployment':
      return {
        status: {
          observedGeneration: 1,
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
          conditions: [{ type: 'Available', status: 'True' }],
        },
      };
    case 'PerconaPGCluster':
      return {
        status: {
          state: 'ready',
          host: 'percona-postgres-pgbouncer.warm-up.svc',
          observedGeneration: 1,
          pgbackrest: { repos: [{ name: 'repo1', stanzaCreated: true }] },
          conditions: [{ type: 'ReadyForBackup', status: 'True' }],
        },
      };
    case 'Service':
      return { status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } };
    default:
      return {};
  }
}
