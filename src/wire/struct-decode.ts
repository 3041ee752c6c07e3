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
 *
 * Entries and list elements as encoders write them (key, then a Value holding one kind, each
 * ending where the one around it ends) are read in place, without stack slots for the entry
 * and the Value (struct-canonical.ts); anything else takes the general path here.
 */
import { MAX_MESSAGE_DEPTH } from './errors.js';
import {
  bool,
  double,
  enter,
  int32,
  key,
  leave,
  length,
  Malformed,
  skip,
  string,
  tag,
  type Reader,
} from './reader.js';
import { canonicalValue, NOT_CANONICAL } from './struct-canonical.js';
import {
  addPath,
  clear,
  containers,
  ENTRY,
  indexes,
  keys,
  kinds,
  levels,
  LIST,
  outers,
  push,
  ranks,
  setField,
  STRUCT,
  unread,
  VALUE,
  values,
  via,
  VIA_INDEX,
  VIA_KEY,
  type Unread,
} from './struct-stack.js';
import type { JsonObject } from './types.js';
import {
  BOOL_VALUE,
  ENTRY_KEY,
  ENTRY_VALUE,
  LIST_VALUE,
  LIST_VALUES,
  NULL_VALUE,
  NUMBER_VALUE,
  STRING_VALUE,
  STRUCT_FIELDS,
  STRUCT_VALUE,
} from './tags.js';

/** ts-proto's `Value.unwrap` preference, best first; NONE: the Value holds nothing yet. */
const RANK_STRING = 0;
const RANK_NUMBER = 1;
const RANK_BOOL = 2;
const RANK_STRUCT = 3;
const RANK_LIST = 4;
const RANK_NULL = 5;
const RANK_NONE = 6;

/**
 * An entry or element at the reader's length prefix, read in place if it is canonical: its
 * value stored (an object or list opened in the next slot); returns the new top, or -1 with
 * the reader untouched for the general path (which also reports anything malformed).
 */
function canonical(reader: Reader, top: number, inList: boolean): number {
  const start = reader.pos;
  const outer = reader.len;
  let next = -1;
  try {
    next = readCanonical(reader, top, inList);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
  }
  if (next < 0) {
    reader.pos = start;
    reader.len = outer;
  }
  return next;
}

function readCanonical(reader: Reader, top: number, inList: boolean): number {
  const outer = reader.len;
  const size = length(reader);
  const end = reader.pos + size;
  reader.len = end;
  let name = '';
  if (!inList) {
    if (reader.pos >= end || reader.buf[reader.pos] !== ENTRY_KEY) return -1;
    reader.pos++;
    name = key(reader);
    if (reader.pos >= end || reader.buf[reader.pos] !== ENTRY_VALUE) return -1;
    reader.pos++;
    if (length(reader) !== end - reader.pos) return -1;
  }
  // An entry's Value is 2 levels below its Struct; a list's, 1 below its ListValue.
  const level = (levels[top] ?? 0) + (inList ? 1 : 2);
  if (level + 1 > MAX_MESSAGE_DEPTH) return -1;
  // The key came first and the Value fills the rest, so the key is final: a field skipped
  // unread ends here, its length checked and nothing else.
  const rule = inList ? undefined : unread[top]?.get(name);
  if (rule === true) {
    reader.pos = end;
    reader.len = outer;
    return top;
  }
  const value = canonicalValue(reader, end);
  if (value === NOT_CANONICAL) return -1;
  reader.len = outer;
  const container = containers[top];
  if (inList) (container as unknown[]).push(value);
  else if (value !== undefined) setField(container as JsonObject, name, value);
  if (typeof value !== 'object' || value === null) return top;
  // The object or list ends where the Value and the entry end: it takes their slot.
  kinds[top + 1] = Array.isArray(value) ? LIST : STRUCT;
  containers[top + 1] = value;
  outers[top + 1] = outer;
  levels[top + 1] = level + 1;
  via[top + 1] = inList ? VIA_INDEX : VIA_KEY;
  keys[top + 1] = name;
  indexes[top + 1] = inList ? (container as unknown[]).length - 1 : 0;
  unread[top + 1] = rule;
  reader.len = end;
  return top + 1;
}

/**
 * A length-delimited Struct field at the reader, as JSON; `depth` is the Struct's own depth
 * in messages (the top-level message is 1), for protobuf-go's limit. Fields named in `skipped`
 * are skipped unread where their entry is canonical (its key, then a Value filling the rest,
 * as every encoder writes it): only their length is checked, and they are not in the JSON.
 * An entry written otherwise is decoded as if `skipped` did not name it.
 */
export function structField(reader: Reader, depth: number, skipped?: Unread): JsonObject {
  const root: JsonObject = {};
  const size = length(reader);
  let top = 0;
  kinds[0] = STRUCT;
  containers[0] = root;
  levels[0] = depth;
  via[0] = 0;
  unread[0] = skipped;
  outers[0] = enter(reader, size, depth);
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
          // A Struct or ListValue was handed to its Value (or stored) when it was opened.
          containers[top + 1] = undefined;
        }
        continue;
      }
      const fieldTag = tag(reader);
      switch (kinds[top]) {
        case STRUCT: {
          if (fieldTag !== STRUCT_FIELDS) break;
          const next = canonical(reader, top, false);
          if (next >= 0) {
            top = next;
            continue;
          }
          top = push(reader, ENTRY, top);
          via[top] = VIA_KEY;
          keys[top] = '';
          values[top] = undefined;
          continue;
        }
        case ENTRY:
          if (fieldTag === ENTRY_KEY) {
            keys[top] = key(reader);
            continue;
          }
          if (fieldTag !== ENTRY_VALUE) break;
          top = push(reader, VALUE, top);
          via[top] = 0;
          ranks[top] = RANK_NONE;
          continue;
        case LIST: {
          if (fieldTag !== LIST_VALUES) break;
          const next = canonical(reader, top, true);
          if (next >= 0) {
            top = next;
            continue;
          }
          const index = (containers[top] as unknown[]).length;
          top = push(reader, VALUE, top);
          via[top] = VIA_INDEX;
          indexes[top] = index;
          ranks[top] = RANK_NONE;
          continue;
        }
        default:
          if (readValueField(reader, fieldTag, top)) {
            if (fieldTag === STRUCT_VALUE || fieldTag === LIST_VALUE) {
              const rank = fieldTag === STRUCT_VALUE ? RANK_STRUCT : RANK_LIST;
              const container = fieldTag === STRUCT_VALUE ? {} : [];
              if (rank <= (ranks[top] ?? RANK_NONE)) {
                values[top] = container;
                ranks[top] = rank;
              }
              top = push(reader, rank === RANK_STRUCT ? STRUCT : LIST, top);
              via[top] = 0;
              containers[top] = container;
              unread[top] = undefined;
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
