/** The admin's session: the forced password change, and a token that expires mid-run. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { desired, ENV } from './fixtures.js';
import { runAgainst } from './harness.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

const writes = () => fake.writes.map(({ method, path, body }) => ({ method, path, body }));

describe('the admin session', () => {
  it('sets the same password again when DittoFS demands a change, then carries on', async () => {
    await fake.stop();
    fake = await FakeDittoFs.start({ mustChangePassword: true });

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.code).toBe(0);
    expect(result.stdout.slice(0, 2)).toEqual([
      `logged in to ${fake.url} as admin`,
      'admin: DittoFS required a new password; set it to the same one',
    ]);
    expect(writes()[0]).toEqual({
      method: 'POST',
      path: '/api/v1/users/me/password',
      body: { current_password: 'fake-admin-password', new_password: 'fake-admin-password' },
    });
    expect(fake.state().admin).toEqual({
      password: 'fake-admin-password',
      mustChangePassword: false,
    });
  });

  it('logs in again when its token expires', async () => {
    fake.expireTokensBefore('GET', '/api/v1/shares');

    const result = await runAgainst(fake.url, desired(), ENV);

    expect(result.code).toBe(0);
    expect(result.stdout.slice(0, 3)).toEqual([
      `logged in to ${fake.url} as admin`,
      'GET /api/v1/shares: 401 Unauthorized: Invalid or expired token; logging in again',
      `logged in to ${fake.url} as admin`,
    ]);
    expect(fake.requests.filter((r) => r.startsWith('GET /api/v1/shares'))).toEqual([
      'GET /api/v1/shares 401',
      'GET /api/v1/shares 200',
    ]);
  });
});
