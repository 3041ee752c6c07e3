/**
 * A minimal protobuf writer for the fast RunFunctionResponse encoder. Each method mirrors the
 * `@bufbuild/protobuf/wire` BinaryWriter call that ts-proto generates (`uint32(tag).string(x)`,
 * `uint32(tag).fork()` ... `join()`), byte for byte, and throws UnsupportedValueError where
 * BinaryWriter would coerce or reject a value, so the caller can hand it to the SDK.
 *
 * It writes in one pass into a reused scratch buffer: a length-delimited field reserves one
 * byte for its length and, in the rare case the content reaches 128 bytes, shifts the content
 * (one memmove) to make room. Measured on the full example this beats measuring first and
 * writing second (which walks every object twice), and there is a single copy at the end.
 */

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
/** Below this many UTF-16 units a JS loop (ASCII only) beats Buffer#write. */
const SHORT_STRING = 32;
const SCRATCH_BYTES = 64 * 1024;
/** A scratch buffer grown past this by one huge response is not kept for the next one. */
const SCRATCH_KEEP_BYTES = 1024 * 1024;

/** The fast path does not encode this value exactly like the SDK would: use the SDK. */
export class UnsupportedValueError extends Error {}

/** Bytes of an unsigned 32-bit varint. */
function varint32Size(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** Shared between calls (encoding is synchronous); `null` while a call is using it. */
let idleScratch: Buffer | null = Buffer.allocUnsafe(SCRATCH_BYTES);

/** Field tags are single bytes: every field number in run_function.proto is below 16. */
export class ProtoWriter {
  private pos = 0;
  private out: Buffer;
  private view: DataView;

  private constructor(out: Buffer) {
    this.out = out;
    this.view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }

  /** Runs `encode` and returns a copy of exactly the bytes it wrote. */
  static encode<T>(message: T, encode: (writer: ProtoWriter, message: T) => void): Buffer {
    // A nested call (from a getter, say) would find the scratch taken and use its own.
    const scratch = idleScratch ?? Buffer.allocUnsafe(SCRATCH_BYTES);
    idleScratch = null;
    const writer = new ProtoWriter(scratch);
    try {
      encode(writer, message);
      const bytes = Buffer.allocUnsafe(writer.pos);
      writer.out.copy(bytes, 0, 0, writer.pos);
      return bytes;
    } finally {
      idleScratch = writer.out.length <= SCRATCH_KEEP_BYTES ? writer.out : scratch;
    }
  }

  /** Opens a length-delimited field (BinaryWriter `uint32(tag).fork()`); pass the result to `end`. */
  begin(tag: number): number {
    this.reserve(2);
    this.out[this.pos++] = tag;
    return this.pos++;
  }

  /** Closes a field opened by `begin` (BinaryWriter `join()`): writes the minimal length varint. */
  end(lengthAt: number): void {
    const length = this.pos - lengthAt - 1;
    if (length < 0x80) {
      this.out[lengthAt] = length;
      return;
    }
    const lengthSize = varint32Size(length);
    this.reserve(lengthSize - 1);
    this.out.copyWithin(lengthAt + lengthSize, lengthAt + 1, this.pos);
    this.pos += lengthSize - 1;
    this.varint32At(lengthAt, length);
  }

  /**
   * BinaryWriter `uint32(tag).string(text)` for a string: UTF-8 as TextEncoder writes it (a
   * lone surrogate becomes U+FFFD, as Buffer#write does too).
   */
  string(tag: number, text: string): void {
    const units = text.length;
    this.reserve(units * 3 + 6);
    const out = this.out;
    out[this.pos++] = tag;
    if (units < SHORT_STRING) {
      let at = this.pos + 1; // an ASCII string this short has a one-byte length
      let i = 0;
      for (; i < units; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0x80) break;
        out[at++] = code;
      }
      if (i === units) {
        out[this.pos] = units;
        this.pos = at;
        return;
      }
    }
    // Guess the length's size from the UTF-16 length, write the text, shift if it was wrong.
    const guess = varint32Size(units);
    const written = out.write(text, this.pos + guess, 'utf8');
    const lengthSize = varint32Size(written);
    if (lengthSize !== guess) {
      out.copyWithin(this.pos + lengthSize, this.pos + guess, this.pos + guess + written);
    }
    this.pos = this.varint32At(this.pos, written) + written;
  }

  /** BinaryWriter `uint32(tag).int32(value)`: a negative value is sign-extended to 10 bytes. */
  int32(tag: number, value: number): void {
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw new UnsupportedValueError(`not an int32: ${String(value)}`);
    }
    if (value < 0) {
      this.varint64(tag, value >>> 0, 0xffffffff);
      return;
    }
    this.reserve(6);
    this.out[this.pos++] = tag;
    this.pos = this.varint32At(this.pos, value);
  }

  /** BinaryWriter `uint32(tag).int64(value)` for a safe integer: a two's complement varint. */
  int64(tag: number, value: number): void {
    if (!Number.isSafeInteger(value)) {
      throw new UnsupportedValueError(`not a safe int64: ${String(value)}`);
    }
    // Exact for |value| < 2^53: ToUint32 is modular and division by 2^32 is exact.
    this.varint64(tag, value >>> 0, Math.floor(value / 0x100000000) >>> 0);
  }

  /** BinaryWriter `uint32(tag).bool(value)`. */
  bool(tag: number, value: boolean): void {
    this.reserve(2);
    this.out[this.pos++] = tag;
    this.out[this.pos++] = value ? 1 : 0;
  }

  /** BinaryWriter `uint32(tag).double(value)`: DataView little-endian, as BinaryWriter does. */
  double(tag: number, value: number): void {
    this.reserve(9);
    this.out[this.pos++] = tag;
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** BinaryWriter `uint32(tag).bytes(value)`. */
  bytes(tag: number, value: Uint8Array): void {
    const length = value.byteLength;
    this.reserve(length + 6);
    this.out[this.pos++] = tag;
    this.pos = this.varint32At(this.pos, length);
    this.out.set(value, this.pos);
    this.pos += length;
  }

  /** Room for `bytes` more bytes: doubles the buffer, keeping what was written. */
  private reserve(bytes: number): void {
    const needed = this.pos + bytes;
    if (needed <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.out.copy(grown, 0, 0, this.pos);
    this.out = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }

  /** Writes an unsigned 32-bit varint at `at`; returns the position after it. */
  private varint32At(at: number, value: number): number {
    const out = this.out;
    while (value > 0x7f) {
      out[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    out[at++] = value;
    return at;
  }

  /** Tag and a 64-bit varint from unsigned low and high words (BinaryWriter `writeVarint64`). */
  private varint64(tag: number, low: number, high: number): void {
    this.reserve(11);
    const out = this.out;
    out[this.pos++] = tag;
    while (high !== 0 || low > 0x7f) {
      out[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    out[this.pos++] = low;
  }
}
