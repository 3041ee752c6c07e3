/**
 * Writing on protobufjs's BufferWriter, with fewer operations than its public methods take.
 * The Writer queues one operation per write (an object holding a function, a length and a
 * value) and runs them all in `finish`; its `string` measures a string natively, then the
 * caller's sizing measures it again. Here:
 *
 * - a string is measured once and queued as one operation (`writeString`): a short one by a
 *   loop (a native call costs more than it), a long one by `Buffer.byteLength`;
 * - small entries and elements of a Struct are queued as one operation for a whole run of
 *   them (small-values.ts), where the public methods queue up to nine for each.
 *
 * Strings are written as TextEncoder writes them: a lone surrogate becomes U+FFFD (Buffer's
 * encoder does so; the loop's strings are made well-formed first). Byte for byte, what is
 * written is what the SDK's encoder writes (test/wire).
 */
import protobuf from 'protobufjs/minimal.js';

export type Writer = protobuf.Writer;

type Operation<T> = (value: T, buf: Uint8Array, pos: number) => void;

/**
 * protobufjs's own way to queue an operation (`Writer.prototype._push`, src/writer.js), which
 * every one of its writes goes through; its typings leave it out.
 */
type Queue = { _push<T>(fn: Operation<T>, len: number, value: T): Writer };

export function queue<T>(writer: Writer, fn: Operation<T>, len: number, value: T): void {
  (writer as unknown as Queue)._push(fn, len, value);
}

declare global {
  // ES2024, in Node 20 and later; the ES2023 lib this project compiles against lacks them.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- merges into String
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

export const { utf8, float } = protobuf.util;

/** Below this many UTF-16 units a loop measures a string faster than Buffer.byteLength. */
export const SHORT_STRING = 128;

/** Set by `shortSize` when the string it measured holds a lone surrogate. */
let loneSurrogate = false;

/** UTF-8 bytes of a string shorter than SHORT_STRING, a lone surrogate counted as U+FFFD's 3. */
function shortSize(text: string): number {
  let size = 0;
  loneSurrogate = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if ((code & 0xf800) !== 0xd800) size += 3;
    else if (code < 0xdc00 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      size += 4;
      index++;
    } else {
      size += 3;
      loneSurrogate = true;
    }
  }
  return size;
}

/** UTF-8 bytes of `text` as TextEncoder writes it. */
export function utf8Size(text: string): number {
  return text.length < SHORT_STRING ? shortSize(text) : Buffer.byteLength(text, 'utf8');
}

/** UTF-8 bytes of a string shorter than 128 units, or -1 if it holds a lone surrogate. */
export function wellFormedShortSize(text: string): number {
  const size = shortSize(text);
  return loneSurrogate ? -1 : size;
}

/** Writes a short well-formed string by protobufjs's loop, a long one by Buffer's encoder. */
function writeText(text: string, buf: Uint8Array, pos: number): void {
  if (text.length < SHORT_STRING) utf8.write(text, buf, pos);
  else (buf as Buffer).write(text, pos, 'utf8');
}

/** A `string` field's length and content, after its tag. */
export function writeString(writer: Writer, text: string): void {
  let size: number;
  let written = text;
  if (text.length < SHORT_STRING) {
    size = shortSize(text);
    if (loneSurrogate) written = text.toWellFormed();
  } else size = Buffer.byteLength(text, 'utf8');
  writer.uint32(size);
  if (size > 0) queue(writer, writeText, size, written);
}
