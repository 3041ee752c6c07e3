/**
 * decodeRunFunctionRequest on bytes written by hand: what it reads and what it leaves as
 * bytes, and the field orders, repeats and unknown fields no encoder writes. Malformed bytes:
 * decode-malformed.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import type { FunctionRequest } from '../../src/wire/types.js';
import {
  bytesField,
  doubleField,
  entry,
  request,
  resource,
  resourceEntry,
  tag,
  value,
  varintField,
} from './support/proto-bytes.js';

const owns = (key: string) => key === 'mine';
const decode = (...fields: Buffer[]) => decodeRunFunctionRequest(Buffer.concat(fields), owns);

const EMPTY: FunctionRequest = {
  tag: '',
  observedComposite: undefined,
  observedResources: {},
  desiredComposite: undefined,
  passThrough: [],
  input: undefined,
  context: undefined,
  requiredResources: {},
  extraResources: {},
};

const XR = [entry('kind', value.string('DittoServer'))];
const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : bytes);

describe('what is decoded and what stays bytes', () => {
  it('reads every field the function uses from one request', () => {
    const earlier = resource([entry('kind', value.string('NetworkPolicy'))], varintField(3, 1));
    const req = decode(
      request.meta(bytesField(1, 'tag-1'), bytesField(2, Buffer.from([1, 2, 3]))),
      request.observed(
        bytesField(1, resource(XR)),
        resourceEntry('mine', resource([entry('n', value.number(1))])),
        resourceEntry('theirs', resource([entry('n', value.number(2))])),
      ),
      request.desired(
        bytesField(
          1,
          resource(
            [entry('status', value.struct(entry('phase', value.string('Running'))))],
            bytesField(2, bytesField(1, 'password'), bytesField(2, 'c2VjcmV0')),
            varintField(3, 2),
          ),
        ),
        resourceEntry('theirs', earlier),
        resourceEntry('mine', resource([entry('stale', value.bool(true))])),
      ),
      request.input(entry('ttl', value.string('1m'))),
      request.context(entry('env', value.null())),
      request.credentials('registry', 'token', 'not read'),
      request.requiredResources(
        'backup-credentials',
        resource([entry('kind', value.string('Secret'))]),
        varintField(3, 1),
      ),
      request.extraResources('old', resource([entry('kind', value.string('Secret'))])),
    );
    expect({ ...req, passThrough: req.passThrough.map((r) => [r.key, hex(r.bytes)]) }).toEqual({
      tag: 'tag-1',
      observedComposite: { kind: 'DittoServer' },
      observedResources: { mine: { n: 1 } },
      desiredComposite: {
        resource: { status: { phase: 'Running' } },
        connectionDetails: { password: Buffer.from('c2VjcmV0') },
        ready: 2,
      },
      passThrough: [['theirs', earlier.toString('hex')]],
      input: { ttl: '1m' },
      context: Buffer.concat([entry('env', value.null())]),
      requiredResources: { 'backup-credentials': [{ kind: 'Secret' }] },
      extraResources: { old: [{ kind: 'Secret' }] },
    });
  });

  it('decodes an empty request to empty fields', () => {
    expect(decode()).toEqual(EMPTY);
  });

  it('keeps an empty context apart from no context', () => {
    expect([hex(decode(request.context()).context), decode().context]).toEqual(['', undefined]);
  });

  it('keeps earlier steps resources in wire order, a repeated key where it first came', () => {
    const content = (n: number) => resource([entry('n', value.number(n))]);
    const req = decode(
      request.desired(
        resourceEntry('b', content(1)),
        resourceEntry('2', content(2)),
        resourceEntry('a', content(3)),
        resourceEntry('b', content(4)),
      ),
    );
    expect(req.passThrough.map((r) => [r.key, hex(r.bytes)])).toEqual([
      ['b', content(4).toString('hex')],
      ['2', content(2).toString('hex')],
      ['a', content(3).toString('hex')],
    ]);
  });
});

describe('Structs as plain JSON, as the SDK unwraps them', () => {
  const input = (...entries: Buffer[]) => decode(request.input(...entries)).input;

  it.each([
    { reason: 'null, whatever NullValue number', bytes: varintField(1, 7), expected: null },
    { reason: 'a number', bytes: value.number(1.5), expected: 1.5 },
    { reason: '-0', bytes: value.number(-0), expected: -0 },
    { reason: 'NaN', bytes: value.number(Number.NaN), expected: Number.NaN },
    { reason: 'an empty string', bytes: value.string(''), expected: '' },
    { reason: 'a leading BOM, kept', bytes: value.string('\ufeffx'), expected: '\ufeffx' },
    { reason: 'astral text', bytes: value.string('é😀'), expected: 'é😀' },
    { reason: 'false', bytes: value.bool(false), expected: false },
    { reason: 'a bool of 2^32, true', bytes: varintField(4, 2 ** 32), expected: true },
    { reason: 'an empty list', bytes: value.list(), expected: [] },
    {
      reason: 'a list with an empty Value: undefined',
      bytes: value.list(value.number(1), Buffer.alloc(0)),
      expected: [1, undefined],
    },
    {
      reason: 'several kinds: the one ts-proto prefers, whatever the order (string first)',
      bytes: Buffer.concat([value.string('s'), value.number(1), value.list(), value.null()]),
      expected: 's',
    },
    {
      reason: 'the same kind twice: the last',
      bytes: Buffer.concat([value.struct(entry('a', value.null())), value.struct()]),
      expected: {},
    },
  ])('reads $reason', ({ bytes, expected }) => {
    expect(input(entry('v', bytes))).toEqual({ v: expected });
  });

  it('drops an entry whose Value is empty or missing, keeps the last of a repeated key', () => {
    expect(
      input(
        entry('empty', Buffer.alloc(0)),
        bytesField(1, bytesField(1, 'missing')),
        entry('twice', value.number(1)),
        entry('twice', value.number(2)),
      ),
    ).toEqual({ twice: 2 });
  });

  it('reads back 5000 distinct keys, twice: more than the key table has slots', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `key-${i}`);
    const entries = names.map((name, i) => entry(name, value.number(i)));
    const expected = Object.fromEntries(names.map((name, i) => [name, i]));
    expect([input(...entries), input(...entries)]).toEqual([expected, expected]);
  });

  it('orders keys as a JS object does: integer-like keys first', () => {
    const keys = Object.keys(input(entry('b', value.null()), entry('1', value.null())) ?? {});
    expect(keys).toEqual(['1', 'b']);
  });

  it('reads an entry whose value comes before its key, and an entry with no key as ""', () => {
    expect(
      input(
        bytesField(1, bytesField(2, value.number(1)), bytesField(1, 'late')),
        bytesField(1, bytesField(2, value.number(2))),
      ),
    ).toEqual({ late: 1, '': 2 });
  });

  it('makes "__proto__" an own key, as JSON.parse does, never a prototype', () => {
    const object = input(entry('__proto__', value.struct(entry('polluted', value.bool(true)))));
    expect({
      own: Object.keys(object ?? {}),
      prototype: Object.getPrototypeOf(object) === Object.prototype,
      polluted: ({} as Record<string, unknown>).polluted,
    }).toEqual({ own: ['__proto__'], prototype: true, polluted: undefined });
  });

  it('skips unknown fields of every wire type, groups nested in groups included', () => {
    const group = Buffer.concat([
      tag(9, 'startGroup'),
      tag(10, 'startGroup'),
      varintField(1, 5),
      tag(10, 'endGroup'),
      tag(9, 'endGroup'),
    ]);
    const fixed32 = Buffer.concat([tag(12, 'fixed32'), Buffer.alloc(4)]);
    expect(
      input(
        varintField(7, 1),
        doubleField(8, 1),
        group,
        fixed32,
        bytesField(1, bytesField(3, 'unknown'), bytesField(1, 'k'), bytesField(2, value.null())),
        // A known field with another wire type is an unknown field too.
        varintField(1, 1),
      ),
    ).toEqual({ k: null });
  });
});

describe('repeated and odd request fields', () => {
  it('keeps the last of a repeated singular field, as ts-proto does', () => {
    const req = decode(
      request.meta(bytesField(1, 'first')),
      request.meta(),
      request.input(entry('a', value.null())),
      request.input(entry('b', value.null())),
      request.observed(bytesField(1, resource(XR))),
      request.observed(),
    );
    expect([req.tag, req.input, req.observedComposite]).toEqual(['', { b: null }, undefined]);
  });

  it('reads Ready numbers Crossplane does not know as UNSPECIFIED', () => {
    const ready = (n: number) =>
      decode(request.desired(bytesField(1, varintField(3, n)))).desiredComposite?.ready;
    expect([0, 1, 2, 3, 2 ** 31].map(ready)).toEqual([0, 1, 2, 0, 0]);
  });

  it('leaves out observed resources with no body, and map entries with no value', () => {
    const req = decode(
      request.observed(resourceEntry('mine', Buffer.alloc(0))),
      request.desired(bytesField(2, bytesField(1, 'no-value'))),
      bytesField(8, bytesField(1, 'no-value')),
      request.requiredResources('no-items'),
      request.requiredResources('bodiless', varintField(3, 1)),
    );
    expect([req.observedResources, req.passThrough, req.requiredResources]).toEqual([
      {},
      [],
      { 'no-items': [], bodiless: [] },
    ]);
  });

  it('decodes nothing of what it skips: a malformed credential is not noticed', () => {
    const broken = bytesField(7, bytesField(2, Buffer.from([0xff, 0xff])));
    expect(decode(broken, request.meta(bytesField(1, 't'))).tag).toBe('t');
  });
});
