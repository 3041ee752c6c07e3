/**
 * The fields decodeRunFunctionRequest skips unread inside the objects it decodes (the rule in
 * src/wire/decode-request.ts), on bytes written by hand: which fields, in which objects, and
 * what "unread" means for an entry no encoder writes, malformed content and depth.
 */
import { describe, expect, it } from 'vitest';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';
import { WireError } from '../../src/wire/errors.js';
import {
  bytesField,
  entry,
  nestedLists,
  request,
  resource,
  resourceEntry,
  value,
} from './support/proto-bytes.js';

const owns = (key: string) => key === 'deployment' || key === 'config';
const decode = (...fields: Buffer[]) => decodeRunFunctionRequest(Buffer.concat(fields), owns);

const s = value.string;
/** The metadata fields skipped in every composed and required object, each holding `inner`. */
const unreadMetadata = (inner: Buffer) => [
  entry('managedFields', value.list(value.struct(entry('manager', inner)))),
  entry('annotations', value.struct(entry('a', inner))),
];
/** Metadata decoded in every object: labels and owner references are read. */
const readMetadata = [
  entry('labels', value.struct(entry('l', s('kept')))),
  entry('ownerReferences', value.list(s('owner'))),
];
const kept = [entry('name', s('demo')), entry('generation', value.number(2))];

function refusal(bytes: Buffer): string {
  try {
    decodeRunFunctionRequest(bytes, owns);
  } catch (error) {
    if (error instanceof WireError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('fields skipped unread', () => {
  it('in the observed XR: managedFields, annotations and spec.crossplane, not its status', () => {
    const xr = [
      entry('kind', s('DittoServer')),
      entry(
        'metadata',
        value.struct(
          ...kept,
          entry('labels', value.struct(entry('l', s('kept')))),
          entry('managedFields', value.list(s('x'))),
          entry('annotations', value.struct(entry('a', s('x')))),
        ),
      ),
      entry('spec', value.struct(entry('replicas', value.number(1)), entry('crossplane', s('x')))),
      entry('status', value.struct(entry('phase', s('Running')))),
    ];
    expect(decode(request.observed(bytesField(1, resource(xr)))).observedComposite).toEqual({
      kind: 'DittoServer',
      metadata: { name: 'demo', generation: 2, labels: { l: 'kept' } },
      spec: { replicas: 1 },
      status: { phase: 'Running' },
    });
  });

  it('in observed and required objects: two metadata fields; the pod template of the Deployment', () => {
    const object = (...extra: Buffer[]) =>
      resource([
        entry('metadata', value.struct(...kept, ...readMetadata, ...unreadMetadata(s('x')))),
        entry('spec', value.struct(entry('replicas', value.number(1)), ...extra)),
        entry('status', value.struct(entry('phase', s('Bound')))),
      ]);
    const template = entry('template', value.struct(entry('spec', s('x'))));
    const req = decode(
      request.observed(
        resourceEntry('deployment', object(template)),
        resourceEntry('config', object(template)),
      ),
      request.requiredResources('secret', object(template)),
    );
    const expected = (extra: object) => ({
      metadata: { name: 'demo', generation: 2, labels: { l: 'kept' }, ownerReferences: ['owner'] },
      spec: { replicas: 1, ...extra },
      status: { phase: 'Bound' },
    });
    expect([req.observedResources, req.requiredResources]).toEqual([
      { deployment: expected({}), config: expected({ template: { spec: 'x' } }) },
      { secret: [expected({ template: { spec: 'x' } })] },
    ]);
  });

  it('nowhere in the desired XR and the Input, which are decoded whole', () => {
    const whole = [
      entry('metadata', value.struct(entry('managedFields', s('m')), entry('annotations', s('a')))),
      entry('status', value.struct(entry('phase', s('Running')))),
    ];
    const req = decode(request.desired(bytesField(1, resource(whole))), request.input(...whole));
    const expected = {
      metadata: { managedFields: 'm', annotations: 'a' },
      status: { phase: 'Running' },
    };
    expect([req.desiredComposite?.resource, req.input]).toEqual([expected, expected]);
  });

  it('not in an entry written otherwise than encoders write it: its value before its key', () => {
    const valueFirst = bytesField(
      1,
      bytesField(2, value.struct(entry('phase', s('Running')))),
      bytesField(1, 'status'),
    );
    const req = decode(request.observed(bytesField(1, resource([valueFirst]))));
    expect(req.observedComposite).toEqual({ status: { phase: 'Running' } });
  });

  it('are checked for their length only: malformed content passes unnoticed', () => {
    const invalidUtf8 = bytesField(3, Buffer.from([0xff, 0xfe]));
    const truncatedVarint = Buffer.from([0x08, 0xff]);
    const metadata = entry(
      'metadata',
      value.struct(...kept, ...unreadMetadata(invalidUtf8), entry('annotations', truncatedVarint)),
    );
    const req = decode(request.requiredResources('secret', resource([metadata])));
    expect(req.requiredResources).toEqual({
      secret: [{ metadata: { name: 'demo', generation: 2 } }],
    });
  });

  it('are not noticed nested past the depth limit, as a skipped credential is not', () => {
    const deep = entry('metadata', value.struct(entry('managedFields', nestedLists(6000))));
    const req = decode(request.observed(resourceEntry('config', resource([deep]))));
    expect(req.observedResources).toEqual({ config: { metadata: {} } });
  });

  it('are refused with their path when their length runs past their entry', () => {
    // A managedFields Value claiming 9 bytes where its entry leaves 3.
    const broken = bytesField(
      1,
      bytesField(1, 'managedFields'),
      Buffer.from([0x12, 0x09, 0x0a, 0x01, 0x78]),
    );
    const bytes = request.observed(
      resourceEntry('config', resource([entry('metadata', bytesField(5, broken))])),
    );
    // Where the length prefix that runs past the entry begins, after its Value's tag.
    const at = bytes.indexOf(Buffer.from([0x12, 0x09, 0x0a])) + 1;
    expect(refusal(bytes)).toBe(
      'invalid RunFunctionRequest: observed.resources.config.resource.metadata.managedFields: truncated field at byte ' +
        String(at),
    );
  });
});
