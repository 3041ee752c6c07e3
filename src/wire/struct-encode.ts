/**
 * Plain JSON to a google.protobuf.Struct on protobufjs's Writer, without recursion, so
 * anything the decoder accepted, however deep, is written back on Node's default stack. The
 * bytes are the SDK's `Struct.encode(Struct.wrap(object))`:
 * - keys in `Object.keys` order, a key whose value is undefined left out, an entry's key
 *   left out when it is "" (proto3 default), its Value always written;
 * - null is NullValue 0, numbers doubles, strings and booleans written even when ""/false;
 * - in a list, undefined (or a hole) is an empty Value;
 * - any other object is a Struct of its `Object.keys`; a bigint, function or symbol is refused.
 * Strings are written as TextEncoder writes them: a lone surrogate becomes U+FFFD.
 *
 * A Struct is mostly small entries holding a scalar: each is sized on the spot and queued as
 * one operation when it is small (writer.ts), else written field by field with its lengths;
 * only entries holding an object or a list are forked (`fork`/`ldelim`), their lengths known
 * when they end.
 */
import { indexSegment, keySegment, MAX_MESSAGE_DEPTH } from './errors.js';
import { queueSmallRun, SMALL_DEPTH, smallElementSize, smallEntrySize } from './small-values.js';
import type { JsonObject } from './types.js';
import { utf8Size, writeString, type Writer } from './writer.js';
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

export { writeString, type Writer } from './writer.js';

/** A value the encoder cannot write; `segments` is its path inside the Struct, innermost first. */
export class Unencodable extends Error {
  constructor(
    readonly reason: string,
    readonly segments: readonly string[],
  ) {
    super(reason);
  }
}

const TOO_DEEP = `nested deeper than protobuf-go's limit of ${MAX_MESSAGE_DEPTH} messages`;

function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** A length-delimited field's whole size: tag, length prefix, content. */
const field = (content: number) => 1 + varintSize(content) + content;

/**
 * The open objects and lists, as parallel arrays reused across calls (encoding is
 * synchronous) and cleared after each.
 */
const containers: unknown[] = [];
/** An object's keys (`Object.keys`, the SDK's order); undefined for a list. */
const keyLists: (readonly string[] | undefined)[] = [];
const positions: number[] = [];
/** The depth of each open object's Struct or list's ListValue. */
const depths: number[] = [];

function open(top: number, value: object, isList: boolean, depth: number): void {
  containers[top] = value;
  keyLists[top] = isList ? undefined : Object.keys(value);
  positions[top] = 0;
  depths[top] = depth;
}

/** Throws for the value being written, with its path (innermost first). */
function refuse(reason: string, top: number): never {
  const segments: string[] = [];
  for (let slot = top; slot >= 0; slot--) {
    const at = (positions[slot] ?? 1) - 1;
    const keys = keyLists[slot];
    segments.push(keys === undefined ? indexSegment(at) : keySegment(keys[at] ?? ''));
  }
  throw new Unencodable(reason, segments);
}

/** A scalar Value's content size; -1 for an object or list. */
function scalarSize(value: unknown, top: number): number {
  switch (typeof value) {
    case 'string':
      return field(utf8Size(value));
    case 'number':
      return 9;
    case 'boolean':
      return 2;
    case 'undefined':
      return 0;
    case 'object':
      return value === null ? 2 : -1;
    default:
      return refuse(`a ${typeof value} is not JSON`, top);
  }
}

/** A scalar Value's content. */
function writeScalar(writer: Writer, value: unknown): void {
  switch (typeof value) {
    case 'string':
      writeString(writer.uint32(STRING_VALUE), value);
      return;
    case 'number':
      writer.uint32(NUMBER_VALUE).double(value);
      return;
    case 'boolean':
      writer.uint32(BOOL_VALUE).bool(value);
      return;
    case 'object':
      writer.uint32(NULL_VALUE).int32(0);
      return;
    default:
    // undefined: an empty Value.
  }
}

/**
 * Queues the small entries or elements of the open container `top` from its position on, as
 * one operation; returns false when the next one is not small.
 */
function queueRun(writer: Writer, top: number, length: number, valueDepth: number): boolean {
  const container = containers[top] as Readonly<Record<string, unknown>> & readonly unknown[];
  const keys = keyLists[top];
  const start = positions[top] ?? 0;
  // Objects and lists in a run nest up to SMALL_DEPTH messages: near the limit, scalars only.
  const scalarsOnly = valueDepth + SMALL_DEPTH > MAX_MESSAGE_DEPTH;
  let end = start;
  let size = 0;
  for (; end < length; end++) {
    const key = keys?.[end] ?? '';
    const value = keys === undefined ? container[end] : container[key];
    if (keys !== undefined && value === undefined) continue;
    if (valueDepth > MAX_MESSAGE_DEPTH) {
      positions[top] = end + 1;
      refuse(TOO_DEEP, top);
    }
    if (scalarsOnly && typeof value === 'object' && value !== null) break;
    const entry = keys === undefined ? smallElementSize(value) : smallEntrySize(key, value);
    if (entry < 0) break;
    size += entry;
  }
  if (end === start) return false;
  positions[top] = end;
  if (size > 0) queueSmallRun(writer, { container, keys, start, end }, size);
  return true;
}

/**
 * Writes the content of a Struct for `object`, at `depth` messages. Runs of small entries or
 * elements are queued whole; a larger scalar is sized on the spot and written with its
 * lengths; an object or list is forked, its lengths written when it ends.
 */
function writeStructContent(writer: Writer, object: JsonObject, depth: number): void {
  let top = 0;
  open(0, object, false, depth);
  try {
    for (;;) {
      const keys = keyLists[top];
      const container = containers[top] as Readonly<Record<string, unknown>> & readonly unknown[];
      const length = keys === undefined ? container.length : keys.length;
      // A Struct at d: entries at d + 1, Values at d + 2; a ListValue: Values at d + 1.
      const valueDepth = (depths[top] ?? 0) + (keys === undefined ? 1 : 2);
      if (queueRun(writer, top, length, valueDepth)) continue;
      const at = positions[top] ?? 0;
      if (at === length) {
        if (top === 0) return;
        containers[top] = undefined;
        keyLists[top] = undefined;
        top--;
        // The object or list, its Value, and in an object the entry holding that Value.
        writer.ldelim().ldelim();
        if (keyLists[top] !== undefined) writer.ldelim();
        continue;
      }
      positions[top] = at + 1;
      const key = keys?.[at] ?? '';
      const value = keys === undefined ? container[at] : container[key];
      if (valueDepth > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      const scalar = scalarSize(value, top);
      if (scalar >= 0) {
        if (keys !== undefined) {
          const keyField = key === '' ? 0 : field(utf8Size(key));
          writer.uint32(STRUCT_FIELDS).uint32(keyField + field(scalar));
          if (key !== '') writeString(writer.uint32(ENTRY_KEY), key);
          writer.uint32(ENTRY_VALUE).uint32(scalar);
        } else writer.uint32(LIST_VALUES).uint32(scalar);
        writeScalar(writer, value);
        continue;
      }
      if (valueDepth + 1 > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      if (keys !== undefined) {
        writer.uint32(STRUCT_FIELDS).fork();
        if (key !== '') writeString(writer.uint32(ENTRY_KEY), key);
        writer.uint32(ENTRY_VALUE).fork();
      } else writer.uint32(LIST_VALUES).fork();
      const isList = Array.isArray(value);
      writer.uint32(isList ? LIST_VALUE : STRUCT_VALUE).fork();
      top++;
      open(top, value as object, isList, valueDepth + 1);
    }
  } finally {
    for (let slot = 0; slot <= top; slot++) {
      containers[slot] = undefined;
      keyLists[slot] = undefined;
    }
  }
}

/**
 * Writes `object` as a length-delimited Struct field with tag `fieldTag`; the Struct sits at
 * `depth` messages (the top-level message is 1), within protobuf-go's limit. Throws
 * Unencodable for what no Struct can hold (the writer is then left half-written).
 */
export function writeStructField(
  writer: Writer,
  fieldTag: number,
  object: JsonObject,
  depth: number,
): void {
  writer.uint32(fieldTag).fork();
  writeStructContent(writer, object, depth);
  writer.ldelim();
}
