/**
 * encodeRunFunctionResponse against bytes written by hand: field order and defaults, earlier
 * steps' resources byte for byte before ours, Struct values as the SDK writes them, and the
 * values no Struct can hold, refused with their path.
 */
import { describe, expect, it } from 'vitest';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import { WireError } from '../../src/wire/errors.js';
import type { FunctionResponse, JsonObject } from '../../src/wire/types.js';
import {
  bytesField,
  doubleField,
  entry,
  resource,
  resourceEntry,
  value,
  varintField,
} from './support/proto-bytes.js';

const BASE: FunctionResponse = {
  tag: '',
  ttlSeconds: 60,
  desiredComposite: undefined,
  passThrough: [],
  composed: [],
  results: [],
  conditions: [],
  requirements: {},
  context: undefined,
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const encode = (fields: Partial<FunctionResponse>) =>
  hex(encodeRunFunctionResponse({ ...BASE, ...fields }));

/** ResponseMeta with a TTL Duration; an empty State; empty Requirements. */
const meta = (...fields: Buffer[]) => bytesField(1, ...fields);
const ttl = (seconds: number) =>
  bytesField(2, seconds === 0 ? Buffer.alloc(0) : varintField(1, seconds));
const EMPTY_DESIRED = bytesField(2);
const EMPTY_REQUIREMENTS = bytesField(5);
const wire = (...fields: Buffer[]) => hex(Buffer.concat(fields));

/** A struct's content for `object`, of string values only, written by hand. */
const strings = (object: Record<string, string>) =>
  Object.entries(object).map(([key, text]) => entry(key, value.string(text)));

describe('the response message', () => {
  it('writes the smallest response: the TTL, an empty State and empty Requirements', () => {
    expect(encode({})).toBe(wire(meta(ttl(60)), EMPTY_DESIRED, EMPTY_REQUIREMENTS));
  });

  it('writes a TTL of 0 as an empty Duration, a negative one as a 10-byte varint', () => {
    const minusOne = Buffer.from([0x08, ...Array<number>(9).fill(0xff), 0x01]);
    expect([encode({ ttlSeconds: 0 }), encode({ ttlSeconds: -1 })]).toEqual([
      wire(meta(ttl(0)), EMPTY_DESIRED, EMPTY_REQUIREMENTS),
      wire(meta(bytesField(2, minusOne)), EMPTY_DESIRED, EMPTY_REQUIREMENTS),
    ]);
  });

  it('writes every field in the SDK order, optional ones only when given', () => {
    const context = Buffer.concat(strings({ env: 'prod' }));
    const policy = resource(strings({ kind: 'NetworkPolicy' }), varintField(3, 1));
    const rsp: Partial<FunctionResponse> = {
      tag: 't',
      desiredComposite: {
        resource: { status: { phase: 'Running' } },
        connectionDetails: {
          password: Buffer.from('pw'),
          empty: new Uint8Array(),
          '': Buffer.from('x'),
        },
        ready: 0,
      },
      passThrough: [{ key: 'policy', bytes: policy }],
      composed: [{ key: 'config', resource: { kind: 'ConfigMap' }, ready: 2 }],
      results: [
        { severity: 3, message: 'ok' },
        { severity: 1, message: '', reason: '', target: 2 },
      ],
      conditions: [
        { type: 'DatabaseReady', status: 2, reason: 'Available', message: '', target: 1 },
      ],
      requirements: {
        creds: { apiVersion: 'v1', kind: 'Secret', matchName: 's3', namespace: 'team-a' },
        labelled: { apiVersion: '', kind: 'Secret', matchLabels: { app: 'x', '': 'y', z: '' } },
      },
      context,
    };
    expect(encode(rsp)).toBe(
      wire(
        meta(bytesField(1, 't'), ttl(60)),
        bytesField(
          2,
          bytesField(
            1,
            bytesField(1, entry('status', value.struct(...strings({ phase: 'Running' })))),
            bytesField(2, bytesField(1, 'password'), bytesField(2, 'pw')),
            bytesField(2, bytesField(1, 'empty')),
            bytesField(2, bytesField(2, 'x')),
          ),
          resourceEntry('policy', policy),
          resourceEntry(
            'config',
            Buffer.concat([bytesField(1, ...strings({ kind: 'ConfigMap' })), varintField(3, 2)]),
          ),
        ),
        bytesField(3, varintField(1, 3), bytesField(2, 'ok')),
        bytesField(3, varintField(1, 1), bytesField(3, ''), varintField(4, 2)),
        bytesField(4, context),
        bytesField(
          5,
          bytesField(
            2,
            bytesField(1, 'creds'),
            bytesField(
              2,
              bytesField(1, 'v1'),
              bytesField(2, 'Secret'),
              bytesField(3, 's3'),
              bytesField(5, 'team-a'),
            ),
          ),
          bytesField(
            2,
            bytesField(1, 'labelled'),
            bytesField(
              2,
              bytesField(2, 'Secret'),
              bytesField(
                4,
                bytesField(1, bytesField(1, 'app'), bytesField(2, 'x')),
                bytesField(1, bytesField(2, 'y')),
                bytesField(1, bytesField(1, 'z')),
              ),
            ),
          ),
        ),
        bytesField(
          6,
          bytesField(1, 'DatabaseReady'),
          varintField(2, 2),
          bytesField(3, 'Available'),
          bytesField(4, ''),
          varintField(5, 1),
        ),
      ),
    );
  });

  it('writes earlier steps resources first, byte for byte, even ones no decoder would read', () => {
    const odd = Buffer.from([0x7a, 0x00, 0xff]);
    expect(
      encode({
        passThrough: [
          { key: 'b', bytes: odd },
          { key: '', bytes: new Uint8Array() },
        ],
        composed: [{ key: 'a', resource: {}, ready: 1 }],
      }),
    ).toBe(
      wire(
        meta(ttl(60)),
        bytesField(
          2,
          resourceEntry('b', odd),
          bytesField(2, bytesField(2)),
          resourceEntry('a', Buffer.concat([bytesField(1), varintField(3, 1)])),
        ),
        EMPTY_REQUIREMENTS,
      ),
    );
  });
});

describe('Struct values, as the SDK writes them', () => {
  const struct = (resource: JsonObject) => encode({ composed: [{ key: 'k', resource, ready: 0 }] });
  const expected = (...entries: Buffer[]) =>
    wire(
      meta(ttl(60)),
      bytesField(2, resourceEntry('k', bytesField(1, ...entries))),
      EMPTY_REQUIREMENTS,
    );
  const sparse: unknown[] = [];
  sparse[1] = true;

  it.each([
    { reason: 'null as NullValue 0', resource: { v: null }, entries: [entry('v', value.null())] },
    { reason: '-0 as a double', resource: { v: -0 }, entries: [entry('v', doubleField(2, -0))] },
    {
      reason: '"" and false',
      resource: { s: '', b: false },
      entries: [entry('s', value.string('')), entry('b', value.bool(false))],
    },
    {
      reason: 'an undefined value left out',
      resource: { gone: undefined, kept: 1 },
      entries: [entry('kept', value.number(1))],
    },
    {
      reason: 'an empty key without its key field',
      resource: { '': 1 },
      entries: [bytesField(1, bytesField(2, value.number(1)))],
    },
    {
      reason: 'undefined and holes in a list as empty Values',
      resource: { l: [undefined, ...sparse] },
      entries: [entry('l', value.list(Buffer.alloc(0), Buffer.alloc(0), value.bool(true)))],
    },
    {
      reason: 'a lone surrogate as U+FFFD, in a key and a value',
      resource: { '\ud800': 'a\udfffb' },
      entries: [entry('\ufffd', value.string('a\ufffdb'))],
    },
    {
      reason: 'a Date as the Struct of its keys: empty',
      resource: { d: new Date(0) },
      entries: [entry('d', value.struct())],
    },
    {
      reason: 'an own "__proto__" key like any other',
      resource: JSON.parse('{"__proto__": {"x": 1}}') as JsonObject,
      entries: [entry('__proto__', value.struct(entry('x', value.number(1))))],
    },
  ])('writes $reason', ({ resource, entries }) => {
    expect(struct(resource)).toBe(expected(...entries));
  });

  it.each([
    { reason: 'a bigint', resource: { spec: { n: 1n } }, at: 'spec.n: a bigint is not JSON' },
    { reason: 'a function', resource: { f: () => 1 }, at: 'f: a function is not JSON' },
    {
      reason: 'a symbol in a list',
      resource: { l: [1, Symbol('s')] },
      at: 'l[1]: a symbol is not JSON',
    },
  ])('refuses $reason with its path', ({ resource, at }) => {
    expect(() => struct(resource)).toThrow(
      new WireError(`cannot encode RunFunctionResponse: desired.resources.k.resource.${at}`),
    );
  });

  it('refuses a TTL that is not whole seconds', () => {
    expect(() => encode({ ttlSeconds: 1.5 })).toThrow(
      new WireError('cannot encode RunFunctionResponse: meta.ttl: 1.5 is not whole seconds'),
    );
  });
});
