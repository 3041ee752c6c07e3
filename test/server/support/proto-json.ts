/**
 * Converts between plain JSON and the object form `@grpc/proto-loader` (protobufjs) encodes and
 * decodes, walking the message descriptors proto-loader parsed from `test/proto/run_function.proto`.
 * Nothing here touches the SDK's codec, so the wire test really checks wire compatibility.
 *
 * The plain shape matches the SDK's `RunFunctionResponse.toJSON`: proto field names in
 * lowerCamelCase, enums by name, Structs as plain JSON, Durations as `{seconds, nanos}`,
 * unset fields, empty lists and empty maps left out.
 */
import type { PackageDefinition } from '@grpc/proto-loader';

type FieldDescriptor = {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly typeName: string;
};
type MessageDescriptor = {
  readonly name: string;
  readonly field: readonly FieldDescriptor[];
  readonly nestedType: readonly MessageDescriptor[];
  readonly options: { readonly mapEntry?: boolean } | null;
};
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = Record<string, unknown>;

const STRUCT = 'google.protobuf.Struct';
const VALUE = 'google.protobuf.Value';
const LIST_VALUE = 'google.protobuf.ListValue';
const DURATION = 'google.protobuf.Duration';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues(object: unknown, convert: (value: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(isObject(object) ? object : {})) {
    out[key] = convert(value);
  }
  return out;
}

/** Struct/Value/ListValue in protobufjs form to plain JSON. */
function valueToJson(value: unknown): Json {
  const v = isObject(value) ? value : {};
  if ('structValue' in v) return structToJson(v.structValue);
  if ('listValue' in v) return listToJson(v.listValue);
  if ('stringValue' in v) return v.stringValue as string;
  if ('numberValue' in v) return v.numberValue as number;
  if ('boolValue' in v) return v.boolValue as boolean;
  return null;
}
function structToJson(struct: unknown): Json {
  return mapValues(isObject(struct) ? struct.fields : {}, valueToJson) as Json;
}
function listToJson(list: unknown): Json {
  const values = isObject(list) ? list.values : undefined;
  return Array.isArray(values) ? values.map(valueToJson) : [];
}

/** Plain JSON to Struct/Value/ListValue in protobufjs form. */
function jsonToValue(value: unknown): JsonObject {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(jsonToValue) } };
  return { structValue: jsonToStruct(value) };
}
function jsonToStruct(value: unknown): JsonObject {
  return { fields: mapValues(value, jsonToValue) };
}

type Direction = 'toJson' | 'toWire';

export class ProtoJson {
  constructor(
    private readonly definition: PackageDefinition,
    private readonly packageName: string,
  ) {}

  private descriptor(fullName: string): MessageDescriptor {
    const entry = this.definition[fullName];
    if (entry === undefined || !('type' in entry)) throw new Error(`no message ${fullName}`);
    return entry.type as MessageDescriptor;
  }

  /** A field's message type: a nested type (map entries), else this package, else absolute. */
  private resolve(owner: MessageDescriptor, typeName: string): string | MessageDescriptor {
    const nested = owner.nestedType.find((type) => type.name === typeName);
    if (nested !== undefined) return nested;
    const local = `${this.packageName}.${typeName}`;
    return local in this.definition ? local : typeName;
  }

  private convertMessage(fullName: string, value: unknown, direction: Direction): unknown {
    if (fullName === STRUCT)
      return direction === 'toJson' ? structToJson(value) : jsonToStruct(value);
    if (fullName === VALUE) return direction === 'toJson' ? valueToJson(value) : jsonToValue(value);
    if (fullName === LIST_VALUE) {
      return direction === 'toJson'
        ? listToJson(value)
        : { values: (value as unknown[]).map(jsonToValue) };
    }
    if (fullName === DURATION) return this.duration(value, direction);
    return this.convertFields(this.descriptor(fullName), value, direction);
  }

  private duration(value: unknown, direction: Direction): JsonObject {
    const v = isObject(value) ? value : {};
    const seconds = Number(v.seconds ?? 0);
    const nanos = Number(v.nanos ?? 0);
    if (direction === 'toWire') return { seconds: String(seconds), nanos };
    return { ...(seconds === 0 ? {} : { seconds }), ...(nanos === 0 ? {} : { nanos }) };
  }

  private convertFields(type: MessageDescriptor, value: unknown, direction: Direction): JsonObject {
    const source = isObject(value) ? value : {};
    const out: JsonObject = {};
    for (const field of type.field) {
      const raw = source[field.name];
      if (raw === undefined || raw === null) continue;
      const converted = this.convertField(type, field, raw, direction);
      if (converted !== undefined) out[field.name] = converted;
    }
    return out;
  }

  private convertField(
    owner: MessageDescriptor,
    field: FieldDescriptor,
    raw: unknown,
    direction: Direction,
  ): unknown {
    const target = field.type === 'TYPE_MESSAGE' ? this.resolve(owner, field.typeName) : undefined;
    const one = (item: unknown) =>
      typeof target === 'string' ? this.convertMessage(target, item, direction) : item;
    if (typeof target === 'object' && target.options?.mapEntry === true) {
      const valueField = target.field.find((f) => f.name === 'value');
      if (valueField === undefined) throw new Error(`map entry ${target.name} has no value`);
      const converted = mapValues(raw, (item) =>
        this.convertField(target, valueField, item, direction),
      );
      return Object.keys(converted).length === 0 ? undefined : converted;
    }
    if (field.label === 'LABEL_REPEATED') {
      const items = raw as unknown[];
      return items.length === 0 ? undefined : items.map(one);
    }
    return one(raw);
  }

  /** Decoded message (proto-loader object form) to plain JSON. */
  toJson(messageName: string, decoded: unknown): unknown {
    return this.convertMessage(`${this.packageName}.${messageName}`, decoded, 'toJson');
  }

  /** Plain JSON to the object form proto-loader's serializer accepts. */
  toWire(messageName: string, json: unknown): unknown {
    return this.convertMessage(`${this.packageName}.${messageName}`, json, 'toWire');
  }
}
