import { describe, expect, it } from 'vitest';
import { checkObservedResources } from '../../scripts/render/check-observed.js';
import {
  gvkString,
  renderUid,
  renderUidName,
  withRenderUid,
  XrUidError,
} from '../../scripts/render/xr-uid.js';

describe('gvkString (apimachinery GroupVersionKind.String)', () => {
  it.each([
    {
      reason: 'a grouped API',
      apiVersion: 'storage.dittofs.com/v1alpha1',
      kind: 'DittoServer',
      want: 'storage.dittofs.com/v1alpha1, Kind=DittoServer',
    },
    {
      reason: 'the core group is empty',
      apiVersion: 'v1',
      kind: 'Secret',
      want: '/v1, Kind=Secret',
    },
    { reason: 'no apiVersion at all', apiVersion: '', kind: 'X', want: '/, Kind=X' },
  ])('$reason', ({ apiVersion, kind, want }) => {
    expect(gvkString(apiVersion, kind)).toBe(want);
  });

  it('refuses an apiVersion with two slashes, as ParseGroupVersion does', () => {
    expect(() => gvkString('a/b/c', 'X')).toThrow(
      new XrUidError('apiVersion: unexpected GroupVersion string: a/b/c'),
    );
  });
});

/**
 * Expected UIDs computed outside this code, with Python 3's standard library, whose uuid5 is
 * the same construction as Go's uuid.NewSHA1 (SHA-1 of namespace bytes then name, version 5,
 * RFC 4122 variant):
 *   python3 -c 'import uuid; print(uuid.uuid5(uuid.UUID(int=0), NAME))'
 */
const KNOWN = [
  {
    reason: 'the full example XR (examples/xr-full.yaml)',
    xr: {
      apiVersion: 'storage.dittofs.com/v1alpha1',
      kind: 'DittoServer',
      namespace: 'team-a',
      name: 'demo-full',
    },
    name: 'storage.dittofs.com/v1alpha1, Kind=DittoServer\0team-a\0demo-full',
    want: 'a300d65b-382d-5d92-82a6-77ff1c572d22',
  },
  {
    reason: 'the minimal example XR (examples/xr.yaml)',
    xr: {
      apiVersion: 'storage.dittofs.com/v1alpha1',
      kind: 'DittoServer',
      namespace: 'team-a',
      name: 'demo',
    },
    name: 'storage.dittofs.com/v1alpha1, Kind=DittoServer\0team-a\0demo',
    want: '69ab52b4-8603-5325-85fe-8eb64845f63f',
  },
  {
    reason: 'a cluster-scoped legacy XR: the namespace is empty between the NULs',
    xr: {
      apiVersion: 'storage.dittofs.com/v1alpha1',
      kind: 'XDittoServer',
      namespace: '',
      name: 'demo-claim-x7k2p',
    },
    name: 'storage.dittofs.com/v1alpha1, Kind=XDittoServer\0\0demo-claim-x7k2p',
    want: '7f7f9e5b-483d-5f41-af14-1f36828bd8cd',
  },
];

describe('renderUid (uuid.NewSHA1(uuid.Nil, gvk NUL namespace NUL name))', () => {
  it.each(KNOWN)('$reason', ({ xr, name, want }) => {
    expect(renderUidName(xr)).toBe(name);
    expect(renderUid(xr)).toBe(want);
  });
});

const XR = {
  apiVersion: 'storage.dittofs.com/v1alpha1',
  kind: 'DittoServer',
  metadata: { name: 'demo-full', namespace: 'team-a' },
  spec: { storage: { metadataSize: '10Gi' } },
};

describe('withRenderUid', () => {
  it('gives an XR without a UID the derived one, leaving the input alone', () => {
    const input = structuredClone(XR);
    expect(withRenderUid(input)).toEqual({
      ...XR,
      metadata: { ...XR.metadata, uid: 'a300d65b-382d-5d92-82a6-77ff1c572d22' },
    });
    expect(input).toEqual(XR);
  });

  it('keeps a UID the XR already has (crossplane v2.3.4)', () => {
    const xr = { ...XR, metadata: { ...XR.metadata, uid: 'from-the-cluster' } };
    expect(withRenderUid(xr)).toEqual(xr);
  });

  it('treats an empty UID as none, as unstructured GetUID does', () => {
    const xr = { ...XR, metadata: { ...XR.metadata, uid: '' } };
    expect(withRenderUid(xr)).toEqual({
      ...XR,
      metadata: { ...XR.metadata, uid: 'a300d65b-382d-5d92-82a6-77ff1c572d22' },
    });
  });
});

const XR_WITH_UID = withRenderUid(XR);
const owned = (name: string, uid: string, namespace = 'team-a') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    namespace,
    ownerReferences: [
      { apiVersion: 'v1', kind: 'Other', name: 'not-a-controller', uid: 'x' },
      { apiVersion: XR.apiVersion, kind: XR.kind, name: 'demo-full', uid, controller: true },
    ],
  },
});

describe('checkObservedResources (crossplane v2.3.4 CheckObservedResources)', () => {
  it('accepts resources controlled by the XR, or by nothing, in its namespace', () => {
    const free = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team-a' } };
    expect(() => {
      checkObservedResources(XR_WITH_UID, [
        owned('a', 'a300d65b-382d-5d92-82a6-77ff1c572d22'),
        free,
      ]);
    }).not.toThrow();
  });

  it('names every resource controlled by another UID or in another namespace', () => {
    expect(() => {
      checkObservedResources(XR_WITH_UID, [
        owned('a', '08295a69-265a-453b-810c-0b2d3e59ec07'),
        owned('b', 'a300d65b-382d-5d92-82a6-77ff1c572d22', 'team-b'),
      ]);
    }).toThrow(
      'invalid observed resources: observed resource a has a controller ref but is not controlled by the XR; observed resource b is not in the same namespace as the XR',
    );
  });

  it('does not check namespaces for a cluster-scoped XR', () => {
    const legacy = withRenderUid({ ...XR, kind: 'XDittoServer', metadata: { name: 'demo-full' } });
    const uid = (legacy.metadata as { uid: string }).uid;
    expect(() => {
      checkObservedResources(legacy, [owned('a', uid, 'team-b')]);
    }).not.toThrow();
  });
});
