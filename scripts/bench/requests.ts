/**
 * The two benchmark requests, encoded once up front so the load generator spends no CPU on
 * protobuf: the full example (examples/xr-full.yaml observed ready, its credentials Secret as a
 * required resource, the Composition's Input) and the same plus ~3 MB of extra observed state.
 */
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const RESOURCE_NAME_ANNOTATION = 'crossplane.io/composition-resource-name';

type Json = Record<string, unknown>;

export type BenchRequest = {
  readonly name: string;
  readonly encoded: Buffer;
  /** How the request was made, for the report (e.g. a fallback when examples are missing). */
  readonly note: string;
};

function readYaml(path: string): Json | undefined {
  const file = resolve(ROOT, path);
  // The first document: examples/credentials-secret.yaml holds two Secrets.
  return existsSync(file)
    ? (parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJS() as Json | undefined)
    : undefined;
}

function observedResources(path: string): Record<string, { resource: Json }> {
  const file = resolve(ROOT, path);
  if (!existsSync(file)) return {};
  const out: Record<string, { resource: Json }> = {};
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const resource = doc.toJS() as Json | null;
    const metadata = resource?.metadata as { annotations?: Record<string, string> } | undefined;
    const name = metadata?.annotations?.[RESOURCE_NAME_ANNOTATION];
    if (resource && name !== undefined) out[name] = { resource };
  }
  return out;
}

function compositionInput(): Json | undefined {
  const composition = readYaml('package/configuration/modern/composition.yaml');
  const pipeline = (composition?.spec as { pipeline?: { input?: Json }[] } | undefined)?.pipeline;
  return pipeline?.[0]?.input;
}

/** When the examples are missing: a Percona-with-backup XR, nothing observed yet. */
const SYNTHESIZED_XR: Json = {
  apiVersion: 'storage.dittofs.com/v1alpha1',
  kind: 'DittoServer',
  metadata: { name: 'demo-full', namespace: 'team-a' },
  spec: {
    storage: { metadataSize: '10Gi', contentSize: '100Gi' },
    percona: {
      enabled: true,
      backup: {
        enabled: true,
        bucket: 'dittofs-backups',
        endpoint: 'https://minio.storage.svc:9000',
        credentialsSecretRef: { name: 's3-credentials' },
      },
    },
  },
};

function fullExample(): { json: Json; note: string } {
  const xr = readYaml('examples/xr-full.yaml');
  const observed = observedResources('examples/observed/ready.yaml');
  const secret = readYaml('examples/credentials-secret.yaml');
  const input = compositionInput();
  const missing = [
    xr ? '' : 'examples/xr-full.yaml',
    Object.keys(observed).length > 0 ? '' : 'examples/observed/ready.yaml',
    secret ? '' : 'examples/credentials-secret.yaml',
  ].filter(Boolean);
  return {
    json: {
      meta: { tag: 'bench' },
      observed: { composite: { resource: xr ?? SYNTHESIZED_XR }, resources: observed },
      ...(input ? { input } : {}),
      ...(secret
        ? { requiredResources: { 'backup-credentials': { items: [{ resource: secret }] } } }
        : {}),
    },
    note:
      missing.length === 0
        ? `examples/xr-full.yaml, ${Object.keys(observed).length} observed (ready.yaml), ` +
          `credentials Secret${input ? ', Composition Input' : ''}`
        : `SYNTHESIZED: missing ${missing.join(', ')}`,
  };
}

/** ~3 MB of extra observed state: 30 ConfigMaps of 100 KB, as a busy namespace might hold. */
function withBulk(json: Json): Json {
  const observed = json.observed as { resources: Record<string, unknown> };
  const extra: Record<string, unknown> = {};
  for (let i = 0; i < 30; i++) {
    const name = `extra-${String(i).padStart(2, '0')}`;
    extra[name] = {
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'team-a' },
        data: { blob: 'x'.repeat(100_000) },
      },
    };
  }
  return { ...json, observed: { ...observed, resources: { ...observed.resources, ...extra } } };
}

function encode(json: Json): Buffer {
  return Buffer.from(RunFunctionRequest.encode(RunFunctionRequest.fromJSON(json)).finish());
}

export function benchRequests(): BenchRequest[] {
  const full = fullExample();
  return [
    { name: 'full example', encoded: encode(full.json), note: full.note },
    {
      name: 'large (+3 MB observed)',
      encoded: encode(withBulk(full.json)),
      note: '30 extra observed ConfigMaps of 100 KB',
    },
  ];
}
