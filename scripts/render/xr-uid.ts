/**
 * The UID the render engine gives an XR that has none. Crossplane's render engine (run by
 * `crossplane composition render`, CLI v2.3+) sets it before it checks the observed
 * resources, which must name it in their controller references:
 *
 *   xr.SetUID(uuid.NewSHA1(uuid.Nil, []byte(gvk.String()+"\x00"+xr.GetNamespace()+"\x00"+xr.GetName())))
 *
 * crossplane v2.3.4 internal/render/composite/render.go:95-97 (v2.3.0-v2.3.3 set it even
 * over an existing UID: render.go:75, :94). gvk.String() is apimachinery v0.35.3
 * pkg/runtime/schema/group_version.go:161-163, `group + "/" + version + ", Kind=" + kind`.
 * uuid.NewSHA1 is google/uuid v1.6.0 hash.go:33-59: SHA-1 of the namespace's 16 bytes then
 * the name, the first 16 bytes kept, version 5 in the high nibble of byte 6, the RFC 4122
 * variant (10xx) in the top bits of byte 8: the same construction as RFC 4122 UUIDv5.
 */
import { createHash } from 'node:crypto';
import { isObject, metaString, str, type KubeObject } from './load.js';

/** uuid.Nil: sixteen zero bytes. */
const NIL_NAMESPACE = Buffer.alloc(16);
const SHA1_NAME_VERSION = 5;

export class XrUidError extends Error {}

/** apimachinery ParseGroupVersion then GroupVersionKind.String(). */
export function gvkString(apiVersion: string, kind: string): string {
  const parts = apiVersion.split('/');
  // "v1" is the core group; "group/version" otherwise; more slashes do not parse.
  if (parts.length > 2)
    throw new XrUidError(`apiVersion: unexpected GroupVersion string: ${apiVersion}`);
  const [group, version] = parts.length === 2 ? parts : ['', apiVersion];
  return `${group ?? ''}/${version ?? ''}, Kind=${kind}`;
}

/** The name the UID is derived from: GVK, namespace and name, NUL-separated. */
export function renderUidName(xr: {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}): string {
  return `${gvkString(xr.apiVersion, xr.kind)}\0${xr.namespace}\0${xr.name}`;
}

/** uuid.NewSHA1(uuid.Nil, name), formatted as uuid.UUID.String() does. */
export function uuidV5FromNil(name: string): string {
  const bytes = createHash('sha1').update(NIL_NAMESPACE).update(name, 'utf8').digest();
  const uuid = Buffer.from(bytes.subarray(0, 16));
  uuid.writeUInt8((uuid.readUInt8(6) & 0x0f) | (SHA1_NAME_VERSION << 4), 6);
  uuid.writeUInt8((uuid.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = uuid.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/** The UID the render engine derives for this XR. */
export const renderUid = (xr: Parameters<typeof renderUidName>[0]) =>
  uuidV5FromNil(renderUidName(xr));

/**
 * The XR as the render engine reconciles it: its own UID kept (v2.3.4), the derived one
 * when it has none (unstructured GetUID reads a missing or non-string UID as "").
 */
export function withRenderUid(xr: KubeObject): KubeObject {
  if (metaString(xr, 'uid')) return xr;
  const uid = renderUid({
    apiVersion: str(xr.apiVersion),
    kind: str(xr.kind),
    namespace: metaString(xr, 'namespace'),
    name: metaString(xr, 'name'),
  });
  return { ...xr, metadata: { ...(isObject(xr.metadata) ? xr.metadata : {}), uid } };
}
