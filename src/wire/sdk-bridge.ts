/**
 * TEMPORARY: the request/response codec built on the SDK's ts-proto messages, with the same
 * signatures as the wire module's own decoder and encoder. It lets the pipeline speak
 * FunctionRequest/FunctionResponse while that codec is written; it goes when it lands.
 */
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-deprecated -- the SDK's enums and deprecated map, until this file goes */
import {
  Resource,
  RunFunctionRequest,
  RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { FunctionRequest, FunctionResponse, Ready } from './types.js';

const items = (map: Record<string, { items: Resource[] }>) =>
  Object.fromEntries(
    Object.entries(map).map(([key, { items: list }]) => [
      key,
      list.flatMap((item) => (item.resource ? [item.resource] : [])),
    ]),
  );

/** The Struct bytes of `context`, cut out of a response that holds only it (field 4). */
function contextBytes(context: Record<string, unknown> | undefined): Uint8Array | undefined {
  if (context === undefined) return undefined;
  const message = RunFunctionResponse.encode(RunFunctionResponse.fromPartial({ context })).finish();
  let offset = 1;
  while ((message[offset] ?? 0) & 0x80) offset++;
  return message.subarray(offset + 1);
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
}

function contextObject(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (bytes === undefined) return undefined;
  const message = Buffer.concat([Buffer.from([0x22, ...varint(bytes.length)]), bytes]);
  return RunFunctionResponse.decode(message).context;
}

export function decodeRunFunctionRequest(
  bytes: Uint8Array,
  owns: (key: string) => boolean,
): FunctionRequest {
  const req = RunFunctionRequest.decode(bytes);
  const observed = req.observed?.resources ?? {};
  const desired = req.desired?.resources ?? {};
  const composite = req.desired?.composite;
  return {
    tag: req.meta?.tag ?? '',
    observedComposite: req.observed?.composite?.resource,
    observedResources: Object.fromEntries(
      Object.entries(observed).flatMap(([key, value]) =>
        owns(key) && value.resource ? [[key, value.resource]] : [],
      ),
    ),
    desiredComposite: composite && {
      resource: composite.resource,
      connectionDetails: composite.connectionDetails,
      ready: composite.ready as Ready,
    },
    passThrough: Object.entries(desired)
      .filter(([key]) => !owns(key))
      .map(([key, value]) => ({ key, bytes: Resource.encode(value).finish() })),
    input: req.input,
    context: contextBytes(req.context),
    requiredResources: items(req.requiredResources),
    extraResources: items(req.extraResources),
  };
}

export function encodeRunFunctionResponse(rsp: FunctionResponse): Buffer {
  const resources: Record<string, Resource> = {};
  for (const { key, bytes } of rsp.passThrough) resources[key] = Resource.decode(bytes);
  for (const { key, resource, ready } of rsp.composed) {
    resources[key] = { resource, connectionDetails: {}, ready };
  }
  const composite = rsp.desiredComposite;
  const message: RunFunctionResponse = {
    meta: { tag: rsp.tag, ttl: { seconds: rsp.ttlSeconds, nanos: 0 } },
    desired: {
      composite: composite && {
        resource: composite.resource,
        connectionDetails: Object.fromEntries(
          Object.entries(composite.connectionDetails).map(([key, value]) => [
            key,
            Buffer.from(value),
          ]),
        ),
        ready: composite.ready,
      },
      resources,
    },
    results: rsp.results.map((result) => ({ ...result })),
    context: contextObject(rsp.context),
    requirements: {
      extraResources: {},
      resources: Object.fromEntries(
        Object.entries(rsp.requirements).map(([key, { matchLabels, ...selector }]) => [
          key,
          { ...selector, ...(matchLabels && { matchLabels: { labels: { ...matchLabels } } }) },
        ]),
      ),
      schemas: {},
    },
    conditions: rsp.conditions.map((condition) => ({ ...condition })),
  };
  return Buffer.from(RunFunctionResponse.encode(message).finish());
}
