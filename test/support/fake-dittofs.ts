/**
 * An in-process DittoFS v0.29.0 control-plane API on `node:http`, following
 * shared/reference/dittofs-api.md for every route the configure program uses (auth, stores,
 * shares, adapters) and answering chi's 404/405 for the rest. It boots like a fresh server:
 * an admin, the nfs (12049) and smb (1445) adapters enabled, no store, no share.
 *
 * Tests read `writes` (every request that could change state) and `state()`, seed state
 * directly (no request recorded), and inject faults: refused connections until `up()`, one
 * 5xx on a route, an expired token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adapterRoutes, firstBootAdapters } from './fake-dittofs-adapters.js';
import { ACCESS_TOKEN_TTL_MS, FakeAuth, PASSWORD_PATH } from './fake-dittofs-auth.js';
import { problem, json, type FakeResponse } from './fake-dittofs-http.js';
import { dispatch, type FakeRoute } from './fake-dittofs-routes.js';
import { shareRoutes } from './fake-dittofs-shares.js';
import {
  FakeData,
  FAKE_TIME,
  snapshot,
  type FakeBlockStore,
  type FakeMetadataStore,
  type FakeShare,
  type FakeState,
  type FakeUser,
} from './fake-dittofs-state.js';

export type { FakeState } from './fake-dittofs-state.js';
import { storeRoutes } from './fake-dittofs-stores.js';

export type FakeOptions = {
  /** The admin's password (`DITTOFS_ADMIN_INITIAL_PASSWORD`). */
  readonly password?: string;
  /** As when the server generated the password itself: every route but one refuses. */
  readonly mustChangePassword?: boolean;
  /** Access-token lifetime; DittoFS's default is 15 minutes. */
  readonly accessTokenTtlMs?: number;
  /** 0 (the default): any free port. */
  readonly port?: number;
  /** Start with nothing listening (connections refused) until `up()` or `upAfter()`. */
  readonly down?: boolean;
  /** Called with every answered request, `POST /api/v1/shares 201`. */
  readonly onRequest?: (line: string) => void;
};

/** The default admin password of the fake. */
export const FAKE_PASSWORD = 'fake-admin-password';

export type WriteRecord = {
  readonly method: string;
  readonly path: string;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  readonly body: unknown;
  readonly status: number;
};

/** A one-shot hook on the next `method path`: something to do first, or an answer instead. */
type Fault = {
  readonly method: string;
  readonly path: string;
  readonly before?: () => void;
  readonly answer?: FakeResponse;
};

const NOT_WRITES = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh']);

function parsedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class FakeDittoFs {
  readonly data = new FakeData();
  readonly auth: FakeAuth;
  readonly writes: WriteRecord[] = [];
  /** Every request answered: `GET /api/v1/shares 200`. */
  readonly requests: string[] = [];
  private readonly faults: Fault[] = [];
  private readonly routes: FakeRoute[];
  private readonly server: Server;

  private readonly onRequest: ((line: string) => void) | undefined;
  private upTimer: NodeJS.Timeout | undefined;

  private constructor(
    public port: number,
    options: FakeOptions,
  ) {
    this.onRequest = options.onRequest;
    this.auth = new FakeAuth(() => Date.now(), options.accessTokenTtlMs ?? ACCESS_TOKEN_TTL_MS);
    this.auth.users.set('admin', {
      username: 'admin',
      password: options.password ?? FAKE_PASSWORD,
      role: 'admin',
      enabled: true,
      must_change_password: options.mustChangePassword ?? false,
    });
    this.data.adapters.push(...firstBootAdapters(this.data));
    this.routes = [
      {
        method: 'GET',
        pattern: '/health',
        gate: 'public',
        handle: () => json(200, { status: 'healthy', timestamp: FAKE_TIME }),
      },
      {
        method: 'POST',
        pattern: '/api/v1/auth/login',
        gate: 'public',
        handle: (r) => this.auth.login(r),
      },
      {
        method: 'POST',
        pattern: '/api/v1/auth/refresh',
        gate: 'public',
        handle: (r) => this.auth.refresh(r),
      },
      {
        method: 'POST',
        pattern: PASSWORD_PATH,
        gate: 'token',
        handle: (r, claims) =>
          claims ? this.auth.changePassword(r, claims) : problem(401, 'Authentication required'),
      },
      ...storeRoutes(this.data),
      ...shareRoutes(this.data),
      ...adapterRoutes(this.data),
    ];
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  static async start(options: FakeOptions = {}): Promise<FakeDittoFs> {
    const port = options.port ?? (await FakeDittoFs.unusedPort());
    const fake = new FakeDittoFs(port, options);
    if (!options.down) await fake.up();
    return fake;
  }

  /** A port nothing listens on (it was free a moment ago). */
  static async unusedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((done) => {
      probe.close(() => {
        done();
      });
    });
    return port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.server.listening) return;
    await new Promise<void>((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', fail);
        done();
      });
    });
  }

  /** Stops listening and drops open connections: the next connection is refused. */
  async down(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((done) => {
      this.server.close(() => {
        done();
      });
    });
    this.server.closeAllConnections();
    await closed;
  }

  /** Starts listening `ms` from now (as a server still booting would). */
  upAfter(ms: number): void {
    clearTimeout(this.upTimer);
    this.upTimer = setTimeout(() => void this.up(), ms);
  }

  stop(): Promise<void> {
    clearTimeout(this.upTimer);
    return this.down();
  }

  /** The next `method path` answers `status` (problem+json) and changes nothing. */
  failOnce(method: string, path: string, status = 500, detail = 'Internal server error'): void {
    this.faults.push({ method, path, answer: problem(status, detail) });
  }

  /** The next `method path` gets `answer` and changes nothing. */
  answerOnce(method: string, path: string, answer: FakeResponse): void {
    this.faults.push({ method, path, answer });
  }

  /** Before the next `method path`, every token issued so far expires. */
  expireTokensBefore(method: string, path: string): void {
    this.beforeNext(method, path, () => {
      this.auth.expireAll();
    });
  }

  /** Runs `action` just before the next `method path` is handled (another client's write). */
  beforeNext(method: string, path: string, action: () => void): void {
    this.faults.push({ method, path, before: action });
  }

  /** The admin user (always there: DittoFS re-creates it at boot). */
  admin(): FakeUser {
    const admin = this.auth.users.get('admin');
    if (admin === undefined) throw new Error('the fake always has an admin');
    return admin;
  }

  addMetadataStore(name: string, type: string, config: object): FakeMetadataStore {
    const store = { id: this.data.nextId(), name, type, config: JSON.stringify(config) };
    this.data.metadataStores.push(store);
    return store;
  }

  addBlockStore(
    kind: 'local' | 'remote',
    name: string,
    type: string,
    config: object,
  ): FakeBlockStore {
    const store = { id: this.data.nextId(), name, kind, type, config: JSON.stringify(config) };
    this.data.blockStores.push(store);
    return store;
  }

  /** A share as DittoFS stores it; store fields take UUIDs. */
  addShare(
    share: Omit<FakeShare, 'id' | 'enabled' | 'quota_bytes'> & Partial<FakeShare>,
  ): FakeShare {
    const stored: FakeShare = { id: this.data.nextId(), enabled: true, quota_bytes: 0, ...share };
    this.data.shares.push(stored);
    return stored;
  }

  /** Everything the server holds, configs parsed (secrets included: it is a fake). */
  state(): FakeState {
    return snapshot(this.data, this.admin());
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    const answer = this.answer(method, path, request.headers, rawBody);
    const line = `${method} ${path} ${answer.status}`;
    this.requests.push(line);
    this.onRequest?.(line);
    if (method !== 'GET' && !NOT_WRITES.has(path))
      this.writes.push({ method, path, body: parsedBody(rawBody), status: answer.status });
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  private answer(
    method: string,
    path: string,
    headers: IncomingMessage['headers'],
    rawBody: string,
  ): FakeResponse {
    const fault = this.faults.findIndex((f) => f.method === method && f.path === path);
    const [taken] = fault >= 0 ? this.faults.splice(fault, 1) : [];
    taken?.before?.();
    if (taken?.answer) return taken.answer;
    const flat = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    );
    return dispatch(this.routes, this.auth, { method, path, headers: flat, rawBody }).response;
  }
}
