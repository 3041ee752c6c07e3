/**
 * No secret leaves the program: stdout, stderr and the termination log are scanned for the
 * admin password, the S3 keys and the PostgreSQL password, in every form they could take.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactor } from '../../src/configure/redact.js';
import { FakeDittoFs, FAKE_PASSWORD } from '../support/fake-dittofs.js';
import { ACCESS_KEY_ID, desired, ENV, PG_ENV, PG_PASSWORD, SECRET_ACCESS_KEY } from './fixtures.js';
import { runAgainst, TERMINATION_LOG, type Run } from './harness.js';

const SECRETS = [FAKE_PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY, PG_PASSWORD];

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

function withPostgres() {
  const spec = desired();
  spec.stores.metadata.push({ name: 'pg', type: 'postgres' });
  return spec;
}

/** Every secret, and each form it can be written in, that appears anywhere in a run's output. */
function leaks(run: Run, secrets: readonly string[] = SECRETS): string[] {
  const output = [...run.stdout, ...run.stderr, run.files.get(TERMINATION_LOG) ?? ''].join('\n');
  return secrets
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])
    .filter((form) => output.includes(form));
}

describe('secrets in the output', () => {
  const env = { ...ENV, ...PG_ENV };

  it('never appear in a successful run', async () => {
    const run = await runAgainst(fake.url, withPostgres(), env);

    expect(run.code).toBe(0);
    expect(leaks(run)).toEqual([]);
  });

  it('are blanked out of a server error that echoes them', async () => {
    const echo = `bad key ${SECRET_ACCESS_KEY} for ${ACCESS_KEY_ID}, password "${PG_PASSWORD}"`;
    fake.failOnce('POST', '/api/v1/store/block/remote', 400, echo);

    const run = await runAgainst(fake.url, withPostgres(), env);

    const reason =
      'POST /api/v1/store/block/remote: 400 Bad Request: bad key ******** for ********, ' +
      'password "********"';
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: [reason] });
    expect(leaks(run)).toEqual([]);
  });

  it('are blanked out of a retried 5xx body, JSON-escaped or not', async () => {
    fake.failOnce('GET', '/api/v1/shares', 503, JSON.stringify({ password: FAKE_PASSWORD }));

    const run = await runAgainst(fake.url, withPostgres(), env);

    expect(run.stdout.slice(0, 2)).toEqual([
      `logged in to ${fake.url} as admin`,
      'GET /api/v1/shares: 503 Service Unavailable: {"password":"********"}; retrying in 200ms',
    ]);
    expect(leaks(run)).toEqual([]);
  });

  it('are found even when they hold spaces or a newline', async () => {
    const password = 'two  spaces\nand a newline';
    await fake.stop();
    fake = await FakeDittoFs.start({ password });
    fake.failOnce('POST', '/api/v1/shares', 400, `refused ${password}`);

    const run = await runAgainst(fake.url, desired(), { ...ENV, DITTOFS_ADMIN_PASSWORD: password });

    expect(run.stderr).toEqual(['POST /api/v1/shares: 400 Bad Request: refused ********']);
    expect(leaks(run, [password, 'two spaces and a newline'])).toEqual([]);
  });

  it('never appear when the admin is refused, not even the wrong password', async () => {
    const wrong = 'wrong-password-0001';

    const run = await runAgainst(fake.url, withPostgres(), {
      ...env,
      DITTOFS_ADMIN_PASSWORD: wrong,
    });

    expect(run.code).toBe(1);
    expect(leaks(run, [...SECRETS, wrong])).toEqual([]);
  });

  it('never appear when a variable is missing', async () => {
    const { DITTOFS_METADATA_POSTGRES_HOST: _, ...partial } = env;

    const run = await runAgainst(fake.url, withPostgres(), partial);

    expect(run.stderr).toEqual(['missing environment variable DITTOFS_METADATA_POSTGRES_HOST']);
    expect(leaks(run)).toEqual([]);
  });
});

describe('redactor', () => {
  it('hides the longest secret whole when one contains another', () => {
    const redact = redactor(['abc', 'xxabcxx', 'a"b\\c', 'p&q=r']);

    expect(redact('1 xxabcxx 2 abc 3 a\\"b\\\\c 4 p%26q%3Dr 5 a"b\\c')).toBe(
      '1 ******** 2 ******** 3 ******** 4 ******** 5 ********',
    );
  });
});
