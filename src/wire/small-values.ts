/**
 * Small values of a Struct, written as one protobufjs operation per run of them. A value is
 * small when it is a scalar, or an object or list of small values, whose entry (or list
 * element) takes fewer than 128 bytes: every length inside is then below 128, so one byte,
 * which is what protobuf's varint encoding gives a number below 128. Most of a Kubernetes
 * object is small values (names, labels, ports, env entries, probes), so this replaces most of
 * the Writer's operations (up to nine for one entry, and three forks for an object) by one
 * per run. Strings in a small value are well-formed: one holding a lone surrogate is not
 * small and goes the general way (struct-encode.ts), which replaces it by U+FFFD.
 * The bytes are those of the general way, field for field (test/wire compares with the SDK).
 */
import { float, queue, utf8, wellFormedShortSize, type Writer } from './writer.js';
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

/** Entries and elements below this size have every length inside below 128: one byte. */
const ONE_BYTE = 128;

/**
 * Messages a small value can nest: each level takes at least two bytes (a tag, a length), so
 * fewer than 64 fit in 128. The caller checks this much room is left below the depth limit.
 */
export const SMALL_DEPTH = 64;

type Container = Readonly<Record<string, unknown>>;

/**
 * The content size of a Value holding `value` if it fits in `room` bytes and is small, else
 * -1. An undefined value (in a list) is an empty Value.
 */
function valueSize(value: unknown, room: number): number {
  switch (typeof value) {
    case 'string': {
      if (value.length + 2 > room) return -1;
      const size = wellFormedShortSize(value);
      return size < 0 || size + 2 > room ? -1 : size + 2;
    }
    case 'number':
      return room >= 9 ? 9 : -1;
    case 'boolean':
      return room >= 2 ? 2 : -1;
    case 'undefined':
      return 0;
    case 'object': {
      // Each level takes 2 bytes of `room` at least, so this recursion ends within SMALL_DEPTH.
      if (room < 2) return -1;
      if (value === null) return 2;
      let size = 2;
      if (Array.isArray(value)) {
        for (const element of value as readonly unknown[]) {
          const inner = valueSize(element, room - size - 2);
          if (inner < 0) return -1;
          size += 2 + inner;
          if (size > room) return -1;
        }
        return size;
      }
      for (const key of Object.keys(value)) {
        const entry = entrySize(key, (value as Container)[key], room - size);
        if (entry < 0) return -1;
        size += entry;
      }
      return size;
    }
    default:
      return -1;
  }
}

/** The whole size of the entry `key: value` if it fits in `room` bytes, else -1; 0 if left out. */
function entrySize(key: string, value: unknown, room: number): number {
  if (value === undefined) return 0;
  if (room < 4) return -1;
  let keyField = 0;
  if (key !== '') {
    if (key.length + 4 > room) return -1;
    const size = wellFormedShortSize(key);
    if (size < 0) return -1;
    keyField = 2 + size;
  }
  const inner = valueSize(value, room - keyField - 4);
  return inner < 0 ? -1 : keyField + 4 + inner;
}

/** The whole size of a small Struct entry `key: value`, else -1; 0 when it is left out. */
export function smallEntrySize(key: string, value: unknown): number {
  return entrySize(key, value, ONE_BYTE + 1);
}

/** The whole size of a list element holding `value` if it is small, else -1. */
export function smallElementSize(value: unknown): number {
  const inner = valueSize(value, ONE_BYTE - 1);
  return inner < 0 ? -1 : 2 + inner;
}

/** A small value's Value content at `at`; returns where it ends. */
function writeValue(value: unknown, buf: Uint8Array, at: number): number {
  switch (typeof value) {
    case 'string': {
      buf[at] = STRING_VALUE;
      const size = utf8.write(value, buf, at + 2);
      buf[at + 1] = size;
      return at + 2 + size;
    }
    case 'number':
      buf[at] = NUMBER_VALUE;
      float.writeDoubleLE(value, buf, at + 1);
      return at + 9;
    case 'boolean':
      buf[at] = BOOL_VALUE;
      buf[at + 1] = value ? 1 : 0;
      return at + 2;
    case 'undefined':
      return at;
    default:
      break;
  }
  if (value === null) {
    buf[at] = NULL_VALUE;
    buf[at + 1] = 0;
    return at + 2;
  }
  let end = at + 2;
  if (Array.isArray(value)) {
    buf[at] = LIST_VALUE;
    for (const element of value as readonly unknown[]) end = writeElement(element, buf, end);
  } else {
    buf[at] = STRUCT_VALUE;
    for (const key of Object.keys(value as Container)) {
      end = writeEntry(key, (value as Container)[key], buf, end);
    }
  }
  buf[at + 1] = end - at - 2;
  return end;
}

/** A Struct entry, its key field left out when "" as the SDK does; returns where it ends. */
function writeEntry(key: string, value: unknown, buf: Uint8Array, pos: number): number {
  if (value === undefined) return pos;
  buf[pos] = STRUCT_FIELDS;
  let at = pos + 2;
  if (key !== '') {
    buf[at] = ENTRY_KEY;
    const size = utf8.write(key, buf, at + 2);
    buf[at + 1] = size;
    at += 2 + size;
  }
  buf[at] = ENTRY_VALUE;
  const end = writeValue(value, buf, at + 2);
  buf[at + 1] = end - at - 2;
  buf[pos + 1] = end - pos - 2;
  return end;
}

function writeElement(value: unknown, buf: Uint8Array, pos: number): number {
  buf[pos] = LIST_VALUES;
  const end = writeValue(value, buf, pos + 2);
  buf[pos + 1] = end - pos - 2;
  return end;
}

/**
 * A run of small entries of one object (`keys` from `start` to `end`) or of small elements
 * of one list (`keys` undefined).
 */
export type SmallRun = {
  readonly container: Container | readonly unknown[];
  readonly keys: readonly string[] | undefined;
  readonly start: number;
  readonly end: number;
};

function writeRun(run: SmallRun, buf: Uint8Array, pos: number): void {
  const { container, keys, start, end } = run;
  let at = pos;
  for (let index = start; index < end; index++) {
    if (keys === undefined) at = writeElement((container as readonly unknown[])[index], buf, at);
    else {
      const key = keys[index] ?? '';
      at = writeEntry(key, (container as Container)[key], buf, at);
    }
  }
}

/** Queues a run of small entries or elements, `size` bytes in all, as one operation. */
export function queueSmallRun(writer: Writer, run: SmallRun, size: number): void {
  queue(writer, writeRun, size, run);
}
