/**
 * The fake DittoFS itself, held to the surprises of the real API (dittofs-api.md): if the
 * fake drifted from them, the configure tests would prove nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDittoFs } from '../support/fake-dittofs.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

type Answer = { status: number; type: string | null; body: unknown };

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type');
  return {
    status: response.status,
    type,
    body: type?.includes('json') ? (JSON.parse(text) as unknown) : text,
  };
}

async function login(password = 'fake-admin-password'): Promise<string> {
  const answer = await call('POST', '/api/v1/auth/login', { username: 'admin', password });
  return (answer.body as { access_token: string }).access_token;
}

const problem = (status: number, title: string, detail: string): Answer => ({
  status,
  type: 'application/problem+json',
  body: { type: 'about:blank', title, status, detail },
});

const text = (status: number, body: string): Answer => ({
  status,
  type: 'text/plain; charset=utf-8',
  body,
});

describe('routing and auth', () => {
  it("answers chi's own 404 and 405 for routes it does not have", async () => {
    expect(await call('GET', '/api/v1/nope')).toEqual(text(404, '404 page not found\n'));
    const response = await fetch(`${fake.url}/api/v1/shares`, { method: 'PATCH' });
    expect([response.status, response.headers.get('allow'), await response.text()]).toEqual([
      405,
      'GET, POST',
      '',
    ]);
  });

  it('refuses in text/plain from the middleware, in problem+json from a handler', async () => {
    expect(await call('GET', '/api/v1/shares')).toEqual(
      text(401, 'Authorization header required\n'),
    );
    expect(await call('GET', '/api/v1/shares', undefined, 'forged')).toEqual(
      text(401, 'Invalid or expired token\n'),
    );
    expect(await call('POST', '/api/v1/auth/login', { username: 'admin', password: 'x' })).toEqual(
      problem(401, 'Unauthorized', 'Invalid username or password'),
    );
  });

  it('blocks everything but the password change until it is made, even the old token after', async () => {
    await fake.stop();
    fake = await FakeDittoFs.start({ mustChangePassword: true });
    const old = await login();

    const blocked = await call('GET', '/api/v1/shares', undefined, old);
    const changed = await call(
      'POST',
      '/api/v1/users/me/password',
      { new_password: 'n3w-password' },
      old,
    );
    const fresh = (changed.body as { access_token: string }).access_token;

    expect(blocked).toEqual(
      text(
        403,
        'account "admin" must set a new password before performing other operations; ' +
          `run 'dfsctl user change-password' (as "admin") to set one\n`,
      ),
    );
    expect((changed.body as { user: unknown }).user).toEqual({
      id: '00000000-0000-4000-8000-000000000000',
      username: 'admin',
      role: 'admin',
      uid: 0,
      enabled: true,
      must_change_password: false,
      created_at: '2026-01-01T00:00:00Z',
    });
    expect((await call('GET', '/api/v1/shares', undefined, old)).status).toBe(403);
    expect(await call('GET', '/api/v1/shares', undefined, fresh)).toEqual({
      status: 200,
      type: 'application/json',
      body: [],
    });
  });
});

describe('stores', () => {
  it('take config as a JSON string, answer it as an object with secrets redacted', async () => {
    const token = await login();
    const config = { bucket: 'b', access_key_id: 'AKIA1', secret_access_key: 's3cr3t' };

    const asObject = await call(
      'POST',
      '/api/v1/store/block/remote',
      { name: 'r', type: 's3', config },
      token,
    );
    const created = await call(
      'POST',
      '/api/v1/store/block/remote',
      { name: 'r', type: 's3', config: JSON.stringify(config) },
      token,
    );
    const again = await call(
      'POST',
      '/api/v1/store/block/remote',
      { name: 'r', type: 's3', config: '{}' },
      token,
    );

    expect(asObject).toEqual(problem(400, 'Bad Request', 'Invalid request body'));
    expect(created.body).toEqual({
      id: '00000000-0000-4000-8000-000000000003',
      name: 'r',
      kind: 'remote',
      type: 's3',
      config: { bucket: 'b', access_key_id: 'AKIA1', secret_access_key: '********' },
      created_at: '2026-01-01T00:00:00Z',
      status: { status: 'healthy', checked_at: '2026-01-01T00:00:00Z' },
    });
    expect(again).toEqual(
      problem(
        400,
        'Bad Request',
        'Invalid block store config: s3 remote block store requires bucket in config',
      ),
    );
  });

  it('keep the stored secret when a PUT echoes the redaction, and check type against kind', async () => {
    const token = await login();
    fake.addBlockStore('remote', 'r', 's3', {
      bucket: 'b',
      access_key_id: 'A',
      secret_access_key: 's',
    });
    const echoed = JSON.stringify({
      bucket: 'b2',
      access_key_id: 'A',
      secret_access_key: '********',
    });

    await call('PUT', '/api/v1/store/block/remote/r', { config: echoed }, token);
    const wrongKind = await call(
      'POST',
      '/api/v1/store/block/local',
      { name: 'l', type: 's3' },
      token,
    );

    expect(fake.state().remoteStores[0]?.config).toEqual({
      bucket: 'b2',
      access_key_id: 'A',
      secret_access_key: 's',
    });
    expect(wrongKind).toEqual(
      problem(400, 'Bad Request', "Store type 's3' is not valid for kind 'local'"),
    );
  });
});

describe('shares', () => {
  it('ignore the update keys on create and the create keys on update, without a word', async () => {
    const token = await login();
    const meta = fake.addMetadataStore('m', 'memory', {});
    const local = fake.addBlockStore('local', 'l', 'fs', { path: '/l' });
    fake.addBlockStore('local', 'l2', 'fs', { path: '/l2' });

    const wrongCreate = await call(
      'POST',
      '/api/v1/shares',
      { name: 'x', metadata_store_id: 'm', local_block_store_id: 'l' },
      token,
    );
    const created = await call(
      'POST',
      '/api/v1/shares',
      { name: '//x', metadata_store_id: 'm', local_block_store: 'l', quota_bytes: '1536' },
      token,
    );
    const wrongUpdate = await call(
      'PUT',
      '/api/v1/shares/x',
      { local_block_store: 'l2', enabled: false },
      token,
    );

    expect(wrongCreate).toEqual(problem(400, 'Bad Request', 'Local block store is required'));
    expect(created.status).toBe(201);
    const shown = wrongUpdate.body as Record<string, unknown>;
    expect([shown.name, shown.local_block_store_id, shown.enabled, shown.quota_bytes]).toEqual([
      '/x',
      local.id,
      true,
      '1.50KiB',
    ]);
    expect(fake.state().shares).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000006',
        name: '/x',
        metadata_store_id: meta.id,
        local_block_store_id: local.id,
        remote_block_store_id: null,
        read_only: false,
        enabled: true,
        default_permission: 'none',
        quota_bytes: 1536,
      },
    ]);
  });
});

describe('adapters', () => {
  it('boot as nfs 12049 and smb 1445; a POST listens even when disabled, a PUT stops it', async () => {
    const token = await login();
    const booted = fake.state().adapters;

    await call('DELETE', '/api/v1/adapters/smb', undefined, token);
    const created = await call('POST', '/api/v1/adapters', { type: 'smb', enabled: false }, token);
    const listening = fake.state().adapters[1];
    await call('PUT', '/api/v1/adapters/smb', { enabled: false }, token);

    expect(booted).toEqual([
      { type: 'nfs', enabled: true, port: 12049, listening: true, starts: 1 },
      { type: 'smb', enabled: true, port: 1445, listening: true, starts: 1 },
    ]);
    expect((created.body as { running: boolean }).running).toBe(false);
    expect(listening).toEqual({ type: 'smb', enabled: false, port: 0, listening: true, starts: 1 });
    expect(fake.state().adapters[1]).toEqual({ ...listening, listening: false });
  });
});
