/**
 * FunctionResponse to RunFunctionResponse bytes on protobufjs's BufferWriter. Where the SDK
 * could encode the same message, the bytes are the SDK's `RunFunctionResponse.encode`: its
 * field order, proto3 defaults ("" and 0) left out, `optional` fields written unless
 * undefined (severity and status are never 0 here, so always written), maps in `Object.keys`
 * order with an entry's key left out when "". Earlier steps'
 * resources and the context are written back byte for byte; `desired.resources` holds them
 * first, in their order, then ours. The same response always gives the same bytes.
 */
import protobuf from 'protobufjs/minimal.js';
import { formatPath, keySegment, WireError } from './errors.js';
import { Unencodable, writeString, writeStructField, type Writer } from './struct-encode.js';
import type {
  Condition,
  DesiredComposite,
  FunctionResponse,
  JsonObject,
  ResourceSelector,
  Result,
} from './types.js';
import {
  FIELD_1,
  FIELD_2,
  FIELD_3,
  FIELD_4,
  FIELD_5,
  FIELD_6,
  VARINT_1,
  VARINT_2,
  VARINT_3,
  VARINT_4,
  VARINT_5,
} from './tags.js';

/** A Resource's Struct, at `depth`; `segments` name it for an error, outermost first. */
function writeResourceStruct(
  writer: Writer,
  resource: JsonObject,
  depth: number,
  segments: readonly string[],
): void {
  try {
    writeStructField(writer, FIELD_1, resource, depth);
  } catch (error) {
    if (!(error instanceof Unencodable)) throw error;
    const path = formatPath([...segments, '.resource', ...[...error.segments].reverse()]);
    throw new WireError(`cannot encode RunFunctionResponse: ${path}: ${error.reason}`);
  }
}

function writeComposite(writer: Writer, composite: DesiredComposite): void {
  writer.uint32(FIELD_1).fork();
  if (composite.resource !== undefined) {
    writeResourceStruct(writer, composite.resource, 4, ['.desired', '.composite']);
  }
  for (const key of Object.keys(composite.connectionDetails)) {
    const value = composite.connectionDetails[key];
    writer.uint32(FIELD_2).fork();
    if (key !== '') writeString(writer.uint32(FIELD_1), key);
    if (value !== undefined && value.length !== 0) writer.uint32(FIELD_2).bytes(value);
    writer.ldelim();
  }
  if (composite.ready !== 0) writer.uint32(VARINT_3).int32(composite.ready);
  writer.ldelim();
}

/** State: the XR, then earlier steps' resources as they came, then the function's. */
function writeDesired(writer: Writer, rsp: FunctionResponse): void {
  writer.uint32(FIELD_2).fork();
  if (rsp.desiredComposite !== undefined) writeComposite(writer, rsp.desiredComposite);
  for (const { key, bytes } of rsp.passThrough) {
    writer.uint32(FIELD_2).fork();
    if (key !== '') writeString(writer.uint32(FIELD_1), key);
    writer.uint32(FIELD_2).bytes(bytes).ldelim();
  }
  for (const { key, resource, ready } of rsp.composed) {
    writer.uint32(FIELD_2).fork();
    if (key !== '') writeString(writer.uint32(FIELD_1), key);
    writer.uint32(FIELD_2).fork();
    writeResourceStruct(writer, resource, 5, ['.desired', '.resources', keySegment(key)]);
    if (ready !== 0) writer.uint32(VARINT_3).int32(ready);
    writer.ldelim().ldelim();
  }
  writer.ldelim();
}

function writeResult(writer: Writer, result: Result): void {
  writer.uint32(FIELD_3).fork();
  writer.uint32(VARINT_1).int32(result.severity);
  if (result.message !== '') writeString(writer.uint32(FIELD_2), result.message);
  if (result.reason !== undefined) writeString(writer.uint32(FIELD_3), result.reason);
  if (result.target !== undefined) writer.uint32(VARINT_4).int32(result.target);
  writer.ldelim();
}

function writeSelector(writer: Writer, selector: ResourceSelector): void {
  if (selector.apiVersion !== '') writeString(writer.uint32(FIELD_1), selector.apiVersion);
  if (selector.kind !== '') writeString(writer.uint32(FIELD_2), selector.kind);
  if (selector.matchName !== undefined) writeString(writer.uint32(FIELD_3), selector.matchName);
  if (selector.matchLabels !== undefined) {
    writer.uint32(FIELD_4).fork();
    for (const key of Object.keys(selector.matchLabels)) {
      const value = selector.matchLabels[key] ?? '';
      writer.uint32(FIELD_1).fork();
      if (key !== '') writeString(writer.uint32(FIELD_1), key);
      if (value !== '') writeString(writer.uint32(FIELD_2), value);
      writer.ldelim();
    }
    writer.ldelim();
  }
  if (selector.namespace !== undefined) writeString(writer.uint32(FIELD_5), selector.namespace);
}

/** Requirements: `resources` only; the deprecated `extra_resources` and `schemas` stay empty. */
function writeRequirements(writer: Writer, rsp: FunctionResponse): void {
  writer.uint32(FIELD_5).fork();
  for (const key of Object.keys(rsp.requirements)) {
    const selector = rsp.requirements[key];
    writer.uint32(FIELD_2).fork();
    if (key !== '') writeString(writer.uint32(FIELD_1), key);
    if (selector !== undefined) {
      writer.uint32(FIELD_2).fork();
      writeSelector(writer, selector);
      writer.ldelim();
    }
    writer.ldelim();
  }
  writer.ldelim();
}

function writeCondition(writer: Writer, condition: Condition): void {
  writer.uint32(FIELD_6).fork();
  if (condition.type !== '') writeString(writer.uint32(FIELD_1), condition.type);
  writer.uint32(VARINT_2).int32(condition.status);
  if (condition.reason !== '') writeString(writer.uint32(FIELD_3), condition.reason);
  if (condition.message !== undefined) writeString(writer.uint32(FIELD_4), condition.message);
  if (condition.target !== undefined) writer.uint32(VARINT_5).int32(condition.target);
  writer.ldelim();
}

/** Encodes a RunFunctionResponse; throws WireError on a value no Struct can hold. */
export function encodeRunFunctionResponse(rsp: FunctionResponse): Buffer {
  if (!Number.isSafeInteger(rsp.ttlSeconds)) {
    throw new WireError(
      `cannot encode RunFunctionResponse: meta.ttl: ${rsp.ttlSeconds} is not whole seconds`,
    );
  }
  const writer = new protobuf.BufferWriter();
  // ResponseMeta: the tag, and the TTL as a Duration whose nanos are always 0.
  writer.uint32(FIELD_1).fork();
  if (rsp.tag !== '') writeString(writer.uint32(FIELD_1), rsp.tag);
  writer.uint32(FIELD_2).fork();
  if (rsp.ttlSeconds !== 0) writer.uint32(VARINT_1).int64(rsp.ttlSeconds);
  writer.ldelim().ldelim();
  writeDesired(writer, rsp);
  for (const result of rsp.results) writeResult(writer, result);
  if (rsp.context !== undefined) writer.uint32(FIELD_4).bytes(rsp.context);
  writeRequirements(writer, rsp);
  for (const condition of rsp.conditions) writeCondition(writer, condition);
  // BufferWriter allocates a Buffer; its typings only promise a Uint8Array.
  const encoded = writer.finish();
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}
