/**
 * Adapters in the fake DittoFS (dittofs-api.md §3): POST starts the listener even when the
 * adapter is disabled; PUT restarts it only when its port or `enabled` changes (or it is not
 * running) and starts it again only if enabled. `listening` records what a client would see.
 */
import { decode, json, problem, type FakeRequest, type FakeResponse } from './fake-dittofs-http.js';
import type { FakeRoute } from './fake-dittofs-routes.js';
import { adapterView, type FakeAdapter, type FakeData } from './fake-dittofs-state.js';

/** `models/adapter.go`: what port 0 means. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { nfs: 12049, smb: 12445 };

/** `store/adapters.go` EnsureDefaultAdapters: what every boot re-creates when missing. */
export function firstBootAdapters(data: FakeData): FakeAdapter[] {
  return [
    {
      id: data.nextId(),
      type: 'nfs',
      enabled: true,
      port: 12049,
      config: {},
      listening: true,
      starts: 1,
    },
    {
      id: data.nextId(),
      type: 'smb',
      enabled: true,
      port: 1445,
      config: {},
      listening: true,
      starts: 1,
    },
  ];
}

const effectivePort = (adapter: { type: string; port: number }) =>
  adapter.port === 0 ? (DEFAULT_PORTS[adapter.type] ?? 0) : adapter.port;

export function adapterRoutes(data: FakeData): FakeRoute[] {
  const find = (request: FakeRequest) => data.adapters.find((a) => a.type === request.params.type);

  const create = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, {
      type: 'string',
      enabled: 'boolean',
      port: 'int',
      config: 'object',
    });
    if (!decoded.ok) return decoded.response;
    const body = decoded.body as {
      type?: string;
      enabled?: boolean;
      port?: number;
      config?: Record<string, unknown>;
    };
    if (!body.type) return problem(400, 'Adapter type is required');
    if (data.adapters.some((a) => a.type === body.type))
      return problem(409, 'Adapter already exists');
    // The factory knows only nfs and smb; the saved row is rolled back.
    if (!(body.type in DEFAULT_PORTS)) return problem(500, 'Failed to create adapter');
    const adapter: FakeAdapter = {
      id: data.nextId(),
      type: body.type,
      enabled: body.enabled ?? true,
      port: body.port ?? 0,
      config: body.config ?? {},
      listening: true,
      starts: 1,
    };
    data.adapters.push(adapter);
    // The handler never sets `running` on a create.
    return json(201, adapterView(adapter, false));
  };

  const update = (request: FakeRequest): FakeResponse => {
    const decoded = decode(request, { enabled: 'boolean', port: 'int', config: 'object' });
    if (!decoded.ok) return decoded.response;
    const adapter = find(request);
    if (adapter === undefined) return problem(404, 'Adapter not found');
    const body = decoded.body as {
      enabled?: boolean;
      port?: number;
      config?: Record<string, unknown>;
    };
    const before = { port: effectivePort(adapter), running: adapter.listening };
    if (body.enabled !== undefined) adapter.enabled = body.enabled;
    if (body.port !== undefined) adapter.port = body.port;
    if (body.config !== undefined) adapter.config = body.config;
    const unchanged =
      before.running &&
      adapter.enabled &&
      before.port === effectivePort(adapter) &&
      body.port !== 0;
    if (!unchanged) {
      adapter.listening = adapter.enabled;
      if (adapter.enabled) adapter.starts += 1;
    }
    return json(200, adapterView(adapter, adapter.listening));
  };

  return [
    {
      method: 'GET',
      pattern: '/api/v1/adapters',
      handle: () =>
        json(
          200,
          data.adapters.map((a) => adapterView(a, a.listening)),
        ),
    },
    { method: 'POST', pattern: '/api/v1/adapters', handle: create },
    {
      method: 'GET',
      pattern: '/api/v1/adapters/{type}',
      handle: (r) => {
        const adapter = find(r);
        return adapter
          ? json(200, adapterView(adapter, adapter.listening))
          : problem(404, 'Adapter not found');
      },
    },
    { method: 'PUT', pattern: '/api/v1/adapters/{type}', handle: update },
    {
      method: 'DELETE',
      pattern: '/api/v1/adapters/{type}',
      handle: (r) => {
        const adapter = find(r);
        if (adapter === undefined) return problem(404, 'Adapter not found');
        data.adapters.splice(data.adapters.indexOf(adapter), 1);
        return { status: 204, headers: {}, body: '' };
      },
    },
  ];
}
