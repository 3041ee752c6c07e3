/**
 * google.protobuf.Struct / Value / ListValue straight from plain JS values, following what
 * ts-proto's `Struct.encode(Struct.wrap(object))` does (google/protobuf/struct.js in the SDK)
 * without building the wrapper messages.
 */
import { ProtoWriter, UnsupportedValueError } from './proto-writer.js';

const STRUCT_FIELDS = 10; // Struct.fields, field 1, length-delimited (map entry)
const ENTRY_KEY = 10; // Struct_FieldsEntry.key, field 1
const ENTRY_VALUE = 18; // Struct_FieldsEntry.value, field 2
const NULL_VALUE = 8; // Value.null_value, field 1, varint
const NUMBER_VALUE = 17; // Value.number_value, field 2, 64-bit
const STRING_VALUE = 26; // Value.string_value, field 3
const BOOL_VALUE = 32; // Value.bool_value, field 4, varint
const STRUCT_VALUE = 42; // Value.struct_value, field 5
const LIST_VALUE = 50; // Value.list_value, field 6
const LIST_VALUES = 10; // ListValue.values, field 1

export type JsonFields = Readonly<Record<string, unknown>>;

/**
 * Only plain objects and arrays take the fast path. Anything else (a Date, a Map, a Buffer,
 * a class instance, an Array subclass) is left to the SDK, whose `Object.keys`/iterator
 * behaviour on such values is not worth replicating.
 */
function isPlainObject(value: object): value is JsonFields {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isPlainArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** The content of a Struct message (`Struct.encode(Struct.wrap(fields))`). */
export function encodeStruct(writer: ProtoWriter, fields: unknown): void {
  if (typeof fields !== 'object' || fields === null || !isPlainObject(fields)) {
    throw new UnsupportedValueError('Struct fields are not a plain object');
  }
  // Struct.wrap copies Object.keys in order; Struct.encode then skips undefined values.
  for (const key of Object.keys(fields)) {
    // Struct.wrap assigns `fields[key] = value`: for "__proto__" that runs the prototype
    // setter (the key is dropped, later assignments may see the new prototype); left to the SDK.
    if (key === '__proto__') throw new UnsupportedValueError('a "__proto__" key');
    const value = fields[key];
    if (value === undefined) continue;
    const entry = writer.begin(STRUCT_FIELDS);
    // Map entry: the key is omitted when "" (proto3 default); the value is always present.
    if (key !== '') writer.string(ENTRY_KEY, key);
    const valueSlot = writer.begin(ENTRY_VALUE);
    encodeValue(writer, value);
    writer.end(valueSlot);
    writer.end(entry);
  }
}

/**
 * The content of a Value message (`Value.encode(Value.wrap(value))`): null is NullValue 0,
 * numbers are doubles, strings and booleans are written even when empty/false, undefined
 * is an empty Value, and any other type throws in the SDK.
 */
function encodeValue(writer: ProtoWriter, value: unknown): void {
  if (value === null) {
    writer.int32(NULL_VALUE, 0);
    return;
  }
  switch (typeof value) {
    case 'boolean':
      writer.bool(BOOL_VALUE, value);
      return;
    case 'number':
      writer.double(NUMBER_VALUE, value);
      return;
    case 'string':
      writer.string(STRING_VALUE, value);
      return;
    case 'undefined':
      return;
    case 'object': {
      const listOrStruct = writer.begin(Array.isArray(value) ? LIST_VALUE : STRUCT_VALUE);
      if (Array.isArray(value)) encodeList(writer, value);
      else encodeStruct(writer, value);
      writer.end(listOrStruct);
      return;
    }
    default:
      throw new UnsupportedValueError(`Unsupported any value type: ${typeof value}`);
  }
}

/** The content of a ListValue: every element, holes and undefined as empty Values. */
function encodeList(writer: ProtoWriter, values: unknown): void {
  if (!isPlainArray(values)) throw new UnsupportedValueError('ListValue is not a plain array');
  // ListValue.encode iterates with for...of, which visits holes as undefined.
  for (const value of values) {
    const element = writer.begin(LIST_VALUES);
    encodeValue(writer, value);
    writer.end(element);
  }
}
