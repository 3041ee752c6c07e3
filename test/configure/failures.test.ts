/**
 * When the server is not there, fails, or refuses the admin: retries, exit codes, the
 * one-line reason on stderr and in the termination log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { desired, ENV, FRESH_LOG, loginRefusal } from './fixtures.js';
import { runAgainst, TERMINATION_LOG, type Run } from './harness.js';

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

/** What a failed run leaves: its reason on stderr and in the termination log, nothing else. */
function failedWith(reason: string): Pick<Run, 'code' | 'stderr'> & { log: string | undefined } {
  return { code: 1, stderr: [reason], log: `${reason}\n` };
}

const outcome = (run: Run) => ({
  code: run.code,
  stderr: run.stderr,
  log: run.files.get(TERMINATION_LOG),
});

const LOGIN_RETRIES = [200, 400, 800, 1600, 3200].map(
  (ms) =>
    `POST /api/v1/auth/login: connection refused; retrying in ${ms < 1000 ? `${ms}ms` : `${ms / 1000}s`}`,
);

describe('a refused admin login', () => {
  it('says so plainly, with the usual cause, naming the Secret to check', async () => {
    const env = {
      ...ENV,
      DITTOFS_ADMIN_PASSWORD: 'not-the-password',
      DITTOFS_ADMIN_SECRET: 'Secret files-admin-bootstrap-credentials key password',
    };

    const run = await runAgainst(fake.url, desired(), env);

    expect(outcome(run)).toEqual(
      failedWith(loginRefusal('Secret files-admin-bootstrap-credentials key password')),
    );
    expect(run.stdout).toEqual([]);
    expect(fake.writes).toEqual([]);
  });

  it('names the variable when no Secret is named', async () => {
    const run = await runAgainst(fake.url, desired(), {
      ...ENV,
      DITTOFS_ADMIN_PASSWORD: 'nope-nope',
    });

    expect(outcome(run)).toEqual(failedWith(loginRefusal('DITTOFS_ADMIN_PASSWORD')));
  });

  it('tells a disabled account apart', async () => {
    fake.auth.users.set('admin', { ...fake.admin(), enabled: false });

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(outcome(run)).toEqual(
      failedWith(
        'admin login refused (403 Forbidden: User account is disabled): the account admin is disabled',
      ),
    );
  });
});

describe('an API that is not there', () => {
  it('is waited for, with capped exponential backoff, until it answers', async () => {
    await fake.down();
    fake.upAfter(700);

    const run = await runAgainst(fake.url, desired(), ENV, ['--timeout', '20s']);

    const retries = run.stdout.filter((line) => line.startsWith('POST /api/v1/auth/login'));
    expect(retries.length).toBeGreaterThan(0);
    expect(retries).toEqual(LOGIN_RETRIES.slice(0, retries.length));
    expect(run.stdout.slice(retries.length)).toEqual([
      `logged in to ${fake.url} as admin`,
      ...FRESH_LOG,
    ]);
    expect(run.code).toBe(0);
  });

  it('gives up at --timeout with exit 1 and the last reason', async () => {
    const port = await FakeDittoFs.unusedPort();
    const started = Date.now();

    const run = await runAgainst(`http://127.0.0.1:${port}`, desired(), ENV, ['--timeout', '1s']);

    // Far below the 5m default: the 1s budget was what stopped it (with room for a slow machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome(run)).toEqual(
      failedWith(
        `POST http://127.0.0.1:${port}/api/v1/auth/login: connection refused; ` +
          'gave up after 1s (--timeout)',
      ),
    );
    expect(run.stdout).toEqual(LOGIN_RETRIES.slice(0, run.stdout.length));
  });
});

describe('server errors', () => {
  it('retries a 500 and carries on', async () => {
    fake.failOnce('POST', '/api/v1/shares');

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(run.code).toBe(0);
    expect(run.stdout.slice(4, 6)).toEqual([
      'POST /api/v1/shares: 500 Internal Server Error: Internal server error; retrying in 200ms',
      'share export: created',
    ]);
    expect(fake.writes.filter((w) => w.path === '/api/v1/shares').map((w) => w.status)).toEqual([
      500, 201,
    ]);
  });

  it('stops on a refusal, quoting the server', async () => {
    fake.failOnce(
      'POST',
      '/api/v1/store/block/local',
      400,
      'Invalid block store config: disk full',
    );

    const run = await runAgainst(fake.url, desired(), ENV);

    expect(outcome(run)).toEqual(
      failedWith(
        'POST /api/v1/store/block/local: 400 Bad Request: Invalid block store config: disk full',
      ),
    );
    expect(run.stdout.at(-1)).toBe('metadata store default: created (badger)');
  });
});

describe('the environment', () => {
  it('names every missing variable, and calls nothing', async () => {
    const { DITTOFS_REMOTE_ARCHIVE_SECRET_ACCESS_KEY: _, ...env } = ENV;
    const spec = desired();
    spec.stores.metadata.push({ name: 'pg', type: 'postgres' });

    const run = await runAgainst(fake.url, spec, { ...env, DITTOFS_METADATA_POSTGRES_PORT: 'x' });

    expect(outcome(run)).toEqual(
      failedWith(
        'missing environment variables DITTOFS_REMOTE_ARCHIVE_SECRET_ACCESS_KEY, ' +
          'DITTOFS_METADATA_POSTGRES_HOST, DITTOFS_METADATA_POSTGRES_DATABASE, ' +
          'DITTOFS_METADATA_POSTGRES_USER, DITTOFS_METADATA_POSTGRES_PASSWORD; ' +
          'DITTOFS_METADATA_POSTGRES_PORT must be a port number (1-65535)',
      ),
    );
    expect(fake.requests).toEqual([]);
  });
});
