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
 * protobufjs's `fork`/`ldelim` cost two allocations per message and a Struct is mostly small
 * messages, so an entry holding a scalar is sized on the spot instead; only objects and lists
 * are forked.
 */
import protobuf from 'protobufjs/minimal.js';
import { indexSegment, keySegment, MAX_MESSAGE_DEPTH } from './errors.js';
import type { JsonObject } from './types.js';

export type Writer = protobuf.Writer;

/** A value the encoder cannot write; `segments` is its path inside the Struct, innermost first. */
export class Unencodable extends Error {
  constructor(
    readonly reason: string,
    readonly segments: readonly string[],
  ) {
    super(reason);
  }
}

declare global {
  // ES2024, in Node 20 and later; the ES2023 lib this project compiles against lacks them.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- merges into String
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

const STRUCT_FIELDS = 10; // Struct.fields, a map entry
const ENTRY_KEY = 10;
const ENTRY_VALUE = 18;
const LIST_VALUES = 10; // ListValue.values
const NULL_VALUE = 8;
const NUMBER_VALUE = 17;
const STRING_VALUE = 26;
const BOOL_VALUE = 32;
const STRUCT_VALUE = 42;
const LIST_VALUE = 50;

const TOO_DEEP = `nested deeper than protobuf-go's limit of ${MAX_MESSAGE_DEPTH} messages`;

export function writeString(writer: Writer, text: string): void {
  writer.string(text.isWellFormed() ? text : text.toWellFormed());
}

function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** Below this many UTF-16 units a JS loop beats Buffer.byteLength's native call. */
const SHORT_STRING = 32;

/** UTF-8 bytes of `text`, a lone surrogate counted as the 3 bytes of U+FFFD. */
function utf8Size(text: string): number {
  if (text.length >= SHORT_STRING) return Buffer.byteLength(text, 'utf8');
  let size = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      size += 4;
      index++;
    } else size += 3;
  }
  return size;
}

/** A length-delimited field's whole size: tag, length prefix, content. */
const field = (content: number) => 1 + varintSize(content) + content;

/**
 * The open objects and lists, as parallel arrays reused across calls (encoding is
 * synchronous) and cleared after each.
 */
const containers: unknown[] = [];
/** An object's entries (Object.entries: one native call, no per-key lookup); undefined for a list. */
const entryLists: (readonly [string, unknown][] | undefined)[] = [];
const positions: number[] = [];
/** The depth of each open object's Struct or list's ListValue. */
const depths: number[] = [];

function open(top: number, value: object, isList: boolean, depth: number): void {
  containers[top] = value;
  entryLists[top] = isList ? undefined : Object.entries(value);
  positions[top] = 0;
  depths[top] = depth;
}

/** Throws for the value being written, with its path (innermost first). */
function refuse(reason: string, top: number): never {
  const segments: string[] = [];
  for (let slot = top; slot >= 0; slot--) {
    const at = (positions[slot] ?? 1) - 1;
    const entries = entryLists[slot];
    segments.push(entries === undefined ? indexSegment(at) : keySegment(entries[at]?.[0] ?? ''));
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
 * Writes the content of a Struct for `object`, at `depth` messages. An entry or element
 * holding a scalar is sized on the spot and written with its lengths; one holding an object
 * or list is forked, its lengths written when it ends.
 */
function writeStructContent(writer: Writer, object: JsonObject, depth: number): void {
  let top = 0;
  open(0, object, false, depth);
  try {
    for (;;) {
      const entries = entryLists[top];
      const at = positions[top] ?? 0;
      const length =
        entries === undefined ? (containers[top] as readonly unknown[]).length : entries.length;
      if (at === length) {
        if (top === 0) return;
        containers[top] = undefined;
        entryLists[top] = undefined;
        top--;
        // The object or list, its Value, and in an object the entry holding that Value.
        writer.ldelim().ldelim();
        if (entryLists[top] !== undefined) writer.ldelim();
        continue;
      }
      positions[top] = at + 1;
      let value: unknown;
      let key = '';
      if (entries === undefined) value = (containers[top] as readonly unknown[])[at];
      else {
        const pair = entries[at];
        value = pair?.[1];
        if (value === undefined) continue;
        key = pair?.[0] ?? '';
      }
      // A Struct at d: entries at d + 1, Values at d + 2; a ListValue: Values at d + 1.
      const valueDepth = (depths[top] ?? 0) + (entries === undefined ? 1 : 2);
      if (valueDepth > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      const scalar = scalarSize(value, top);
      if (scalar >= 0) {
        if (entries !== undefined) {
          const keySize = key === '' ? 0 : field(utf8Size(key));
          writer.uint32(STRUCT_FIELDS).uint32(keySize + field(scalar));
          if (key !== '') writeString(writer.uint32(ENTRY_KEY), key);
          writer.uint32(ENTRY_VALUE).uint32(scalar);
        } else writer.uint32(LIST_VALUES).uint32(scalar);
        writeScalar(writer, value);
        continue;
      }
      if (valueDepth + 1 > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      if (entries !== undefined) {
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
      entryLists[slot] = undefined;
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
