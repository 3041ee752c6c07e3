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
 * Two passes over the value: the first measures every message (and refuses what cannot be
 * written), the second writes each length before its content. protobufjs's `fork`/`ldelim`
 * would do without the first pass, but cost two allocations per message, and a Struct is
 * mostly small messages.
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
 * Measuring walks the value with an explicit stack of open objects and lists, and records
 * what to write on a tape: one step per entry or list element, with its key, its value and
 * the sizes of the messages it opens. Writing then reads the tape in order, no stack needed.
 * All arrays are reused across calls (encoding is synchronous) and cleared after each.
 */
const containers: unknown[] = [];
/** An object's entries (Object.entries: one native call, no per-key lookup); undefined for a list. */
const entryLists: (readonly [string, unknown][] | undefined)[] = [];
const positions: number[] = [];
/** Each open container's depth, content size so far, and the tape step that opened it. */
const depths: number[] = [];
const totals: number[] = [];
const openedBy: number[] = [];

/** Tape steps: an object entry or a list element, holding a scalar or opening a container. */
const ENTRY = 0;
const ELEMENT = 1;
const steps: number[] = [];
const stepKeys: string[] = [];
const stepValues: unknown[] = [];
/** The sizes of the entry (ENTRY only), the Value, and the Struct or ListValue (if opened). */
const entrySizes: number[] = [];
const valueSizes: number[] = [];
const containerSizes: number[] = [];

function open(top: number, value: object, isList: boolean): void {
  containers[top] = value;
  entryLists[top] = isList ? undefined : Object.entries(value);
  positions[top] = 0;
}

/** Throws for the value being measured, with its path (innermost first). */
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

/** Adds a step's whole size to its container's total, sizing its entry and Value. */
function account(step: number, valueSize: number, top: number): void {
  valueSizes[step] = valueSize;
  let size = field(valueSize);
  if (steps[step] === ENTRY) {
    const key = stepKeys[step] ?? '';
    const entrySize = (key === '' ? 0 : field(utf8Size(key))) + size;
    entrySizes[step] = entrySize;
    size = field(entrySize);
  }
  totals[top] = (totals[top] ?? 0) + size;
}

/**
 * Pass 1: records the tape for `object` and returns its Struct's size and the tape's length.
 * The Struct is at `depth` messages (the top-level message is 1).
 */
function measure(object: JsonObject, depth: number): { size: number; length: number } {
  let length = 0;
  let top = 0;
  open(0, object, false);
  depths[0] = depth;
  totals[0] = 0;
  try {
    for (;;) {
      const entries = entryLists[top];
      const container = containers[top];
      const at = positions[top] ?? 0;
      if (
        at === (entries === undefined ? (container as readonly unknown[]).length : entries.length)
      ) {
        const content = totals[top] ?? 0;
        if (top === 0) return { size: content, length };
        const step = openedBy[top] ?? 0;
        containerSizes[step] = content;
        containers[top] = undefined;
        entryLists[top] = undefined;
        top--;
        account(step, field(content), top);
        continue;
      }
      positions[top] = at + 1;
      let value: unknown;
      if (entries === undefined) {
        value = (container as readonly unknown[])[at];
        steps[length] = ELEMENT;
      } else {
        const pair = entries[at];
        value = pair?.[1];
        if (value === undefined) continue;
        steps[length] = ENTRY;
        stepKeys[length] = pair?.[0] ?? '';
      }
      const step = length++;
      stepValues[step] = value;
      // A Struct at d: entries at d + 1, Values at d + 2; a ListValue: Values at d + 1.
      const valueDepth = (depths[top] ?? 0) + (entries === undefined ? 1 : 2);
      if (valueDepth > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      const scalar = scalarSize(value, top);
      if (scalar >= 0) {
        containerSizes[step] = -1;
        account(step, scalar, top);
        continue;
      }
      if (valueDepth + 1 > MAX_MESSAGE_DEPTH) refuse(TOO_DEEP, top);
      top++;
      open(top, value as object, Array.isArray(value));
      depths[top] = valueDepth + 1;
      totals[top] = 0;
      openedBy[top] = step;
    }
  } finally {
    for (let slot = 0; slot <= top; slot++) {
      containers[slot] = undefined;
      entryLists[slot] = undefined;
    }
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
    // undefined: an empty Value. Nothing else passed measuring.
  }
}

/** Pass 2: the tape, in order: every length is known before its content. */
function emit(writer: Writer, length: number): void {
  for (let step = 0; step < length; step++) {
    const value = stepValues[step];
    stepValues[step] = undefined;
    if (steps[step] === ENTRY) {
      writer.uint32(STRUCT_FIELDS).uint32(entrySizes[step] ?? 0);
      const key = stepKeys[step] ?? '';
      if (key !== '') writeString(writer.uint32(ENTRY_KEY), key);
      writer.uint32(ENTRY_VALUE).uint32(valueSizes[step] ?? 0);
    } else writer.uint32(LIST_VALUES).uint32(valueSizes[step] ?? 0);
    const containerSize = containerSizes[step] ?? -1;
    if (containerSize < 0) writeScalar(writer, value);
    else writer.uint32(Array.isArray(value) ? LIST_VALUE : STRUCT_VALUE).uint32(containerSize);
  }
}

/**
 * Writes `object` as a length-delimited Struct field with tag `fieldTag`; the Struct sits at
 * `depth` messages (the top-level message is 1), within protobuf-go's limit. Throws
 * Unencodable, before writing anything, for what no Struct can hold.
 */
export function writeStructField(
  writer: Writer,
  fieldTag: number,
  object: JsonObject,
  depth: number,
): void {
  let length = 0;
  try {
    const measured = measure(object, depth);
    length = measured.length;
    writer.uint32(fieldTag).uint32(measured.size);
    emit(writer, length);
  } finally {
    // A refused value leaves its steps behind; the tape must not keep them alive.
    stepValues.fill(undefined, 0, Math.max(length, stepValues.length));
  }
}
