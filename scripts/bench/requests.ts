/**
 * The benchmark's request streams, encoded up front so the load generator spends no CPU on
 * protobuf. Every stream starts from the full example as Crossplane sends it once everything
 * is ready: examples/xr-full.yaml as the observed XR, the objects of
 * examples/observed/ready.yaml keyed by their `crossplane.io/composition-resource-name`,
 * examples/credentials-secret.yaml as the required Secrets the function asks for, a week of
 * PerconaPGBackups and the configure Job's pod as its other requirements
 * (lifecycle-required.ts), and the Input of the modern Composition. Every object is as the API server returns it: with its
 * `metadata.managedFields` (one entry per field manager: Crossplane's server-side apply, the
 * user's kubectl, kube-controller-manager, the cloud controller, the Percona operator), and
 * the XR with Crossplane's finalizer, label, `spec.crossplane` and the status the function
 * wrote on its previous call (scripts/bench/realistic.ts). Crossplane strips nothing from
 * what it sends a function, so neither does the benchmark; both servers get the same bytes.
 */
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { lifecycleRequired } from './lifecycle-required.js';
import { composedManager, object, type Json } from './managed-fields.js';
import { realistic, XR_GROUP_KIND } from './realistic.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESOURCE_NAME_ANNOTATION = 'crossplane.io/composition-resource-name';
/** Spelled in the examples: replaced per XR and per reconcile. */
const EXAMPLE_NAME = 'demo-full';
const EXAMPLE_UID = '08295a69-265a-453b-810c-0b2d3e59ec07';
const EXAMPLE_TIME = '2026-11-20T09:00:00Z';
/** Crossplane's field manager on the example's composed objects: it hashes the XR's name. */
const EXAMPLE_MANAGER = composedManager(EXAMPLE_NAME, XR_GROUP_KIND);

export type Stream = {
  readonly name: string;
  /** What the stream is, for the report. */
  readonly note: string;
  /** Sent round-robin, each call the next one. */
  readonly requests: readonly Buffer[];
};

const readYaml = (path: string) => parse(readFileSync(resolve(ROOT, path), 'utf8')) as Json;

/** A Secret of examples/credentials-secret.yaml, which holds the ones the full example reads. */
function secret(name: string): Json {
  const secrets = parseAllDocuments(
    readFileSync(resolve(ROOT, 'examples/credentials-secret.yaml'), 'utf8'),
  ).map((document) => document.toJS() as Json);
  const found = secrets.find((object) => (object.metadata as Json | undefined)?.name === name);
  if (!found) throw new Error(`examples/credentials-secret.yaml has no Secret ${name}`);
  return found;
}

function observedResources(path: string): Record<string, { resource: Json }> {
  const out: Record<string, { resource: Json }> = {};
  for (const doc of parseAllDocuments(readFileSync(resolve(ROOT, path), 'utf8'))) {
    const resource = doc.toJS() as Json;
    const metadata = resource.metadata as { annotations?: Record<string, string> };
    const name = metadata.annotations?.[RESOURCE_NAME_ANNOTATION];
    if (name !== undefined) out[name] = { resource };
  }
  return out;
}

/** The full example as one RunFunctionRequest, in JSON, as Crossplane sends it. */
export function fullExample(): Json {
  const xr = readYaml('examples/xr-full.yaml');
  const metadata = xr.metadata as Json;
  const composition = readYaml('package/configuration/modern/composition.yaml');
  const input = (composition.spec as { pipeline: { input: Json }[] }).pipeline[0]?.input;
  const base = {
    meta: { tag: 'bench' },
    observed: {
      composite: {
        resource: {
          ...xr,
          metadata: { ...metadata, uid: EXAMPLE_UID, generation: 1, resourceVersion: '4000' },
        },
      },
      resources: observedResources('examples/observed/ready.yaml'),
    },
    input,
    requiredResources: {
      'backup-credentials': { items: [{ resource: secret('s3-credentials') }] },
      'jwt-secret': { items: [{ resource: secret('demo-full-identity') }] },
      'admin-secret': { items: [{ resource: secret('demo-full-identity') }] },
    },
  };
  const served = realistic(base, encode, EXAMPLE_TIME);
  const resources = Object.values(object(object(served.observed).resources));
  const job = resources.map((entry) => object(object(entry).resource)).find(isJob);
  if (!job) throw new Error('examples/observed/ready.yaml has no configure Job');
  return {
    ...served,
    requiredResources: {
      ...object(served.requiredResources),
      ...lifecycleRequired(EXAMPLE_NAME, job, EXAMPLE_TIME),
    },
  };
}

const isJob = (resource: Json) => resource.kind === 'Job';

export function encode(json: Json): Buffer {
  return Buffer.from(RunFunctionRequest.encode(RunFunctionRequest.fromJSON(json)).finish());
}

/** A uid of the usual shape, distinct per XR. */
const fakeUid = (index: number) =>
  `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/**
 * XR number `index` (named `<prefix>-0042`) at reconcile `round`: every resourceVersion and
 * timestamp moves on, as between two real reconciles, so no two calls of a stream carry the
 * same bytes, and every object stays as ready as in the example (an observedGeneration moved
 * alone would make the PerconaPGCluster not ready: another path than a running fleet's).
 */
function reconcile(template: string, prefix: string, index: number, round: number): Json {
  const name = `${prefix}-${String(index).padStart(4, '0')}`;
  const time = new Date(Date.parse(EXAMPLE_TIME) + (round * 3600 + index) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
  const json = template
    .replaceAll(EXAMPLE_MANAGER, composedManager(name, XR_GROUP_KIND))
    .replaceAll(EXAMPLE_NAME, name)
    .replaceAll(EXAMPLE_UID, fakeUid(index))
    .replaceAll(EXAMPLE_TIME, time)
    .replaceAll(/"resourceVersion":"(\d+)"/g, (_, version: string) => {
      return `"resourceVersion":"${Number(version) + round * 100_000 + index}"`;
    });
  return JSON.parse(json) as Json;
}

/** `count` XRs, each reconciled `rounds` times, in the order Crossplane would call them. */
function fleet(base: Json, prefix: string, count: number, rounds: number): Buffer[] {
  const template = JSON.stringify(base);
  const out: Buffer[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < count; index++) {
      out.push(encode(reconcile(template, prefix, index, round)));
    }
  }
  return out;
}

/** `totalBytes` of annotations on the XR, in 16 KiB values of varied text. */
function withAnnotations(json: Json, totalBytes: number): Json {
  const annotations: Record<string, string> = {};
  const valueBytes = 16 * 1024;
  for (let i = 0; i * valueBytes < totalBytes; i++) {
    const size = Math.min(valueBytes, totalBytes - i * valueBytes);
    annotations[`bench.dittofs.com/note-${i}`] = `${i}:`.padEnd(size, 'lorem ipsum dolor ');
  }
  const observed = json.observed as { composite: { resource: Json } };
  const xr = observed.composite.resource;
  const metadata = xr.metadata as Json;
  const merged = { ...(metadata.annotations as Record<string, string>), ...annotations };
  return {
    ...json,
    observed: {
      ...observed,
      composite: { resource: { ...xr, metadata: { ...metadata, annotations: merged } } },
    },
  };
}

/** `count` ConfigMaps an earlier pipeline step composed, which this step must pass on. */
function withEarlierDesired(json: Json, count: number): Json {
  const resources: Record<string, { resource: Json }> = {};
  for (let i = 0; i < count; i++) {
    const name = `earlier-${String(i).padStart(4, '0')}`;
    resources[name] = {
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'team-a', labels: { 'app.kubernetes.io/part-of': 'bench' } },
        data: { index: String(i), 'settings.yaml': `replicas: ${i % 5}\nmode: bench\n` },
      },
    };
  }
  return { ...json, desired: { resources } };
}

/** Reconciles per XR in the fleet stream: enough that a phase never repeats a request. */
const FLEET_ROUNDS = 4;

export const FLEET_SIZE = 1_000;
export const BIG_FLEET = { size: 600, annotationBytes: 100 * 1024 } as const;

/** The streams of issue 9's table, in the order they are reported; `only` names some. */
export function benchStreams(only?: readonly string[]): Stream[] {
  const full = fullExample();
  const bytes = (requests: readonly Buffer[]) =>
    `${((requests[0]?.length ?? 0) / 1024).toFixed(1)} KiB`;
  const streams: [string, string, () => Buffer[]][] = [
    [
      'fleet',
      `${FLEET_SIZE} XRs round-robin, ${FLEET_ROUNDS} reconciles each`,
      () => fleet(full, 'fleet', FLEET_SIZE, FLEET_ROUNDS),
    ],
    ['repeated', 'the full example, the same bytes every call', () => [encode(full)]],
    [
      'passthrough',
      '1,000 ConfigMaps from an earlier step passed through',
      () => [encode(withEarlierDesired(full, 1_000))],
    ],
    [
      'annotations 1 MiB',
      'the XR carries 1 MiB of annotations',
      () => [encode(withAnnotations(full, 1024 * 1024))],
    ],
    [
      'big fleet',
      `${BIG_FLEET.size} XRs with ${BIG_FLEET.annotationBytes / 1024} KiB of annotations each`,
      () => fleet(withAnnotations(full, BIG_FLEET.annotationBytes), 'big', BIG_FLEET.size, 1),
    ],
  ];
  return streams
    .filter(([name]) => only === undefined || only.includes(name))
    .map(([name, note, make]) => {
      const requests = make();
      return { name, note: `${note} (${bytes(requests)} a request)`, requests };
    });
}
