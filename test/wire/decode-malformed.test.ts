/**
 * decodeRunFunctionRequest on every way bytes can be malformed, written by hand: each refused
 * with one WireError whose one-line message says what, under which field, and at which byte
 * the broken tag, varint, length prefix or string begins.
 */
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { WireError } from '../../src/wire/errors.js';
import {
  bytesField,
  entry,
  request,
  resource,
  resourceEntry,
  tag,
  value,
  varint,
} from './support/proto-bytes.js';

const owns = (key: string) => key === 'mine';

describe('malformed requests', () => {
  const refusal = (bytes: Buffer) => {
    try {
      decodeRunFunctionRequest(bytes, owns);
    } catch (error) {
      return error instanceof WireError ? `WireError: ${error.message}` : error;
    }
    return 'decoded';
  };
  const tenBytes = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]);

  it.each([
    { reason: 'a tag cut short', bytes: Buffer.from([0x80]), at: 'truncated varint at byte 0' },
    { reason: 'field number 0', bytes: Buffer.from([0x02, 0x00]), at: 'field number 0 at byte 0' },
    {
      reason: 'a field number past 2^29',
      bytes: Buffer.concat([varint(2 ** 32 * 8 + 2), Buffer.from([0])]),
      at: 'field number out of range at byte 0',
    },
    { reason: 'wire type 6', bytes: tag(9, 6), at: 'invalid wire type 6 at byte 0' },
    { reason: 'wire type 7', bytes: tag(9, 7), at: 'invalid wire type 7 at byte 0' },
    {
      reason: 'a stray end-group',
      bytes: tag(9, 'endGroup'),
      at: 'end-group tag without a start-group at byte 0',
    },
    {
      reason: 'a group closed by another',
      bytes: Buffer.concat([tag(9, 'startGroup'), tag(10, 'endGroup')]),
      at: 'end-group tag does not match its group at byte 1',
    },
    {
      reason: 'a group never closed',
      bytes: tag(9, 'startGroup'),
      at: 'truncated varint at byte 1',
    },
    {
      reason: 'a varint past 64 bits',
      bytes: Buffer.concat([tag(9, 'varint'), tenBytes]),
      at: 'varint overflows 64 bits at byte 1',
    },
    {
      reason: 'a length past the end',
      bytes: Buffer.from([0x0a, 0x05, 0x0a]),
      at: 'meta: truncated field at byte 1',
    },
    {
      reason: 'a fixed64 cut short',
      bytes: Buffer.concat([tag(9, 'fixed64'), Buffer.alloc(7)]),
      at: 'truncated field at byte 1',
    },
    {
      reason: 'a field longer than the message holding it',
      bytes: bytesField(1, Buffer.from([0x0a, 0x05, 0x61])),
      at: 'meta: truncated field at byte 3',
    },
    {
      reason: 'invalid UTF-8 in the tag',
      bytes: request.meta(bytesField(1, Buffer.from([0x61, 0xff]))),
      at: 'meta: invalid UTF-8 in a string at byte 4',
    },
    {
      reason: 'an overlong encoding in a Struct key',
      bytes: request.input(
        entry('spec', value.struct(entry(Buffer.from([0xc0, 0xaf]), value.null()))),
      ),
      at: 'input.spec[""]: invalid UTF-8 in a string at byte 18',
    },
    {
      reason: 'a truncated double deep in an owned observed resource',
      bytes: request.observed(
        resourceEntry('mine', resource([entry('list', value.list(Buffer.from([0x11, 0x00])))])),
      ),
      at: 'observed.resources.mine.resource.list[0]: truncated field at byte 29',
    },
    {
      reason: 'a truncated map entry in required resources',
      bytes: bytesField(8, bytesField(1, 'x'), Buffer.from([0x12, 0x09])),
      at: 'required_resources: truncated field at byte 6',
    },
  ])('refuses $reason', ({ bytes, at }) => {
    expect(refusal(bytes)).toBe(`WireError: invalid RunFunctionRequest: ${at}`);
  });
});
