/**
 * Protobuf bytes written by hand, independently of every codec under test: for the field
 * orders, repeats, unknown fields and malformations no encoder produces, and for nesting
 * deeper than a recursive encoder can reach.
 */
import protobuf from 'protobufjs/minimal.js';

/** A varint of a non-negative integer below 2^53. */
export function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

export const tag = (field: number, wireType: keyof typeof WIRE | number) =>
  varint(field * 8 + (typeof wireType === 'number' ? wireType : WIRE[wireType]));

/** A length-delimited field; a string payload is written as UTF-8. */
export function bytesField(field: number, ...payload: (Buffer | Uint8Array | string)[]): Buffer {
  const content = Buffer.concat(
    payload.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)),
  );
  return Buffer.concat([tag(field, 'bytes'), varint(content.length), content]);
}

export const varintField = (field: number, value: number) =>
  Buffer.concat([tag(field, 'varint'), varint(value)]);

export function doubleField(field: number, value: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeDoubleLE(value);
  return Buffer.concat([tag(field, 'fixed64'), payload]);
}

/** google.protobuf.Value kinds (field numbers of its oneof). */
export const value = {
  null: () => varintField(1, 0),
  number: (number: number) => doubleField(2, number),
  string: (text: string | Buffer) => bytesField(3, text),
  bool: (flag: boolean) => varintField(4, flag ? 1 : 0),
  struct: (...entries: Buffer[]) => bytesField(5, ...entries),
  list: (...values: Buffer[]) => bytesField(6, ...values.map((v) => bytesField(1, v))),
};

/** A Struct field entry (`fields`, field 1): key then Value, the order encoders write. */
export const entry = (key: string | Buffer, valueBytes: Buffer) =>
  bytesField(1, bytesField(1, key), bytesField(2, valueBytes));

/** RunFunctionRequest fields. */
export const request = {
  meta: (...fields: Buffer[]) => bytesField(1, ...fields),
  observed: (...fields: Buffer[]) => bytesField(2, ...fields),
  desired: (...fields: Buffer[]) => bytesField(3, ...fields),
  input: (...entries: Buffer[]) => bytesField(4, ...entries),
  context: (...entries: Buffer[]) => bytesField(5, ...entries),
  extraResources: (name: string, ...items: Buffer[]) =>
    bytesField(6, bytesField(1, name), bytesField(2, ...items.map((item) => bytesField(1, item)))),
  credentials: (name: string, key: string, secret: string) =>
    bytesField(
      7,
      bytesField(1, name),
      bytesField(2, bytesField(1, bytesField(1, bytesField(1, key), bytesField(2, secret)))),
    ),
  requiredResources: (name: string, ...items: Buffer[]) =>
    bytesField(8, bytesField(1, name), bytesField(2, ...items.map((item) => bytesField(1, item)))),
};

/** A Resource's content: its Struct, then any other fields given. */
export const resource = (struct: Buffer[], ...fields: Buffer[]) =>
  Buffer.concat([bytesField(1, ...struct), ...fields]);

/** A State map entry (`resources`, field 2) holding a Resource's content. */
export const resourceEntry = (key: string, content: Buffer) =>
  bytesField(2, bytesField(1, key), bytesField(2, content));

/**
 * A Value holding `lists` ListValues one inside the other around a string: 2 messages per
 * list, plus the outer Value. Built from the inside out, headers first, without recursion.
 */
export function nestedLists(lists: number, leaf = 'leaf'): Buffer {
  const innermost = value.string(leaf);
  const headers: Buffer[] = [];
  let size = innermost.length;
  for (let level = 0; level < lists; level++) {
    const listHeader = Buffer.concat([tag(1, 'bytes'), varint(size)]);
    const valueHeader = Buffer.concat([tag(6, 'bytes'), varint(listHeader.length + size)]);
    // Reversed below: each level's Value header must come out before its list header.
    headers.push(listHeader, valueHeader);
    size += valueHeader.length + listHeader.length;
  }
  return Buffer.concat([...headers.reverse(), innermost]);
}

/**
 * Where the content of the message reached by `fields` begins (field numbers, outermost
 * first, the first occurrence at each level), found by walking down without recursion.
 */
export function contentOffset(bytes: Uint8Array, fields: readonly number[]): number {
  const reader = new protobuf.Reader(bytes);
  for (const wanted of fields) {
    for (;;) {
      if (reader.pos >= reader.len) throw new Error(`no field ${wanted} at byte ${reader.pos}`);
      const fieldTag = reader.uint32();
      if (fieldTag === wanted * 8 + 2) {
        reader.len = reader.uint32() + reader.pos;
        break;
      }
      reader.skipType(fieldTag & 7);
    }
  }
  return reader.pos;
}

/**
 * The payload of the length-delimited field at `path` (field numbers, outermost first; the
 * last occurrence at each level), read without recursion.
 */
export function fieldAt(bytes: Uint8Array, path: readonly number[]): Uint8Array | undefined {
  let current: Uint8Array | undefined = bytes;
  for (const wanted of path) {
    if (current === undefined) return undefined;
    const reader = new protobuf.Reader(current);
    let found: Uint8Array | undefined;
    while (reader.pos < reader.len) {
      const fieldTag = reader.uint32();
      if (fieldTag === wanted * 8 + 2) found = reader.bytes();
      else reader.skipType(fieldTag & 7);
    }
    current = found;
  }
  return current;
}
