/**
 * The benchmark's request made as Crossplane really sends it once the XR has been reconciled
 * before: every object as the API server returns it, `metadata.managedFields` included
 * (scripts/bench/managed-fields.ts says whose), the XR with what Crossplane adds to it (its
 * finalizer, the `crossplane.io/composite` label, `spec.crossplane`) and the status the
 * function itself wrote on the previous call. Both servers receive these same bytes: this is
 * realism, not tuning.
 *
 * What Crossplane's manager owns on each composed object is what the function desired: the
 * function is run once, in this process, on the request without managedFields, and its
 * composed objects and status are read from its answer.
 */
import { runFunction } from '../../src/function.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import type { JsonObject } from '../../src/wire/types.js';
import {
  composedManager,
  controllerEntries,
  entry,
  fields,
  object,
  ownedBy,
  type Entry,
  type Json,
} from './managed-fields.js';

type Resource = { resource: Json };

/** The modern XR's group kind, as Go's `GroupKind.String()` spells it. */
export const XR_GROUP_KIND = 'DittoServer.storage.dittofs.com';
const COMPOSITION = 'dittoservers.storage.dittofs.com';
const CONDITION_STATUS = ['', 'Unknown', 'True', 'False'];

/** `value` without `keys`. */
function without(value: Json, ...keys: string[]): Json {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** The function's answer to `request`: its composed objects by key, and the XR status. */
function functionAnswer(request: Uint8Array): { composed: Map<string, JsonObject>; status: Json } {
  const rsp = runFunction(decodeRunFunctionRequest(request, owns), { secretKey: Buffer.alloc(32) });
  const composed = new Map(rsp.composed.map(({ key, resource }) => [key, resource]));
  const status = object(rsp.desiredComposite?.resource?.status);
  const conditions = rsp.conditions.map((condition) => ({
    type: condition.type,
    status: CONDITION_STATUS[condition.status],
    reason: condition.reason,
    ...(condition.message === undefined ? {} : { message: condition.message }),
  }));
  return { composed, status: { ...status, conditions } };
}

/** A composed object as observed: Crossplane's entry, then the controllers'. */
function observedComposed(
  observed: Json,
  desired: JsonObject | undefined,
  manager: string,
  time: string,
): Json {
  const metadata = object(observed.metadata);
  const applied = ownedBy(
    {
      labels: metadata.labels,
      annotations: metadata.annotations,
      ownerReferences: metadata.ownerReferences,
    },
    without(desired ?? observed, 'apiVersion', 'kind', 'metadata', 'status'),
  );
  const apiVersion = String(observed.apiVersion);
  const controllers = controllerEntries(observed, time);
  const managedFields: Entry[] = [
    entry(manager, 'Apply', apiVersion, time, applied),
    ...controllers.entries,
  ];
  return {
    ...observed,
    metadata: {
      ...metadata,
      annotations: { ...object(metadata.annotations), ...controllers.annotations },
      managedFields,
    },
  };
}

/** The XR as Crossplane reads it back: what it added to what the user applied. */
function observedXr(
  xr: Json,
  resources: Record<string, Resource>,
  status: Json,
  time: string,
): Json {
  const metadata = object(xr.metadata);
  const name = String(metadata.name);
  const apiVersion = String(xr.apiVersion);
  const userSpec = object(xr.spec);
  const labels = { 'crossplane.io/composite': name };
  const finalizers = ['composite.apiextensions.crossplane.io'];
  const references = {
    compositionRef: { name: COMPOSITION },
    compositionRevisionRef: { name: `${COMPOSITION}-5d1c0a7` },
    compositionUpdatePolicy: 'Automatic',
  };
  const resourceRefs = Object.values(resources).map(({ resource }) => ({
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: object(resource.metadata).name,
  }));
  const conditions = [
    { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    { type: 'Ready', status: 'True', reason: 'Available' },
    ...(status.conditions as Json[]),
  ].map((condition) => ({
    ...condition,
    lastTransitionTime: time,
    observedGeneration: metadata.generation,
  }));
  const fullStatus = { ...status, conditions };
  const managedFields: Entry[] = [
    entry('kubectl', 'Apply', apiVersion, time, fields({ spec: userSpec })),
    entry(
      'crossplane',
      'Update',
      apiVersion,
      time,
      ownedBy({ finalizers, labels }, { spec: { crossplane: references } }),
    ),
    entry(
      'apiextensions.crossplane.io/composite',
      'Apply',
      apiVersion,
      time,
      fields({ spec: { crossplane: { resourceRefs } } }),
    ),
    entry(
      'apiextensions.crossplane.io/composite',
      'Apply',
      apiVersion,
      time,
      fields({ status: fullStatus }),
      'status',
    ),
  ];
  return {
    ...xr,
    metadata: { ...metadata, labels, finalizers, creationTimestamp: time, managedFields },
    spec: { ...userSpec, crossplane: { ...references, resourceRefs } },
    status: fullStatus,
  };
}

/** A Secret the user applied, as the API server returns it. */
function observedSecret(secret: Json, index: number, time: string): Json {
  const metadata = object(secret.metadata);
  return {
    ...secret,
    metadata: {
      ...metadata,
      uid: `5ec7e700-0000-4000-8000-${String(index).padStart(12, '0')}`,
      resourceVersion: String(3900 + index),
      creationTimestamp: time,
      managedFields: [
        entry(
          'kubectl',
          'Apply',
          'v1',
          time,
          fields(without(secret, 'apiVersion', 'kind', 'metadata')),
        ),
      ],
    },
  };
}

/**
 * `base` (a RunFunctionRequest in JSON, as requests.ts builds it) as Crossplane sends it;
 * `encode` is the SDK's encoder, `time` the example's timestamp the fleet moves on.
 */
export function realistic(base: Json, encode: (json: Json) => Uint8Array, time: string): Json {
  const { composed, status } = functionAnswer(encode(base));
  const observed = object(base.observed);
  const xr = object(object(observed.composite).resource);
  const resources = observed.resources as Record<string, Resource>;
  const manager = composedManager(String(object(xr.metadata).name), XR_GROUP_KIND);
  const realResources = Object.fromEntries(
    Object.entries(resources).map(([key, { resource }]) => [
      key,
      { resource: observedComposed(resource, composed.get(key), manager, time) },
    ]),
  );
  const secrets = new Map<string, Json>();
  const required = Object.fromEntries(
    Object.entries(object(base.requiredResources)).map(([key, value]) => {
      const items = (object(value).items as Resource[]).map(({ resource }) => {
        const name = String(object(resource.metadata).name);
        const found = secrets.get(name) ?? observedSecret(resource, secrets.size, time);
        secrets.set(name, found);
        return { resource: found };
      });
      return [key, { items }];
    }),
  );
  return {
    ...base,
    observed: {
      composite: { resource: observedXr(xr, resources, status, time) },
      resources: realResources,
    },
    requiredResources: required,
  };
}
