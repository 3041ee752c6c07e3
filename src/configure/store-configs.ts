/**
 * The `config` each store is created with, and how an existing store is compared with it.
 * Comparison covers the keys this program manages, with DittoFS's own defaults filled in
 * (dittofs-api.md §4); secrets cannot be compared (they come back as `"********"`), and keys
 * the program never writes (tuning an admin added by hand) are left alone.
 */
import type { Credentials } from './credentials.js';
import type { DesiredLocalStore, DesiredMetadataStore, DesiredRemoteStore } from './desired.js';

export type StoreKind = 'metadata' | 'local' | 'remote';
export type JsonObject = Readonly<Record<string, unknown>>;

/** A store as the program wants it: DittoFS type and the config to create it with. */
export type WantedStore = {
  readonly kind: StoreKind;
  readonly name: string;
  readonly type: string;
  readonly config: JsonObject;
};

export function storeLabel(kind: StoreKind, name: string): string {
  return `${kind} store ${name}`;
}

export function wantedMetadataStore(
  store: DesiredMetadataStore,
  credentials: Credentials,
): WantedStore {
  if (store.type === 'badger')
    return { kind: 'metadata', name: store.name, type: 'badger', config: { path: store.path } };
  const pg = credentials.postgres;
  // readCredentials checked these variables for every postgres store.
  if (pg === undefined) throw new Error('postgres settings were not read');
  const config = {
    host: pg.host,
    port: pg.port,
    database: pg.database,
    user: pg.user,
    password: pg.password,
    ...(pg.sslmode === undefined ? {} : { sslmode: pg.sslmode }),
  };
  return { kind: 'metadata', name: store.name, type: 'postgres', config };
}

export function wantedLocalStore(store: DesiredLocalStore): WantedStore {
  return { kind: 'local', name: store.name, type: 'fs', config: { path: store.path } };
}

export function wantedRemoteStore(
  store: DesiredRemoteStore,
  credentials: Credentials,
): WantedStore {
  const keys = credentials.remote.get(store.name);
  if (keys === undefined) throw new Error(`keys of remote store ${store.name} were not read`);
  const config = {
    bucket: store.bucket,
    region: store.region,
    ...(store.endpoint === undefined ? {} : { endpoint: store.endpoint }),
    prefix: store.prefix,
    access_key_id: keys.accessKeyId,
    secret_access_key: keys.secretAccessKey,
    // DittoFS reads an absent key as false; writing it only when true keeps configs minimal.
    ...(store.allowPrivateEndpoint ? { allow_private_endpoint: true } : {}),
  };
  return { kind: 'remote', name: store.name, type: 's3', config };
}

const text = (value: unknown, fallback: unknown = ''): unknown =>
  value === undefined || value === '' ? fallback : value;

/**
 * The compared, non-secret view of a config of `type`, with the defaults DittoFS applies
 * when a key is absent (`init.go`, `shares/service.go`, `blockstore_init.go`).
 */
function comparedView(type: string, config: JsonObject): JsonObject {
  switch (type) {
    case 'badger':
      return { path: text(config.path, config.db_path) };
    case 'postgres':
      return {
        host: config.host,
        // DittoFS ignores a port that is not a JSON number and uses 5432.
        port: typeof config.port === 'number' ? config.port : 5432,
        database: config.database ?? config.dbname,
        user: config.user,
        sslmode: config.sslmode ?? 'disable',
      };
    case 'fs':
      return { path: config.path };
    case 's3':
      return {
        bucket: config.bucket,
        region: text(config.region, 'us-east-1'),
        endpoint: text(config.endpoint),
        prefix: text(config.prefix),
        allow_private_endpoint: config.allow_private_endpoint ?? false,
      };
    default:
      return config;
  }
}

export type StoreComparison =
  | { readonly result: 'equal' }
  /** The S3 access key id differs: a key rotation, sent together with its secret. */
  | { readonly result: 'credentials' }
  | { readonly result: 'conflict'; readonly reason: string };

function shown(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}

/** Compares an existing store (type, redacted config) with what the spec wants. */
export function compareStore(
  wanted: WantedStore,
  observed: { readonly type: string; readonly config?: JsonObject | undefined },
): StoreComparison {
  const label = storeLabel(wanted.kind, wanted.name);
  if (observed.type !== wanted.type)
    return {
      result: 'conflict',
      reason:
        `${label} is of type ${observed.type} on the server, ${wanted.type} in the spec ` +
        "(DittoFS cannot change a store's type in place: give the store a new name)",
    };
  const want = comparedView(wanted.type, wanted.config);
  const have = comparedView(observed.type, observed.config ?? {});
  const differences = Object.keys(want)
    .filter((key) => JSON.stringify(want[key]) !== JSON.stringify(have[key]))
    .map((key) => `${key} is ${shown(have[key])} on the server, ${shown(want[key])} in the spec`);
  if (differences.length > 0)
    return {
      result: 'conflict',
      reason:
        `${label}: ${differences.join(', ')} (DittoFS does not apply a store's config in ` +
        'place safely: give the store a new name)',
    };
  if (wanted.type === 's3' && observed.config?.access_key_id !== wanted.config.access_key_id)
    return { result: 'credentials' };
  return { result: 'equal' };
}
