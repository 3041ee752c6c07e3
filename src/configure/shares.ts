/**
 * Shares: the create body (create keys: store names), the comparison with an existing share
 * (store UUIDs resolved to names) and the update body (update keys, which differ:
 * dittofs-api.md §5.2, §5.5).
 */
import { formatByteSize } from './bytesize.js';
import type { DesiredShare } from './desired.js';
import type { ShareDto } from './dto.js';
import type { StoreKind } from './store-configs.js';

/** What differs on an existing share; absent fields are equal. */
export type ShareChange = {
  readonly readOnly?: boolean;
  readonly defaultPermission?: string;
  /** `null` removes the quota. */
  readonly quotaBytes?: number | null;
  readonly localStore?: string;
  /** `null` detaches the remote tier (its objects stay in the bucket). */
  readonly remoteStore?: string | null;
};

export type ShareComparison =
  | { readonly result: 'conflict'; readonly reason: string }
  | {
      readonly result: 'compared';
      /** Undefined when nothing but `enabled` may differ. */
      readonly change: ShareChange | undefined;
      /** `read_only false -> true, quota none -> 100.00GiB`, for the log. */
      readonly what: string;
      readonly enable: boolean;
    };

/** Name of the store with that UUID, or undefined when the server has none of that kind. */
export type StoreNameOf = (kind: StoreKind, id: string) => string | undefined;

/** `/export` -> `export`: DittoFS stores names with one leading slash. */
export function shareName(stored: string): string {
  return stored.replace(/^\/+/, '');
}

export function sharePath(name: string): string {
  return `/api/v1/shares/${encodeURIComponent(name)}`;
}

export function createShareBody(share: DesiredShare): Record<string, unknown> {
  return {
    name: share.name,
    metadata_store_id: share.metadataStore,
    local_block_store: share.localStore,
    ...(share.remoteStore === undefined ? {} : { remote_block_store: share.remoteStore }),
    read_only: share.readOnly,
    default_permission: share.defaultPermission,
    // A plain byte count: DittoFS parses it exactly (a unit string would round).
    ...(share.quotaBytes === undefined ? {} : { quota_bytes: String(share.quotaBytes) }),
  };
}

/** The update keys; `idOf` gives the UUID of a store by kind and name. */
export function updateShareBody(
  change: ShareChange,
  idOf: (kind: StoreKind, name: string) => string,
): Record<string, unknown> {
  const { readOnly, defaultPermission, quotaBytes, localStore, remoteStore } = change;
  return {
    ...(readOnly === undefined ? {} : { read_only: readOnly }),
    ...(defaultPermission === undefined ? {} : { default_permission: defaultPermission }),
    ...(quotaBytes === undefined
      ? {}
      : { quota_bytes: quotaBytes === null ? '0' : String(quotaBytes) }),
    ...(localStore === undefined ? {} : { local_block_store_id: idOf('local', localStore) }),
    ...(remoteStore === undefined
      ? {}
      : { remote_block_store_id: remoteStore === null ? '' : idOf('remote', remoteStore) }),
  };
}

/** Not a valid store name, so it never equals one. */
const NO_STORE = '(none)';

const quotaText = (bytes: number | undefined): string =>
  bytes === undefined ? 'none' : formatByteSize(bytes);

export function compareShare(
  share: DesiredShare,
  observed: ShareDto,
  nameOf: StoreNameOf,
): ShareComparison {
  const storeName = (kind: StoreKind, id: string | null | undefined): string =>
    id === null || id === undefined || id === '' ? NO_STORE : (nameOf(kind, id) ?? `id ${id}`);
  const metadata = storeName('metadata', observed.metadata_store_id);
  if (metadata !== share.metadataStore)
    return {
      result: 'conflict',
      reason:
        `share ${share.name} uses metadata store ${metadata} on the server, ` +
        `${share.metadataStore} in the spec (DittoFS cannot move a share to another metadata ` +
        'store: give the share a new name)',
    };
  const change: { -readonly [K in keyof ShareChange]: ShareChange[K] } = {};
  const what: string[] = [];
  /** Records `to` for `key` when the shown values differ. */
  function differs<K extends keyof ShareChange>(
    key: K,
    label: string,
    [have, want]: readonly [string, string],
    to: ShareChange[K],
  ) {
    if (have === want) return;
    change[key] = to;
    what.push(`${label} ${have} -> ${want}`);
  }
  const { readOnly, defaultPermission, quotaBytes, localStore, remoteStore } = share;
  differs('readOnly', 'read_only', [String(observed.read_only), String(readOnly)], readOnly);
  // DittoFS evaluates an empty default_permission as none.
  const permission = observed.default_permission === '' ? 'none' : observed.default_permission;
  differs(
    'defaultPermission',
    'default_permission',
    [permission, defaultPermission],
    defaultPermission,
  );
  const quota =
    observed.quota_bytes === undefined || observed.quota_bytes === ''
      ? undefined
      : observed.quota_bytes;
  differs('quotaBytes', 'quota', [quota ?? 'none', quotaText(quotaBytes)], quotaBytes ?? null);
  const local = storeName('local', observed.local_block_store_id);
  differs('localStore', 'local store', [local, localStore], localStore);
  const remote = storeName('remote', observed.remote_block_store_id);
  differs('remoteStore', 'remote store', [remote, remoteStore ?? NO_STORE], remoteStore ?? null);
  return {
    result: 'compared',
    change: what.length === 0 ? undefined : change,
    what: what.join(', '),
    enable: !observed.enabled,
  };
}
