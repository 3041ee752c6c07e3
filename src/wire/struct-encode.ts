/**
 * Plain JSON to a google.protobuf.Struct on protobufjs's Writer, without recursion (an
 * explicit stack of open objects and lists), so anything the decoder accepted, however deep,
 * is written back on Node's default stack. The bytes are the SDK's
 * `Struct.encode(Struct.wrap(object))`:
 * - keys in `Object.keys` order, a key whose value is undefined left out, an entry's key
 *   left out when it is "" (proto3 default), its Value always written;
 * - null is NullValue 0, numbers doubles, strings and booleans written even when ""/false;
 * - in a list, undefined (or a hole) is an empty Value;
 * - any other object is a Struct of its `Object.keys`; a bigint, function or symbol is refused.
 * Strings are written as TextEncoder writes them: a lone surrogate becomes U+FFFD.
 */
import protobuf from 'protobufjs/minimal.js';
import { indexSegment, keySegment, MAX_MESSAGE_DEPTH } from './errors.js';
import type { JsonObject } from './types.js';

export type Writer = protobuf.Writer;

/** A value the encoder cannot write; `segments` is its path inside the Struct. */
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

/** The open objects and lists, as parallel arrays reused across calls (encoding is synchronous). */
const containers: unknown[] = [];
/** An object's keys; undefined for a list. */
const keyLists: (readonly string[] | undefined)[] = [];
/** The next key or element to write. */
const positions: number[] = [];
/** The depth of the open object's Struct or the list's ListValue message. */
const depths: number[] = [];

const TOO_DEEP = `nested deeper than protobuf-go's limit of ${MAX_MESSAGE_DEPTH} messages`;

export function writeString(writer: Writer, text: string): void {
  writer.string(text.isWellFormed() ? text : text.toWellFormed());
}

/** The path of the value being written, innermost first, for an error. */
function pathAt(top: number): string[] {
  const segments: string[] = [];
  for (let slot = top; slot >= 0; slot--) {
    const at = (positions[slot] ?? 1) - 1;
    const keys = keyLists[slot];
    segments.push(keys === undefined ? indexSegment(at) : keySegment(keys[at] ?? ''));
  }
  return segments;
}

function refuse(reason: string, top: number): never {
  throw new Unencodable(reason, pathAt(top));
}

/**
 * Writes the content of a Struct for `object` (the caller writes its tag and length); the
 * Struct sits at `depth` messages (the top-level message is 1), within protobuf-go's limit.
 */
export function writeStruct(writer: Writer, object: JsonObject, depth: number): void {
  let top = 0;
  containers[0] = object;
  keyLists[0] = Object.keys(object);
  positions[0] = 0;
  depths[0] = depth;
  try {
    for (;;) {
      const container = containers[top];
      const keys = keyLists[top];
      const at = positions[top] ?? 0;
      // A Struct at d: its entries at d + 1, their Values at d + 2. A ListValue: Values at d + 1.
      const valueDepth = (depths[top] ?? 0) + (keys === undefined ? 1 : 2);
      let value: unknown;
      if (keys === undefined) {
        const list = container as readonly unknown[];
        if (at === list.length) {
          if (top === 0) return;
          top = close(writer, top);
          continue;
        }
        positions[top] = at + 1;
        value = list[at];
        writer.uint32(LIST_VALUES).fork();
      } else {
        if (at === keys.length) {
          if (top === 0) return;
          top = close(writer, top);
          continue;
        }
        positions[top] = at + 1;
        const key = keys[at] ?? '';
        value = (container as JsonObject)[key];
        if (value === undefined) continue;
        writer.uint32(STRUCT_FIELDS).fork();
        if (key !== '') writeString(writer.uint32(ENTRY_KEY), key);
        writer.uint32(ENTRY_VALUE).fork();
      }
      if (valueDepth > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      if (typeof value === 'object' && value !== null) {
        if (valueDepth + 1 > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
        const isList = Array.isArray(value);
        writer.uint32(isList ? LIST_VALUE : STRUCT_VALUE).fork();
        top++;
        containers[top] = value;
        keyLists[top] = isList ? undefined : Object.keys(value);
        positions[top] = 0;
        depths[top] = valueDepth + 1;
        continue;
      }
      writeScalar(writer, value, top);
      writer.ldelim();
      if (keys !== undefined) writer.ldelim();
    }
  } finally {
    for (let slot = 0; slot <= top; slot++) {
      containers[slot] = undefined;
      keyLists[slot] = undefined;
    }
  }
}

/** Ends the object or list in `top`, its Value and, in an object, its entry; returns the new top. */
function close(writer: Writer, top: number): number {
  containers[top] = undefined;
  keyLists[top] = undefined;
  writer.ldelim().ldelim();
  if (keyLists[top - 1] !== undefined) writer.ldelim();
  return top - 1;
}

/** A Value's content for anything but an object or list. */
function writeScalar(writer: Writer, value: unknown, top: number): void {
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
    case 'undefined':
      return;
    case 'object':
      writer.uint32(NULL_VALUE).int32(0);
      return;
    default:
      refuse(`a ${typeof value} is not JSON`, top);
  }
}
