/**
 * The Struct decoder's stack: one slot per message being read, as parallel arrays reused
 * across calls (decoding is synchronous). Slots are cleared when popped, and all of them
 * when a Struct is done, so no request outlives its call.
 */
import { indexSegment, keySegment } from './errors.js';
import { enter, length, type Malformed, type Reader } from './reader.js';
import type { JsonObject } from './types.js';

export const STRUCT = 0;
export const ENTRY = 1;
export const VALUE = 2;
export const LIST = 3;

/** How a slot is named in a failure's path: by its key, by its index, or not at all. */
export const VIA_KEY = 1;
export const VIA_INDEX = 2;

export const kinds: number[] = [];
/** STRUCT: its object; LIST: its array. */
export const containers: unknown[] = [];
/** ENTRY: the key read so far; an object or list read in place: the key it is under. */
export const keys: string[] = [];
/** ENTRY and VALUE: the value read so far; VALUE's rank says which kind it is. */
export const values: unknown[] = [];
export const ranks: number[] = [];
/** Where the enclosing message ends, restored when this one is done. */
export const outers: number[] = [];
/** The message's depth, as protobuf-go counts it. */
export const levels: number[] = [];
export const via: number[] = [];
export const indexes: number[] = [];
/** STRUCT: which of its fields, and of theirs, are skipped unread; undefined: none. */
export const unread: (Unread | undefined)[] = [];

/**
 * Fields of a Struct skipped unread: `true` skips the field's value whole, a nested Unread
 * applies to the object the field holds.
 */
export type Unread = ReadonlyMap<string, Unread | true>;

/** Opens a message of `kind` at the reader's length prefix, below `top`; returns the new top. */
export function push(reader: Reader, kind: number, top: number): number {
  const size = length(reader);
  const level = (levels[top] ?? 0) + 1;
  const outer = enter(reader, size, level);
  kinds[top + 1] = kind;
  outers[top + 1] = outer;
  levels[top + 1] = level;
  return top + 1;
}

/** Sets `object[key]`, a `"__proto__"` key included, without touching any prototype. */
export function setField(object: JsonObject, key: string, value: unknown): void {
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
export function addPath(error: Malformed, top: number): void {
  // Failing in a list itself: at the element it was about to read.
  if (kinds[top] === LIST) {
    error.segments.push(indexSegment((containers[top] as unknown[]).length));
  }
  for (let slot = top; slot > 0; slot--) {
    if (via[slot] === VIA_KEY) error.segments.push(keySegment(keys[slot] ?? ''));
    else if (via[slot] === VIA_INDEX) error.segments.push(indexSegment(indexes[slot] ?? 0));
  }
}

export function clear(top: number): void {
  for (let slot = 0; slot <= top; slot++) {
    containers[slot] = undefined;
    values[slot] = undefined;
    unread[slot] = undefined;
  }
}
