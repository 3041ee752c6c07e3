/**
 * Wire primitives for the request decoder, on protobufjs's Reader (`buf`, `pos`, `len` and
 * its fixed-size reads). Where protobufjs is lenient, these follow protobuf-go
 * (`encoding/protowire`), which is what Crossplane and the Go SDK accept:
 *
 * - varints are read whole and checked (protobufjs skips bytes 6 to 10 unread);
 * - field number 0, reserved wire types and stray end-group tags are errors;
 * - strings must be valid UTF-8 (protobuf-go refuses a request otherwise);
 * - nested groups are skipped without recursion, up to protobuf-go's group limit.
 *
 * A nested message is read by narrowing `len` to its end (`enter`/`leave`), so every read,
 * protobufjs's own included, stays inside the message it belongs to.
 */
import { isUtf8 } from 'node:buffer';
import protobuf from 'protobufjs/minimal.js';
import { MAX_MESSAGE_DEPTH } from './errors.js';

/** protobufjs's Reader over a Buffer view of the bytes, for Buffer's native string decoding. */
export type Reader = protobuf.Reader & { buf: Buffer };

export function newReader(bytes: Uint8Array): Reader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The base Reader, not BufferReader: the latter's string() clamps a length past the end.
  return Object.assign(new protobuf.Reader(buf), { buf });
}

/** A decoding failure: its reason, where it was found, and the fields it was found under. */
export class Malformed extends Error {
  /** Path segments, innermost first (each enclosing field adds its own as it unwinds). */
  readonly segments: string[] = [];
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

/** Adds `segment` to a failure's path as it passes a field; anything else goes on untouched. */
export function within(error: unknown, segment: string): unknown {
  if (error instanceof Malformed) error.segments.push(segment);
  return error;
}

/** Fails at `offset`: where the broken tag, varint, length prefix or string begins. */
function fail(reason: string, offset: number): never {
  throw new Malformed(reason, offset);
}

/** Where the last tag `tag` read began, for a failure about that field. */
let tagStart = 0;

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

/** The high 32 bits of the last varint `varint` read (it returns the low 32). */
let varintHigh = 0;

/** A varint's low 32 bits, unsigned; its high bits go to `varintHigh`. */
export function varint(reader: Reader): number {
  const { buf, len } = reader;
  const start = reader.pos;
  let pos = start;
  if (pos >= len) fail('truncated varint', start);
  let byte = buf[pos++] ?? 0;
  if (byte < 0x80) {
    reader.pos = pos;
    varintHigh = 0;
    return byte;
  }
  let low = byte & 0x7f;
  let high = 0;
  for (let index = 1; index < 10; index++) {
    if (pos >= len) fail('truncated varint', start);
    byte = buf[pos++] ?? 0;
    if (index < 4) low |= (byte & 0x7f) << (7 * index);
    else if (index === 4) {
      low |= (byte & 0x0f) << 28;
      high = (byte & 0x7f) >> 4;
    } else if (index < 9) high |= (byte & 0x7f) << (7 * index - 32);
    // The tenth byte holds bit 63 only (protowire.ConsumeVarint: errCodeOverflow).
    else if (byte > 1) fail('varint overflows 64 bits', start);
    else high |= byte << 31;
    if (byte < 0x80) {
      reader.pos = pos;
      varintHigh = high >>> 0;
      return low >>> 0;
    }
  }
  return fail('varint overflows 64 bits', start);
}

/** A field tag: (field number << 3) | wire type, the number checked as protobuf-go does. */
export function tag(reader: Reader): number {
  tagStart = reader.pos;
  const value = varint(reader);
  if (varintHigh !== 0) fail('field number out of range', tagStart);
  if (value >>> 3 === 0) fail('field number 0', tagStart);
  return value;
}

/** A varint `bool`: true when any of its 64 bits is set. */
export function bool(reader: Reader): boolean {
  return (varint(reader) | varintHigh) !== 0;
}

/** An int32 or enum: the varint's low 32 bits, signed (protobuf-go's `int32(v)`). */
export function int32(reader: Reader): number {
  return varint(reader) | 0;
}

/** A length prefix, which must fit in what is left of the enclosing message. */
export function length(reader: Reader): number {
  const start = reader.pos;
  const value = varint(reader);
  if (varintHigh !== 0 || value > reader.len - reader.pos) fail('truncated field', start);
  return value;
}

/** Starts reading a message of `size` bytes (from `length`); returns the enclosing end. */
export function enter(reader: Reader, size: number, depth: number): number {
  if (depth > MAX_MESSAGE_DEPTH) {
    fail(`messages nested deeper than protobuf-go's limit of ${MAX_MESSAGE_DEPTH}`, reader.pos);
  }
  const outer = reader.len;
  reader.len = reader.pos + size;
  return outer;
}

/** Ends a message `enter` started: every read stopped at its end, so that is where we are. */
export function leave(reader: Reader, outer: number): void {
  reader.len = outer;
}

/** Skips `size` bytes of a fixed-size field. */
function fixed(reader: Reader, size: number): void {
  if (size > reader.len - reader.pos) fail('truncated field', reader.pos);
  reader.skip(size);
}

/** A `double` (protobufjs reads it little-endian, -0 and NaN kept). */
export function double(reader: Reader): number {
  if (reader.len - reader.pos < 8) fail('truncated field', reader.pos);
  return reader.double();
}

/** The bytes of a length-delimited field, as a view (no copy). */
export function bytes(reader: Reader): Uint8Array {
  const size = length(reader);
  const start = reader.pos;
  reader.pos += size;
  return reader.buf.subarray(start, start + size);
}

/** Below this many bytes a JS loop beats Buffer's native decoding (most keys are short). */
const SHORT_STRING = 12;

/**
 * A `string` field: UTF-8 as protobuf-go requires it. Buffer's decoder would replace an
 * invalid sequence, so anything not ASCII is checked first.
 */
export function string(reader: Reader): string {
  const size = length(reader);
  const start = reader.pos;
  reader.pos = start + size;
  return text(reader.buf, start, start + size);
}

function text(buf: Buffer, start: number, end: number): string {
  if (end - start < SHORT_STRING) {
    let decoded = '';
    for (let index = start; index < end; index++) {
      const byte = buf[index] ?? 0;
      if (byte >= 0x80) return utf8(buf, start, end);
      decoded += String.fromCharCode(byte);
    }
    return decoded;
  }
  for (let index = start; index < end; index++) {
    if ((buf[index] ?? 0) >= 0x80) return utf8(buf, start, end);
  }
  return buf.toString('latin1', start, end);
}

function utf8(buf: Buffer, start: number, end: number): string {
  if (!isUtf8(buf.subarray(start, end))) fail('invalid UTF-8 in a string', start);
  return buf.toString('utf8', start, end);
}

/**
 * Keys repeat: every object has its apiVersion, kind, metadata, name. A key read before is
 * taken from this table rather than built again, which also spares V8 interning it anew as
 * a property name. Short ASCII keys only, found by a hash of their bytes and checked byte
 * for byte; a slot keeps the last key that hashed to it. It holds key names, never values.
 */
const KEY_SLOTS = 4096;
const MAX_TABLE_KEY = 32;
const keyTable: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS).fill(undefined);

/** A `string` field that is a map or Struct key: `string`, through the key table. */
export function key(reader: Reader): string {
  const size = length(reader);
  const { buf } = reader;
  const start = reader.pos;
  const end = start + size;
  reader.pos = end;
  if (size > MAX_TABLE_KEY) return text(buf, start, end);
  let hash = size;
  for (let index = start; index < end; index++) {
    const byte = buf[index] ?? 0;
    if (byte >= 0x80) return text(buf, start, end);
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  const slot = (hash >>> 0) & (KEY_SLOTS - 1);
  const known = keyTable[slot];
  if (known?.length === size) {
    let index = 0;
    while (index < size && known.charCodeAt(index) === buf[start + index]) index++;
    if (index === size) return known;
  }
  const decoded = text(buf, start, end);
  keyTable[slot] = decoded;
  return decoded;
}

/**
 * Skips one field's value after its tag (protowire.ConsumeFieldValue): groups, which nothing
 * in run_function.proto uses but any message may carry as unknown fields, without recursion.
 */
export function skip(reader: Reader, fieldTag: number): void {
  switch (fieldTag & 7) {
    case WIRE_VARINT:
      varint(reader);
      return;
    case WIRE_FIXED64:
      fixed(reader, 8);
      return;
    case WIRE_BYTES: {
      // Not `reader.pos += length(reader)`: that adds to the position before the length.
      const size = length(reader);
      reader.pos += size;
      return;
    }
    case WIRE_FIXED32:
      fixed(reader, 4);
      return;
    case WIRE_START_GROUP:
      skipGroup(reader, fieldTag >>> 3);
      return;
    case WIRE_END_GROUP:
      return fail('end-group tag without a start-group', tagStart);
    default:
      return fail(`invalid wire type ${fieldTag & 7}`, tagStart);
  }
}

/** protowire's group limit: a group may nest 10,000 more inside it (`consumeFieldValueD`). */
const MAX_GROUP_DEPTH = MAX_MESSAGE_DEPTH + 1;

function skipGroup(reader: Reader, field: number): void {
  const open = [field];
  while (open.length > 0) {
    const next = tag(reader);
    const wireType = next & 7;
    if (wireType === WIRE_END_GROUP) {
      if (next >>> 3 !== open.pop()) fail('end-group tag does not match its group', tagStart);
    } else if (wireType === WIRE_START_GROUP) {
      if (open.length >= MAX_GROUP_DEPTH) fail('groups nested too deep', tagStart);
      open.push(next >>> 3);
    } else {
      skip(reader, next);
    }
  }
}
