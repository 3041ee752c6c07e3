/**
 * Protobuf tags, (field number << 3) | wire type, of the messages the codec reads and writes:
 * run_function.proto's (any message: field N length-delimited or varint) and
 * google/protobuf/struct.proto's. The decoder skips any tag it does not name.
 */

/** Fields 1 to 8, length-delimited (wire type 2). */
export const FIELD_1 = 10;
export const FIELD_2 = 18;
export const FIELD_3 = 26;
export const FIELD_4 = 34;
export const FIELD_5 = 42;
export const FIELD_6 = 50;
export const FIELD_8 = 66;

/** Fields 1 to 5, varints (Duration.seconds, Result.severity, Condition.status...). */
export const VARINT_1 = 8;
export const VARINT_2 = 16;
export const VARINT_3 = 24;
export const VARINT_4 = 32;
export const VARINT_5 = 40;

/** Struct, its map entries, ListValue, and google.protobuf.Value's kinds. */
export const STRUCT_FIELDS = 10; // Struct.fields, a map entry
export const ENTRY_KEY = 10;
export const ENTRY_VALUE = 18;
export const LIST_VALUES = 10; // ListValue.values
export const NULL_VALUE = 8;
export const NUMBER_VALUE = 17;
export const STRING_VALUE = 26;
export const BOOL_VALUE = 32;
export const STRUCT_VALUE = 42;
export const LIST_VALUE = 50;
