/**
 * Metadata and block stores in the fake DittoFS (dittofs-api.md §4): `config` arrives as a
 * JSON *string*, is validated per type like the server's factories, and comes back as an
 * object with secrets redacted; a PUT that echoes `"********"` keeps the stored secret.
 */
import { decode, json, problem, type FakeRequest, type FakeResponse } from './fake-dittofs-http.js';
import type { FakeRoute } from './fake-dittofs-routes.js';
import {
  blockStoreView,
  mergeRedacted,
  metadataStoreView,
  type FakeBlockStore,
  type FakeData,
  type FakeMetadataStore,
} from './fake-dittofs-state.js';

type Config = Record<string, unknown>;

function parseConfig(text: string): Config | string {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Config;
    return 'failed to get config: json: cannot unmarshal into map';
  } catch (error) {
    return `failed to get config: ${(error as Error).message}`;
  }
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value !== '';

/** `runtime/init.go` CreateMetadataStoreFromConfig: an error message, or undefined. */
function openMetadataStore(type: string, config: Config): string | undefined {
  switch (type) {
    case 'memory':
      return undefined;
    case 'badger':
    case 'sqlite':
      return nonEmpty(config.path) || nonEmpty(config.db_path)
        ? undefined
        : `${type} metadata store requires path as string`;
    case 'postgres':
      for (const key of ['host', 'user', 'password'])
        if (typeof config[key] !== 'string') return `postgres metadata store requires ${key}`;
      if (typeof config.database !== 'string' && typeof config.dbname !== 'string')
        return 'postgres metadata store requires database';
      return undefined;
    default:
      return `unsupported metadata store type: ${type}`;
  }
}

/** Loopback, private and link-local literals (`s3.ValidateEndpoint`; names are not resolved). */
function privateHost(endpoint: string): boolean {
  const host = new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname;
  return /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|\[::1\])/.test(
    host,
  );
}

/** `runtime/blockstore_init.go` ValidateBlockStoreConfig. */
function validateBlockStore(kind: string, type: string, config: Config): string | undefined {
  if (type === 'memory') return undefined;
  if (kind === 'local') {
    if (!nonEmpty(config.path)) return 'fs local block store requires path in config';
    const path = config.path as string;
    return path.startsWith('/')
      ? undefined
      : `fs local block store path must be absolute, got "${path}"`;
  }
  for (const key of ['bucket', 'access_key_id', 'secret_access_key'])
    if (!nonEmpty(config[key])) return `s3 remote block store requires ${key} in config`;
  if (
    typeof config.endpoint === 'string' &&
    config.endpoint !== '' &&
    config.allow_private_endpoint !== true
  )
    if (privateHost(config.endpoint))
      return `s3 block store: unsafe endpoint: host resolves to private/internal address (set allow_private_endpoint=true to permit)`;
  return undefined;
}

const BLOCK_TYPES: Readonly<Record<string, readonly string[]>> = {
  local: ['fs', 'memory'],
  remote: ['s3', 'memory'],
};

export function storeRoutes(data: FakeData): FakeRoute[] {
  const findMeta = (ref: string) => data.metadataStores.find((s) => s.name === ref || s.id === ref);
  const findBlock = (kind: string, ref: string) =>
    data.blockStores.find((s) => s.kind === kind && (s.name === ref || s.id === ref));
  const badKind = (kind = '') =>
    kind in BLOCK_TYPES
      ? undefined
      : problem(400, "Invalid block store kind: must be 'local' or 'remote'");

  const createMeta = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, { name: 'string', type: 'string', config: 'string' });
    if (!decoded.ok) return decoded.response;
    const { name = '', type = '', config = '' } = decoded.body as Record<string, string>;
    if (name === '') return problem(400, 'Store name is required');
    if (type === '') return problem(400, 'Store type is required');
    const parsed = parseConfig(config);
    const failure = typeof parsed === 'string' ? parsed : openMetadataStore(type, parsed);
    if (failure !== undefined) return problem(400, `Failed to create metadata store: ${failure}`);
    if (data.metadataStores.some((s) => s.name === name))
      return problem(409, 'Metadata store already exists');
    const store: FakeMetadataStore = { id: data.nextId(), name, type, config };
    data.metadataStores.push(store);
    return json(201, metadataStoreView(store));
  };

  const updateMeta = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, { type: 'string', config: 'string' });
    if (!decoded.ok) return decoded.response;
    const store = findMeta(request.params.name ?? '');
    if (store === undefined) return problem(404, 'Metadata store not found');
    const { type, config } = decoded.body as { type?: string; config?: string };
    // No validation: a bad type or config only breaks the next boot (metadata_stores.go).
    if (type !== undefined) store.type = type;
    if (config !== undefined) store.config = config;
    return json(200, metadataStoreView(store));
  };

  const createBlock = (request: FakeRequest): FakeResponse => {
    const kind = request.params.kind ?? '';
    const refused = badKind(kind);
    if (refused) return refused;
    const decoded = decode(request, { name: 'string', type: 'string', config: 'string' });
    if (!decoded.ok) return decoded.response;
    const { name = '', type = '', config = '' } = decoded.body as Record<string, string>;
    if (name === '') return problem(400, 'Store name is required');
    if (type === '') return problem(400, 'Store type is required');
    if (!BLOCK_TYPES[kind]?.includes(type))
      return problem(400, `Store type '${type}' is not valid for kind '${kind}'`);
    const parsed = parseConfig(config);
    const failure = typeof parsed === 'string' ? parsed : validateBlockStore(kind, type, parsed);
    if (failure !== undefined) return problem(400, `Invalid block store config: ${failure}`);
    if (data.blockStores.some((s) => s.kind === kind && s.name === name))
      return problem(409, 'Block store already exists');
    const store: FakeBlockStore = {
      id: data.nextId(),
      name,
      kind: kind as 'local' | 'remote',
      type,
      config,
    };
    data.blockStores.push(store);
    return json(201, blockStoreView(store));
  };

  const updateBlock = (request: FakeRequest): FakeResponse => {
    const kind = request.params.kind ?? '';
    const refused = badKind(kind);
    if (refused) return refused;
    const decoded = decode(request, { type: 'string', config: 'string' });
    if (!decoded.ok) return decoded.response;
    const store = data.blockStores.find((s) => s.kind === kind && s.name === request.params.name);
    if (store === undefined) return problem(404, 'Block store not found');
    const { type = store.type, config } = decoded.body as { type?: string; config?: string };
    if (!BLOCK_TYPES[kind]?.includes(type))
      return problem(400, `Store type '${type}' is not valid for kind '${kind}'`);
    let merged = store.config;
    if (config !== undefined) {
      const [stored, sent] = [parseConfig(store.config), parseConfig(config)];
      merged =
        typeof sent === 'object' && typeof stored === 'object'
          ? JSON.stringify(mergeRedacted(stored, sent))
          : config;
    }
    const parsed = parseConfig(merged);
    const failure = typeof parsed === 'string' ? parsed : validateBlockStore(kind, type, parsed);
    if (failure !== undefined) return problem(400, `Invalid block store config: ${failure}`);
    Object.assign(store, { type, config: merged });
    return json(200, blockStoreView(store));
  };

  const inUse = (id: string) =>
    data.shares.some((s) =>
      [s.metadata_store_id, s.local_block_store_id, s.remote_block_store_id].includes(id),
    );

  return [
    {
      method: 'GET',
      pattern: '/api/v1/store/metadata',
      handle: () => json(200, data.metadataStores.map(metadataStoreView)),
    },
    { method: 'POST', pattern: '/api/v1/store/metadata', handle: createMeta },
    {
      method: 'GET',
      pattern: '/api/v1/store/metadata/{name}',
      handle: (r) => {
        const store = findMeta(r.params.name ?? '');
        return store
          ? json(200, metadataStoreView(store))
          : problem(404, 'Metadata store not found');
      },
    },
    { method: 'PUT', pattern: '/api/v1/store/metadata/{name}', handle: updateMeta },
    {
      method: 'DELETE',
      pattern: '/api/v1/store/metadata/{name}',
      handle: (r) => {
        const store = findMeta(r.params.name ?? '');
        if (store === undefined) return problem(404, 'Metadata store not found');
        if (inUse(store.id))
          return problem(409, 'Cannot delete metadata store: it is in use by one or more shares');
        data.metadataStores.splice(data.metadataStores.indexOf(store), 1);
        return { status: 204, headers: {}, body: '' };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/store/block/{kind}',
      handle: (r) =>
        badKind(r.params.kind) ??
        json(200, data.blockStores.filter((s) => s.kind === r.params.kind).map(blockStoreView)),
    },
    { method: 'POST', pattern: '/api/v1/store/block/{kind}', handle: createBlock },
    {
      method: 'GET',
      pattern: '/api/v1/store/block/{kind}/{name}',
      handle: (r) => {
        const refused = badKind(r.params.kind);
        if (refused) return refused;
        const store = findBlock(r.params.kind ?? '', r.params.name ?? '');
        return store ? json(200, blockStoreView(store)) : problem(404, 'Block store not found');
      },
    },
    { method: 'PUT', pattern: '/api/v1/store/block/{kind}/{name}', handle: updateBlock },
  ];
}
