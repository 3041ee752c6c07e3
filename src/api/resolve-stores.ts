/**
 * Stores and shares with every default applied (api.md §2): a share's stores default to
 * the first declared ones, a remote store's prefix to `<namespace>/<name>/`, and every
 * reference must name a declared store. Lookups go through sets, so the cost is linear.
 */
import type { Issue } from './issues.js';
import type { CredentialsSecretRef } from './percona-spec.js';
import { parseRemoteEndpoint } from './remote-endpoint.js';
import type { Database } from './resolve.js';
import type { ShareSpec, StoresSpec } from './stores-spec.js';
import { quantityValue } from './quantity.js';

export type ResolvedMetadataStore = {
  readonly name: string;
  /** badger at /data/store/metadata/<name>; postgres on the control-plane PostgreSQL. */
  readonly type: 'badger' | 'postgres';
};

/** An fs store at /data/store/block/<name>, on the content volume. */
export type ResolvedLocalStore = { readonly name: string };

export type ResolvedRemoteStore = {
  readonly name: string;
  readonly bucket: string;
  /** `scheme://host[:port]` (https:// when the spec names no scheme); undefined for AWS S3. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** The spec's prefix, else `<namespace>/<name of the server>/`. */
  readonly prefix: string;
  readonly credentialsSecretRef: CredentialsSecretRef;
  readonly allowPrivateEndpoint: boolean;
};

export type ResolvedStores = {
  readonly metadata: readonly ResolvedMetadataStore[];
  readonly local: readonly ResolvedLocalStore[];
  readonly remote: readonly ResolvedRemoteStore[];
};

export type ResolvedShare = {
  readonly name: string;
  readonly metadataStore: string;
  readonly localStore: string;
  /** Undefined: no remote tier. */
  readonly remoteStore: string | undefined;
  readonly readOnly: boolean;
  readonly defaultPermission: ShareSpec['defaultPermission'];
  /** The quota as written (e.g. 100Gi) and in bytes; both undefined without a quota. */
  readonly quota: string | undefined;
  readonly quotaBytes: number | undefined;
};

export type StoreContext = {
  readonly database: Database;
  /** Target namespace and XR name, for the default remote prefix. */
  readonly namespace: string;
  readonly name: string;
};

export function resolveStores(
  stores: StoresSpec,
  context: StoreContext,
  issues: Issue[],
): ResolvedStores {
  let postgres: string | undefined;
  for (const [index, store] of stores.metadata.entries()) {
    if (store.type !== 'postgres') continue;
    const path = `spec.stores.metadata[${index}].type`;
    if (context.database.type !== 'postgres') {
      issues.push({
        path,
        message:
          'postgres needs the control-plane PostgreSQL: set spec.percona.enabled or spec.database.postgresSecretRef',
      });
    } else if (postgres !== undefined) {
      // Every postgres store uses the one control-plane database: they would share tables.
      issues.push({
        path,
        message: `postgres is already the type of metadata store ${postgres}: two would share one database`,
      });
    }
    postgres ??= store.name;
  }
  const remote = stores.remote.map(({ name, s3 }) => {
    const parsed = s3.endpoint === undefined ? undefined : parseRemoteEndpoint(s3.endpoint);
    return {
      name,
      bucket: s3.bucket,
      endpoint: parsed?.ok ? parsed.endpoint.url : undefined,
      region: s3.region,
      prefix: s3.prefix ?? `${context.namespace}/${context.name}/`,
      credentialsSecretRef: s3.credentialsSecretRef,
      allowPrivateEndpoint: s3.allowPrivateEndpoint,
    };
  });
  return { metadata: stores.metadata, local: stores.local, remote };
}

function reference(
  named: string | undefined,
  declared: ReadonlySet<string>,
  path: string,
  kind: string,
  issues: Issue[],
): void {
  if (named === undefined || declared.has(named)) return;
  issues.push({ path, message: `must name a store declared in spec.stores.${kind}` });
}

export function resolveShares(
  shares: readonly ShareSpec[],
  stores: ResolvedStores,
  issues: Issue[],
): ResolvedShare[] {
  const declared = (list: readonly { readonly name: string }[]) =>
    new Set(list.map(({ name }) => name));
  const metadata = declared(stores.metadata);
  const local = declared(stores.local);
  const remote = declared(stores.remote);
  return shares.map((share, index) => {
    const at = (field: string) => `spec.shares[${index}].${field}`;
    reference(share.metadataStore, metadata, at('metadataStore'), 'metadata', issues);
    reference(share.localStore, local, at('localStore'), 'local', issues);
    reference(share.remoteStore, remote, at('remoteStore'), 'remote', issues);
    return {
      name: share.name,
      // The schema asks for at least one store of each kind.
      metadataStore: share.metadataStore ?? stores.metadata[0]?.name ?? '',
      localStore: share.localStore ?? stores.local[0]?.name ?? '',
      remoteStore: share.remoteStore,
      readOnly: share.readOnly,
      defaultPermission: share.defaultPermission,
      quota: share.quota,
      quotaBytes: share.quota === undefined ? undefined : quantityValue(share.quota),
    };
  });
}
