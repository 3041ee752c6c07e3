/**
 * RunFunctionResponse to protobuf bytes, byte-identical to the SDK's
 * `Buffer.from(RunFunctionResponse.encode(rsp).finish())` but several times faster: Structs
 * are encoded straight from the plain objects (no Struct.wrap/Value.wrap message trees), by
 * one writer without fork/join bookkeeping (see proto-writer.ts).
 *
 * Each function below is one message of run_function.proto and follows the ts-proto
 * generated `encode` (dist/proto/run_function.js in the SDK) field by field: proto3 scalars
 * are skipped at their default ("" and 0), `optional` fields and sub-messages only when
 * undefined, maps are written in `Object.entries` order with each entry's key omitted when
 * "" and its value when undefined. Wherever the SDK would coerce a value (a non-string
 * string field, say), the fast path throws and the SDK encoder produces the bytes instead.
 *
 * Tags are the literal `uint32(tag)` values of the generated code, (field number << 3) | wire
 * type: 10/18/26... are fields 1/2/3... length-delimited, 8/16/24... fields 1/2/3... varint.
 */
import {
  RunFunctionResponse,
  type Condition,
  type Requirements,
  type Resource,
  type ResourceSelector,
  type Result,
  type RunFunctionResponse as Response,
  type SchemaSelector,
  type State,
} from '@crossplane-org/function-sdk-typescript';
import { isReusable } from '../immutable.js';
import { encodeStruct, isPlainArray } from './encode-struct.js';
import { ProtoWriter, UnsupportedValueError } from './proto-writer.js';

type ResponseMeta = NonNullable<Response['meta']>;
type Duration = NonNullable<ResponseMeta['ttl']>;
type MatchLabels = NonNullable<ResourceSelector['matchLabels']>;

/** A proto3 `string` field: skipped when "" (ts-proto `if (message.x !== "")`). */
function stringField(writer: ProtoWriter, tag: number, value: unknown): void {
  if (typeof value !== 'string') throw new UnsupportedValueError('string field is not a string');
  if (value !== '') writer.string(tag, value);
}

/** A proto3 `optional string` field: skipped only when undefined. */
function optionalString(writer: ProtoWriter, tag: number, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new UnsupportedValueError('string field is not a string');
  writer.string(tag, value);
}

/** A proto3 int32/enum field: skipped when 0; `optional` ones only when undefined. */
function int32Field(writer: ProtoWriter, tag: number, value: unknown, optional = false): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'number') throw new UnsupportedValueError('enum field is not a number');
  if (value !== 0 || optional) writer.int32(tag, value);
}

/** A map field: one entry message per `Object.entries` pair, in that order. */
function mapField<V>(
  writer: ProtoWriter,
  tag: number,
  map: Readonly<Record<string, V>>,
  encodeEntryValue: (writer: ProtoWriter, value: V) => void,
): void {
  // Object.keys then map[key] visits exactly what ts-proto's Object.entries does.
  for (const key of Object.keys(map)) {
    const entry = writer.begin(tag);
    if (key !== '') writer.string(10, key); // entry key, field 1, omitted when ""
    encodeEntryValue(writer, map[key] as V);
    writer.end(entry);
  }
}

/** A message-typed map value, field 2 of the entry: omitted when undefined. */
function messageValue<V>(encode: (writer: ProtoWriter, value: V) => void) {
  return (writer: ProtoWriter, value: V | undefined): void => {
    if (value === undefined) return;
    const slot = writer.begin(18);
    encode(writer, value);
    writer.end(slot);
  };
}

/** A singular message field: written (even when empty) unless undefined. */
function messageField<V>(
  writer: ProtoWriter,
  tag: number,
  value: V | undefined,
  encode: (writer: ProtoWriter, value: V) => void,
): void {
  if (value === undefined) return;
  const slot = writer.begin(tag);
  encode(writer, value);
  writer.end(slot);
}

/** google.protobuf.Duration: seconds int64 (field 1), nanos int32 (field 2), both skip 0. */
function encodeDuration(writer: ProtoWriter, duration: Duration): void {
  if (typeof duration.seconds !== 'number') throw new UnsupportedValueError('seconds not number');
  if (duration.seconds !== 0) writer.int64(8, duration.seconds);
  int32Field(writer, 16, duration.nanos);
}

function encodeResponseMeta(writer: ProtoWriter, meta: ResponseMeta): void {
  stringField(writer, 10, meta.tag);
  messageField(writer, 18, meta.ttl, encodeDuration);
}

/** connection_details map<string, bytes> value: skipped when empty (`value.length !== 0`). */
function encodeConnectionDetail(writer: ProtoWriter, value: unknown): void {
  if (!(value instanceof Uint8Array)) throw new UnsupportedValueError('bytes are no Uint8Array');
  if (value.length !== 0) writer.bytes(18, value);
}

/** Struct bytes of reusable composed objects (see src/immutable.ts), encoded once each. */
const encodedStructs = new WeakMap<object, Buffer>();

/** Resource.resource: a reusable object's bytes come from the first time it was encoded. */
function resourceStruct(writer: ProtoWriter, fields: Resource['resource']): void {
  if (fields === undefined || !isReusable(fields)) {
    messageField(writer, 10, fields, encodeStruct);
    return;
  }
  let content = encodedStructs.get(fields);
  if (!content) {
    content = ProtoWriter.encode(fields, encodeStruct);
    encodedStructs.set(fields, content);
  }
  writer.bytes(10, content);
}

function encodeResource(writer: ProtoWriter, resource: Resource): void {
  resourceStruct(writer, resource.resource);
  mapField(writer, 18, resource.connectionDetails, encodeConnectionDetail);
  int32Field(writer, 24, resource.ready);
}

const resourceValue = messageValue(encodeResource);

function encodeState(writer: ProtoWriter, state: State): void {
  messageField(writer, 10, state.composite, encodeResource);
  mapField(writer, 18, state.resources, resourceValue);
}

function encodeResult(writer: ProtoWriter, result: Result): void {
  int32Field(writer, 8, result.severity);
  stringField(writer, 18, result.message);
  optionalString(writer, 26, result.reason);
  int32Field(writer, 32, result.target, true);
}

/** MatchLabels.labels map<string, string>: the entry value is skipped when "". */
function encodeLabelValue(writer: ProtoWriter, value: unknown): void {
  stringField(writer, 18, value);
}

function encodeMatchLabels(writer: ProtoWriter, matchLabels: MatchLabels): void {
  mapField(writer, 10, matchLabels.labels, encodeLabelValue);
}

function encodeResourceSelector(writer: ProtoWriter, selector: ResourceSelector): void {
  stringField(writer, 10, selector.apiVersion);
  stringField(writer, 18, selector.kind);
  // oneof match: ts-proto writes whichever of the two is not undefined (both if both are).
  optionalString(writer, 26, selector.matchName);
  messageField(writer, 34, selector.matchLabels, encodeMatchLabels);
  optionalString(writer, 42, selector.namespace);
}

function encodeSchemaSelector(writer: ProtoWriter, selector: SchemaSelector): void {
  stringField(writer, 10, selector.apiVersion);
  stringField(writer, 18, selector.kind);
}

const resourceSelectorValue = messageValue(encodeResourceSelector);
const schemaSelectorValue = messageValue(encodeSchemaSelector);

function encodeRequirements(writer: ProtoWriter, requirements: Requirements): void {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- still encoded by the SDK
  mapField(writer, 10, requirements.extraResources, resourceSelectorValue);
  mapField(writer, 18, requirements.resources, resourceSelectorValue);
  mapField(writer, 26, requirements.schemas, schemaSelectorValue);
}

function encodeCondition(writer: ProtoWriter, condition: Condition): void {
  stringField(writer, 10, condition.type);
  int32Field(writer, 16, condition.status);
  stringField(writer, 26, condition.reason);
  optionalString(writer, 34, condition.message);
  int32Field(writer, 40, condition.target, true);
}

/**
 * A repeated message field: every element in `for...of` order, none skipped (an undefined
 * element makes the SDK throw, and makes `encode` throw here too).
 */
function repeatedField<V>(
  writer: ProtoWriter,
  tag: number,
  values: readonly V[],
  encode: (writer: ProtoWriter, value: V) => void,
): void {
  if (!isPlainArray(values)) {
    throw new UnsupportedValueError('repeated field is not a plain array');
  }
  for (const value of values) {
    const slot = writer.begin(tag);
    encode(writer, value);
    writer.end(slot);
  }
}

function encodeResponse(writer: ProtoWriter, rsp: Response): void {
  messageField(writer, 10, rsp.meta, encodeResponseMeta);
  messageField(writer, 18, rsp.desired, encodeState);
  repeatedField(writer, 26, rsp.results, encodeResult);
  messageField(writer, 34, rsp.context, encodeStruct);
  messageField(writer, 42, rsp.requirements, encodeRequirements);
  repeatedField(writer, 50, rsp.conditions, encodeCondition);
  messageField(writer, 58, rsp.output, encodeStruct);
}

/** The fast path alone: throws on anything it does not encode exactly like the SDK. */
export function encodeRunFunctionResponseFast(rsp: Response): Buffer {
  return ProtoWriter.encode(rsp, encodeResponse);
}

/**
 * The response's protobuf bytes. Falls back to the SDK's encoder (which then either encodes
 * the odd value its own way or throws its own error) whenever the fast path declines.
 */
export function encodeRunFunctionResponse(rsp: Response): Buffer {
  try {
    return encodeRunFunctionResponseFast(rsp);
  } catch {
    return Buffer.from(RunFunctionResponse.encode(rsp).finish());
  }
}
