/**
 * Shares in the fake DittoFS (dittofs-api.md §5): names normalised to one leading slash,
 * create keys (`local_block_store`, store names or UUIDs) unlike the update keys
 * (`local_block_store_id`), unknown keys silently ignored, `enabled` only through
 * `/enable` and `/disable`, quotas parsed from byte-size strings and shown rounded.
 */
import { decode, json, problem, type FakeRequest, type FakeResponse } from './fake-dittofs-http.js';
import type { FakeRoute } from './fake-dittofs-routes.js';
import { parseByteSize, shareView, type FakeData, type FakeShare } from './fake-dittofs-state.js';

/** `shares.go` normalizeShareName. */
export function normalizeShareName(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // Go keeps the raw name when it does not unescape.
  }
  return `/${decoded.replace(/^\/+/, '')}`;
}

const PERMISSIONS = ['none', 'read', 'read-write', 'admin'];

const CREATE_SHAPE = {
  name: 'string',
  metadata_store_id: 'string',
  local_block_store: 'string',
  remote_block_store: 'string',
  read_only: 'boolean',
  default_permission: 'string',
  quota_bytes: 'string',
} as const;

const UPDATE_SHAPE = {
  metadata_store_id: 'string',
  local_block_store_id: 'string',
  remote_block_store_id: 'string',
  read_only: 'boolean',
  default_permission: 'string',
  quota_bytes: 'string',
} as const;

export function shareRoutes(data: FakeData): FakeRoute[] {
  /** `resolveBlockStoreRef`: name within the kind first, then a UUID of that kind. */
  const resolve = (kind: 'local' | 'remote', ref: string): string | FakeResponse => {
    const tier = kind === 'local' ? 'Local' : 'Remote';
    const byName = data.blockStores.find((s) => s.kind === kind && s.name === ref);
    if (byName) return byName.id;
    const byId = data.blockStores.find((s) => s.id === ref);
    if (byId === undefined) return problem(400, `${tier} block store not found: ${ref}`);
    if (byId.kind !== kind) return problem(400, `${tier} block store has the wrong kind: ${ref}`);
    return byId.id;
  };
  const quota = (text: string): number | FakeResponse => {
    const bytes = parseByteSize(text);
    return bytes ?? problem(400, `Invalid quota_bytes: invalid byte size format: "${text}"`);
  };
  const find = (request: FakeRequest): FakeShare | FakeResponse => {
    const name = normalizeShareName(request.params.name ?? '');
    if (name === '/') return problem(400, 'Share name is required');
    return (
      data.shares.find((s) => s.name === name || s.id === request.params.name) ??
      problem(404, 'Share not found')
    );
  };
  const isResponse = (value: unknown): value is FakeResponse =>
    typeof value === 'object' && value !== null && 'headers' in value;

  const create = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, CREATE_SHAPE);
    if (!decoded.ok) return decoded.response;
    const body = decoded.body as Partial<
      Omit<Record<keyof typeof CREATE_SHAPE, string>, 'read_only'>
    > & {
      read_only?: boolean;
    };
    if (!body.name) return problem(400, 'Share name is required');
    const name = normalizeShareName(body.name);
    if (!body.metadata_store_id) return problem(400, 'Metadata store ID is required');
    if (!body.local_block_store) return problem(400, 'Local block store is required');
    const ref = body.metadata_store_id;
    const metadata =
      data.metadataStores.find((s) => s.name === ref) ??
      data.metadataStores.find((s) => s.id === ref);
    if (metadata === undefined) return problem(400, `Metadata store not found: ${ref}`);
    const local = resolve('local', body.local_block_store);
    if (isResponse(local)) return local;
    const remote = body.remote_block_store ? resolve('remote', body.remote_block_store) : null;
    if (isResponse(remote)) return remote;
    const permission = body.default_permission ?? 'none';
    if (!PERMISSIONS.includes(permission))
      return problem(
        400,
        `Invalid default_permission: ${permission} (want none|read|read-write|admin)`,
      );
    const quotaBytes = body.quota_bytes ? quota(body.quota_bytes) : 0;
    if (isResponse(quotaBytes)) return quotaBytes;
    if (data.shares.some((s) => s.name === name)) return problem(409, 'Share already exists');
    const share: FakeShare = {
      id: data.nextId(),
      name,
      metadata_store_id: metadata.id,
      local_block_store_id: local,
      remote_block_store_id: remote,
      read_only: body.read_only ?? false,
      enabled: true,
      default_permission: permission,
      quota_bytes: quotaBytes,
    };
    data.shares.push(share);
    return json(201, shareView(share));
  };

  const update = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, UPDATE_SHAPE);
    if (!decoded.ok) return decoded.response;
    const share = find(request);
    if (isResponse(share)) return share;
    const body = decoded.body as Partial<
      Omit<Record<keyof typeof UPDATE_SHAPE, string>, 'read_only'>
    > & {
      read_only?: boolean;
    };
    const next = { ...share };
    // Stored raw: no existence check, no name-to-UUID resolution (shares.go:709-711).
    if (body.metadata_store_id !== undefined) next.metadata_store_id = body.metadata_store_id;
    if (body.local_block_store_id !== undefined) {
      const local = resolve('local', body.local_block_store_id);
      if (isResponse(local)) return local;
      next.local_block_store_id = local;
    }
    if (body.remote_block_store_id !== undefined) {
      const remote =
        body.remote_block_store_id === '' ? null : resolve('remote', body.remote_block_store_id);
      if (isResponse(remote)) return remote;
      next.remote_block_store_id = remote;
    }
    if (body.read_only !== undefined) next.read_only = body.read_only;
    if (body.default_permission !== undefined) {
      if (body.default_permission !== '' && !PERMISSIONS.includes(body.default_permission))
        return problem(
          400,
          `Invalid default_permission: ${body.default_permission} (want none|read|read-write|admin)`,
        );
      next.default_permission = body.default_permission;
    }
    if (body.quota_bytes !== undefined) {
      const bytes =
        body.quota_bytes === '' || body.quota_bytes === '0' ? 0 : quota(body.quota_bytes);
      if (isResponse(bytes)) return bytes;
      next.quota_bytes = bytes;
    }
    Object.assign(share, next);
    return json(200, shareView(share));
  };

  const toggle = (enabled: boolean) => (request: FakeRequest) => {
    const share = find(request);
    if (isResponse(share)) return share;
    share.enabled = enabled;
    return json(200, shareView(share));
  };

  return [
    {
      method: 'GET',
      pattern: '/api/v1/shares',
      handle: () => json(200, data.shares.map(shareView)),
    },
    { method: 'POST', pattern: '/api/v1/shares', handle: create },
    {
      method: 'GET',
      pattern: '/api/v1/shares/{name}',
      handle: (r) => {
        const share = find(r);
        return isResponse(share) ? share : json(200, shareView(share));
      },
    },
    { method: 'PUT', pattern: '/api/v1/shares/{name}', handle: update },
    {
      method: 'DELETE',
      pattern: '/api/v1/shares/{name}',
      handle: (r) => {
        const share = find(r);
        if (isResponse(share)) return share;
        data.shares.splice(data.shares.indexOf(share), 1);
        return { status: 204, headers: {}, body: '' };
      },
    },
    { method: 'POST', pattern: '/api/v1/shares/{name}/enable', handle: toggle(true) },
    { method: 'POST', pattern: '/api/v1/shares/{name}/disable', handle: toggle(false) },
  ];
}
