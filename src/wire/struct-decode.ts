/**
 * google.protobuf.Struct to plain JSON, without recursion: an explicit stack of the messages
 * being read (Struct, its field entries, Values, ListValues), so a Struct as deep as
 * protobuf-go accepts (10,000 nested messages) decodes on Node's default stack.
 *
 * The JSON is what the SDK's ts-proto `Struct.unwrap(Struct.decode(...))` gives:
 * - NullValue is null (whatever its number), numbers are doubles (-0, NaN, ±Infinity kept);
 * - a field entry whose Value is empty, or missing, is dropped; in a list it is `undefined`;
 * - a repeated key or field keeps the last one; keys keep ts-proto's object order;
 * - a Value carrying several kinds (no encoder writes that) gives the one ts-proto's unwrap
 *   prefers: string, number, bool, struct, list, null.
 * One deliberate difference: a `"__proto__"` key becomes an own property, as JSON.parse
 * makes it, where ts-proto's assignment would set the object's prototype and lose the key.
 */
import { indexSegment, keySegment } from './errors.js';
import {
  bool,
  double,
  enter,
  int32,
  leave,
  length,
  Malformed,
  skip,
  string,
  tag,
  type Reader,
} from './reader.js';
import type { JsonObject } from './types.js';

const STRUCT = 0;
const ENTRY = 1;
const VALUE = 2;
const LIST = 3;

/** Tags, (field number << 3) | wire type, of the fields read; anything else is skipped. */
const STRUCT_FIELDS = 10; // Struct.fields: map entries
const ENTRY_KEY = 10;
const ENTRY_VALUE = 18;
const LIST_VALUES = 10;
const NULL_VALUE = 8;
const NUMBER_VALUE = 17;
const STRING_VALUE = 26;
const BOOL_VALUE = 32;
const STRUCT_VALUE = 42;
const LIST_VALUE = 50;

/** ts-proto's `Value.unwrap` preference, best first; NONE: the Value holds nothing yet. */
const RANK_STRING = 0;
const RANK_NUMBER = 1;
const RANK_BOOL = 2;
const RANK_STRUCT = 3;
const RANK_LIST = 4;
const RANK_NULL = 5;
const RANK_NONE = 6;

/**
 * The stack, one slot per message being read, as parallel arrays reused across calls
 * (decoding is synchronous). Slots are cleared when popped so no request outlives its call.
 */
const kinds: number[] = [];
/** STRUCT: its object; LIST: its array. */
const containers: unknown[] = [];
/** ENTRY: the key read so far. */
const keys: string[] = [];
/** ENTRY and VALUE: the value read so far; VALUE's rank says which kind it is. */
const values: unknown[] = [];
const ranks: number[] = [];
/** Where the enclosing message ends, restored when this one is done. */
const outers: number[] = [];

/** Sets `object[key]`, a `"__proto__"` key included, without touching any prototype. */
function setField(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else object[key] = value;
}

/** The failure's path inside the Struct, innermost first, from the slots still open. */
function addPath(error: Malformed, top: number): void {
  for (let slot = top; slot >= 0; slot--) {
    // A list's next element is the one being read (or opened) when it failed.
    if (kinds[slot] === ENTRY) error.segments.push(keySegment(keys[slot] ?? ''));
    else if (kinds[slot] === LIST) {
      error.segments.push(indexSegment((containers[slot] as unknown[]).length));
    }
  }
}

function clear(top: number): void {
  for (let slot = 0; slot <= top; slot++) {
    containers[slot] = undefined;
    values[slot] = undefined;
  }
}

/**
 * A length-delimited Struct field at the reader, as JSON; `depth` is the Struct's own depth
 * in messages (the top-level message is 1), for protobuf-go's limit.
 */
export function structField(reader: Reader, depth: number): JsonObject {
  const root: JsonObject = {};
  const size = length(reader);
  let top = 0;
  kinds[0] = STRUCT;
  containers[0] = root;
  outers[0] = enter(reader, size, depth);

  /** Opens a message of `kind` at the reader's length prefix, one level below `top`. */
  const push = (kind: number): void => {
    const childSize = length(reader);
    const outer = enter(reader, childSize, depth + top + 1);
    top++;
    kinds[top] = kind;
    outers[top] = outer;
  };

  try {
    for (;;) {
      if (reader.pos >= reader.len) {
        leave(reader, outers[top] ?? 0);
        const kind = kinds[top];
        if (top === 0) return root;
        top--;
        if (kind === ENTRY) {
          const value = values[top + 1];
          values[top + 1] = undefined;
          if (value !== undefined)
            setField(containers[top] as JsonObject, keys[top + 1] ?? '', value);
        } else if (kind === VALUE) {
          const value = ranks[top + 1] === RANK_NONE ? undefined : values[top + 1];
          values[top + 1] = undefined;
          if (kinds[top] === ENTRY) values[top] = value;
          else (containers[top] as unknown[]).push(value);
        } else {
          // A Struct or ListValue was handed to its Value when it was opened.
          containers[top + 1] = undefined;
        }
        continue;
      }
      const fieldTag = tag(reader);
      switch (kinds[top]) {
        case STRUCT:
          if (fieldTag !== STRUCT_FIELDS) break;
          push(ENTRY);
          keys[top] = '';
          values[top] = undefined;
          continue;
        case ENTRY:
          if (fieldTag === ENTRY_KEY) {
            keys[top] = string(reader);
            continue;
          }
          if (fieldTag !== ENTRY_VALUE) break;
          push(VALUE);
          ranks[top] = RANK_NONE;
          continue;
        case LIST:
          if (fieldTag !== LIST_VALUES) break;
          push(VALUE);
          ranks[top] = RANK_NONE;
          continue;
        default:
          if (readValueField(reader, fieldTag, top)) {
            if (fieldTag === STRUCT_VALUE || fieldTag === LIST_VALUE) {
              const rank = fieldTag === STRUCT_VALUE ? RANK_STRUCT : RANK_LIST;
              const container = fieldTag === STRUCT_VALUE ? {} : [];
              if (rank <= (ranks[top] ?? RANK_NONE)) {
                values[top] = container;
                ranks[top] = rank;
              }
              push(rank === RANK_STRUCT ? STRUCT : LIST);
              containers[top] = container;
            }
            continue;
          }
      }
      skip(reader, fieldTag);
    }
  } catch (error) {
    if (error instanceof Malformed) addPath(error, top);
    throw error;
  } finally {
    clear(top);
  }
}

/**
 * One field of the Value in slot `top`: scalars are read and kept by rank; for a Struct or
 * ListValue it returns true and reads nothing (the caller opens it). False: not a kind field.
 */
function readValueField(reader: Reader, fieldTag: number, top: number): boolean {
  let rank: number;
  let value: unknown;
  switch (fieldTag) {
    case STRING_VALUE:
      rank = RANK_STRING;
      value = string(reader);
      break;
    case NUMBER_VALUE:
      rank = RANK_NUMBER;
      value = double(reader);
      break;
    case BOOL_VALUE:
      rank = RANK_BOOL;
      value = bool(reader);
      break;
    case NULL_VALUE:
      int32(reader);
      rank = RANK_NULL;
      value = null;
      break;
    case STRUCT_VALUE:
    case LIST_VALUE:
      return true;
    default:
      return false;
  }
  if (rank <= (ranks[top] ?? RANK_NONE)) {
    values[top] = value;
    ranks[top] = rank;
  }
  return true;
}
