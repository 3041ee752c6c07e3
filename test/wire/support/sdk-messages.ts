/**
 * The SDK's messages on both sides of the codec: what the SDK decodes from a request, cut to
 * the fields the function reads, beside what our decoder gives (its bytes decoded with the
 * SDK); and the RunFunctionResponse a FunctionResponse stands for.
 */
import {
  Ready,
  Resource,
  Severity,
  Status,
  Target,
  type Condition as SdkCondition,
  type Resource as SdkResource,
  type Result as SdkResult,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { FunctionRequest, FunctionResponse, JsonObject } from '../../../src/wire/types.js';
import { sdkStruct } from './sdk-struct.js';

/** The SDK's enum member for a number (our copies carry the same numbers). */
function member<T>(members: readonly (T | undefined)[], value: number): T {
  const found = members[value];
  if (found === undefined) throw new Error(`no enum member numbered ${value}`);
  return found;
}
const READY = [Ready.READY_UNSPECIFIED, Ready.READY_TRUE, Ready.READY_FALSE];
const SEVERITY = [
  undefined,
  Severity.SEVERITY_FATAL,
  Severity.SEVERITY_WARNING,
  Severity.SEVERITY_NORMAL,
];
const TARGET = [undefined, Target.TARGET_COMPOSITE, Target.TARGET_COMPOSITE_AND_CLAIM];
const STATUS = [
  undefined,
  Status.STATUS_CONDITION_UNKNOWN,
  Status.STATUS_CONDITION_TRUE,
  Status.STATUS_CONDITION_FALSE,
];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** A Resource with its bytes as hex, for comparisons that print readably. */
function comparableResource(resource: SdkResource) {
  return { ...resource, connectionDetails: mapValues(resource.connectionDetails, hex) };
}

/** The request's decoded fields, in a shape both sides are brought to. */
export type ComparableRequest = {
  tag: string;
  observedComposite: JsonObject | undefined;
  observedResources: Record<string, JsonObject>;
  desiredComposite: unknown;
  passThrough: Record<string, unknown>;
  input: JsonObject | undefined;
  context: JsonObject | undefined;
  requiredResources: Record<string, readonly JsonObject[]>;
  extraResources: Record<string, readonly JsonObject[]>;
};

/**
 * Fields the decoder skips unread, as decode-request.ts states the rule: paths from the
 * object's root, the last segment removed whatever its value, the others objects.
 */
export const UNREAD_METADATA = ['managedFields', 'annotations'].map((field) => ['metadata', field]);
export const UNREAD_IN_XR = [
  ['metadata', 'managedFields'],
  ['metadata', 'annotations'],
  ['spec', 'crossplane'],
];
export const unreadInComposed = (key: string) =>
  key === 'deployment' ? [...UNREAD_METADATA, ['spec', 'template']] : UNREAD_METADATA;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function without(object: JsonObject, path: readonly string[]): JsonObject {
  const [field, ...rest] = path;
  if (field === undefined || !Object.hasOwn(object, field)) return object;
  if (rest.length === 0)
    return Object.fromEntries(Object.entries(object).filter(([k]) => k !== field));
  const inner = object[field];
  return isObject(inner) ? { ...object, [field]: without(inner, rest) } : object;
}

/** `object` without the fields at `paths`; the objects on the way are copied, not changed. */
export const withoutUnread = (object: JsonObject, paths: readonly (readonly string[])[]) =>
  paths.reduce(without, object);

/**
 * The SDK's decoding of a request, cut to what FunctionRequest holds: the function's own
 * observed resources, required resources that carry a body, and not the fields skipped unread.
 */
export function fromSdk(
  sdk: RunFunctionRequest,
  owns: (key: string) => boolean,
): ComparableRequest {
  const observed = sdk.observed?.resources ?? {};
  const desired = sdk.desired?.resources ?? {};
  const composite = sdk.desired?.composite;
  const items = (resources: { items: SdkResource[] }) =>
    resources.items.flatMap((item) =>
      item.resource === undefined ? [] : [withoutUnread(item.resource, UNREAD_METADATA)],
    );
  const xr = sdk.observed?.composite?.resource;
  return {
    tag: sdk.meta?.tag ?? '',
    observedComposite: xr && withoutUnread(xr, UNREAD_IN_XR),
    observedResources: Object.fromEntries(
      Object.entries(observed).flatMap(([key, resource]) =>
        owns(key) && resource.resource !== undefined
          ? [[key, withoutUnread(resource.resource, unreadInComposed(key))]]
          : [],
      ),
    ),
    desiredComposite: composite === undefined ? undefined : comparableResource(composite),
    passThrough: Object.fromEntries(
      Object.entries(desired)
        .filter(([key]) => !owns(key))
        .map(([key, resource]) => [key, comparableResource(resource)]),
    ),
    input: sdk.input,
    context: sdk.context,
    requiredResources: mapValues(sdk.requiredResources, items),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- decoded like the current map
    extraResources: mapValues(sdk.extraResources, items),
  };
}

/** Our decoding, the bytes it keeps decoded with the SDK. */
export function fromWire(req: FunctionRequest): ComparableRequest {
  const composite = req.desiredComposite;
  return {
    tag: req.tag,
    observedComposite: req.observedComposite,
    observedResources: { ...req.observedResources },
    desiredComposite:
      composite === undefined
        ? undefined
        : {
            resource: composite.resource,
            connectionDetails: mapValues(composite.connectionDetails, hex),
            ready: composite.ready,
          },
    passThrough: Object.fromEntries(
      req.passThrough.map(({ key, bytes }) => [key, comparableResource(Resource.decode(bytes))]),
    ),
    input: req.input,
    context: req.context === undefined ? undefined : sdkStruct(req.context),
    requiredResources: { ...req.requiredResources },
    extraResources: { ...req.extraResources },
  };
}

/**
 * The SDK message `rsp` stands for: pass-through resources decoded (the SDK keeps no bytes),
 * the requirements' other maps empty, and a later map entry replacing an earlier one as it
 * does when decoding.
 */
export function sdkResponse(rsp: FunctionResponse): RunFunctionResponse {
  const resources: Record<string, SdkResource> = {};
  for (const { key, bytes } of rsp.passThrough) resources[key] = Resource.decode(bytes);
  for (const { key, resource, ready } of rsp.composed) {
    resources[key] = { resource, connectionDetails: {}, ready: member(READY, ready) };
  }
  const composite = rsp.desiredComposite;
  return {
    meta: { tag: rsp.tag, ttl: { seconds: rsp.ttlSeconds, nanos: 0 } },
    desired: {
      composite:
        composite === undefined
          ? undefined
          : {
              resource: composite.resource,
              connectionDetails: mapValues(composite.connectionDetails, (value) =>
                Buffer.from(value),
              ),
              ready: member(READY, composite.ready),
            },
      resources,
    },
    results: rsp.results.map(({ severity, target, ...rest }): SdkResult => ({
      ...rest,
      severity: member(SEVERITY, severity),
      ...(target === undefined ? {} : { target: member(TARGET, target) }),
    })),
    context: rsp.context === undefined ? undefined : sdkStruct(rsp.context),
    requirements: {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- sent empty, still encoded
      extraResources: {},
      resources: mapValues(rsp.requirements, ({ matchLabels, ...selector }) => ({
        ...selector,
        ...(matchLabels === undefined ? {} : { matchLabels: { labels: matchLabels } }),
      })),
      schemas: {},
    },
    conditions: rsp.conditions.map(({ status, target, ...rest }): SdkCondition => ({
      ...rest,
      status: member(STATUS, status),
      ...(target === undefined ? {} : { target: member(TARGET, target) }),
    })),
  };
}
