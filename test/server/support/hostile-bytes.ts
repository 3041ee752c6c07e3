/**
 * Byte builders for wire-level abuse: seeded random bodies, gRPC message framing, and protobuf
 * encodings no well-behaved encoder would produce (protobufjs refuses to nest past depth 100).
 */

/** A small deterministic generator (mulberry32), so random bodies are the same every run. */
export function seededBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** gRPC's length-prefixed message framing: compressed flag, 4-byte big-endian length. */
export function grpcFrame(message: Buffer, compressed = false): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(compressed ? 1 : 0, 0);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** A length-delimited protobuf field: tag (wire type 2), length, payload. */
export function protoField(fieldNumber: number, payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([...varint(fieldNumber * 8 + 2), ...varint(payload.length)]),
    payload,
  ]);
}

/** A google.protobuf.Value holding `depth` nested lists around "leaf", built without recursion. */
export function nestedListValue(depth: number): Buffer {
  const LIST_VALUE = 6; // Value.list_value
  const VALUES = 1; // ListValue.values
  const leaf = protoField(3, Buffer.from('leaf')); // Value.string_value
  const headers: number[][] = [];
  let valueLength = leaf.length;
  for (let level = 0; level < depth; level++) {
    const listHeader = [...varint(VALUES * 8 + 2), ...varint(valueLength)];
    const listLength = listHeader.length + valueLength;
    const valueHeader = [...varint(LIST_VALUE * 8 + 2), ...varint(listLength)];
    headers.push([...valueHeader, ...listHeader]);
    valueLength = valueHeader.length + listLength;
  }
  return Buffer.concat([Buffer.from(headers.reverse().flat()), leaf]);
}

/**
 * RunFunctionRequest bytes setting `input` to `{ [key]: value }`; appended to an encoded
 * request, protobuf's merge-on-concatenation adds it to that request.
 */
export function inputField(key: string, value: Buffer): Buffer {
  const INPUT = 4; // RunFunctionRequest.input (a Struct)
  const FIELDS = 1; // Struct.fields (map entries: key 1, value 2)
  const entry = Buffer.concat([protoField(1, Buffer.from(key)), protoField(2, value)]);
  return protoField(INPUT, protoField(FIELDS, entry));
}
