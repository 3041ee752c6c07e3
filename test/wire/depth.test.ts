/**
 * protobuf-go's recursion limit, counted its way (every message and map entry is one level,
 * the request itself the first): a Struct reaching exactly 10,000 decodes and is written back
 * byte for byte, one level more is refused, on Node's default stack. Nesting is built from
 * both ends without recursion; the desired XR's Struct sits at depth 4 (request, State,
 * Resource, Struct), each list adds 2 (Value, ListValue), each object 3 (entry, Value, Struct).
 */
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { encodeRunFunctionResponse } from '../../src/wire/encode-response.js';
import { WireError } from '../../src/wire/errors.js';
import { fatalResponse } from '../../src/wire/fatal.js';
import type { FunctionResponse, JsonObject } from '../../src/wire/types.js';
import {
  bytesField,
  entry,
  fieldAt,
  nestedLists,
  request,
  resource,
  tag,
  value,
} from './support/proto-bytes.js';

const owns = () => false;

/** The desired XR's Struct: `deep` nests lists whose innermost Value is at depth 6 + 2 × lists. */
const desiredXr = (deep: Buffer) => [
  entry('kind', value.string('DittoServer')),
  entry('deep', deep),
];
const requestWith = (struct: Buffer[]) => request.desired(bytesField(1, resource(struct)));

/** 4997 lists: the innermost Value at 6 + 2 × 4997 = 10,000. */
const AT_LIMIT = desiredXr(nestedLists(4997));
/** An object around 4996 lists: the innermost Value at 9 + 2 × 4996 = 10,001. */
const PAST_LIMIT = desiredXr(value.struct(entry('x', nestedLists(4996))));

/** How many lists are nested in `value`, and what is in the innermost one, walked in a loop. */
function nesting(deep: unknown): { lists: number; leaf: unknown } {
  let lists = 0;
  let current = deep;
  while (Array.isArray(current)) {
    lists++;
    current = (current as unknown[])[0];
  }
  return { lists, leaf: current };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WireError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('a request nested as deep as protobuf-go accepts', () => {
  const bytes = requestWith(AT_LIMIT);
  const req = decodeRunFunctionRequest(bytes, owns);

  it('decodes', () => {
    const composite = req.desiredComposite?.resource ?? {};
    expect({ kind: composite.kind, ...nesting(composite.deep) }).toEqual({
      kind: 'DittoServer',
      lists: 4997,
      leaf: 'leaf',
    });
  });

  it('is written back byte for byte', () => {
    const rsp = encodeRunFunctionResponse(fatalResponse(req, 'm', 60, 'R'));
    const written = fieldAt(rsp, [2, 1, 1]);
    expect(Buffer.from(written ?? []).equals(Buffer.concat(AT_LIMIT))).toBe(true);
  });

  it('decodes in the observed XR, at the same depth, too', () => {
    const observed = request.observed(bytesField(1, resource(AT_LIMIT)));
    const composite = decodeRunFunctionRequest(observed, owns).observedComposite ?? {};
    expect(nesting(composite.deep)).toEqual({ lists: 4997, leaf: 'leaf' });
  });
});

describe('deeper than protobuf-go accepts', () => {
  it('is refused with the path to where it went too deep', () => {
    const bytes = requestWith(PAST_LIMIT);
    // The Value too deep is the innermost, holding only "leaf" (6 bytes), the request's last.
    const innermostValue = bytes.length - value.string('leaf').length;
    expect(refusal(() => decodeRunFunctionRequest(bytes, owns))).toBe(
      'invalid RunFunctionRequest: desired.composite.resource.deep.x[0][0][0]…(4991 more)…' +
        `[0][0]: messages nested deeper than protobuf-go's limit of 10000 at byte ${innermostValue}`,
    );
  });

  it('accepts unknown groups nested as deep as protobuf-go skips them, refuses one more', () => {
    const groups = (levels: number) =>
      Buffer.concat([
        ...Array.from({ length: levels }, () => tag(9, 'startGroup')),
        ...Array.from({ length: levels }, () => tag(9, 'endGroup')),
      ]);
    expect([
      decodeRunFunctionRequest(
        Buffer.concat([groups(10_001), request.meta(bytesField(1, 't'))]),
        owns,
      ).tag,
      refusal(() => decodeRunFunctionRequest(groups(10_002), owns)),
    ]).toEqual(['t', 'invalid RunFunctionRequest: groups nested too deep at byte 10001']);
  });
});

describe('encoding what no Crossplane could decode', () => {
  /** A response whose composed resource holds `deep`. */
  const composedWith = (deep: unknown): FunctionResponse => ({
    tag: '',
    ttlSeconds: 60,
    desiredComposite: undefined,
    passThrough: [],
    composed: [{ key: 'x', resource: { deep }, ready: 1 }],
    results: [],
    conditions: [],
    requirements: {},
    context: undefined,
  });
  /** `lists` arrays one inside the other around "leaf", built in a loop. */
  const lists = (count: number) => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < count; level++) deep = [deep];
    return deep;
  };

  it('writes the deepest a composed resource may be (its Struct at 5: 7 + 2 × 4996)', () => {
    const rsp = encodeRunFunctionResponse(composedWith(lists(4996)));
    const struct = fieldAt(rsp, [2, 2, 2, 1]) ?? new Uint8Array();
    expect(Buffer.from(struct).equals(Buffer.concat([entry('deep', nestedLists(4996))]))).toBe(
      true,
    );
  });

  it('refuses one level more, and a cycle, with the path', () => {
    const cycle: JsonObject = { name: 'loop' };
    cycle.self = cycle;
    expect([
      refusal(() => encodeRunFunctionResponse(composedWith(lists(4997)))),
      refusal(() => encodeRunFunctionResponse(composedWith(cycle))),
    ]).toEqual([
      // 4 names, deep, then one index per list: 4997; 10 are shown.
      'cannot encode RunFunctionResponse: desired.resources.x.resource.deep[0][0][0]…(4992 more)…' +
        "[0][0]: nested deeper than protobuf-go's limit of 10000 messages",
      // A cycle is cut where it passes the limit: `self` Structs at 8 + 3 × n up to 10,000.
      'cannot encode RunFunctionResponse: desired.resources.x.resource.deep.self.self.self…(3326 more)…' +
        "self.self: nested deeper than protobuf-go's limit of 10000 messages",
    ]);
  });
});
