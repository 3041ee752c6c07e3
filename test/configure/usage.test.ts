/** Bad usage: exit 2, the reason and the usage line, no call to any server. */
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/configure/args.js';
import { desired } from './fixtures.js';
import { ADMIN_ENV, DESIRED_PATH, run, TERMINATION_LOG } from './harness.js';

const API = 'http://127.0.0.1:9';
const GOOD = JSON.stringify(desired());

type Case = {
  readonly reason: string;
  readonly argv: readonly string[];
  readonly desiredText?: string;
  readonly message: string;
};

const FLAGS = ['--api', API, '--desired', DESIRED_PATH];
const LOGGED = [...FLAGS, '--termination-log', TERMINATION_LOG];

const cases: readonly Case[] = [
  { reason: 'no flags at all', argv: [], message: 'missing --api' },
  { reason: 'no desired file', argv: ['--api', API], message: 'missing --desired' },
  { reason: 'an unknown flag', argv: [...FLAGS, '--verbose'], message: 'unknown flag --verbose' },
  { reason: 'a short flag', argv: [...FLAGS, '-v'], message: 'unknown flag -v' },
  {
    reason: 'a flag without its value',
    argv: [...FLAGS, '--timeout'],
    message: '--timeout needs a value',
  },
  {
    reason: 'a positional argument',
    argv: [...FLAGS, 'extra'],
    message: 'unexpected argument extra',
  },
  {
    reason: 'an API that is no URL',
    argv: ['--api', 'files-api:8080', '--desired', DESIRED_PATH],
    message: '--api must be an http:// or https:// URL',
  },
  {
    reason: 'an API that is not even parseable',
    argv: ['--api', 'http://[', '--desired', DESIRED_PATH],
    message: '--api must be a URL such as http://files-api:8080',
  },
  {
    reason: 'a timeout that is no Go duration',
    argv: [...FLAGS, '--timeout', '5 minutes'],
    message: '--timeout must be a positive Go duration such as 90s or 5m',
  },
  {
    reason: 'a negative timeout',
    argv: [...FLAGS, '--timeout', '-1s'],
    message: '--timeout must be a positive Go duration such as 90s or 5m',
  },
  {
    reason: 'a desired file that does not exist',
    argv: ['--api', API, '--desired', '/nowhere.json', '--termination-log', TERMINATION_LOG],
    message: 'cannot read desired file /nowhere.json: ENOENT',
  },
  {
    reason: 'a desired file that is no JSON',
    argv: LOGGED,
    desiredText: '{"adapters": ',
    message: `invalid desired file ${DESIRED_PATH}: not valid JSON`,
  },
  {
    reason: 'a desired file that breaks the schema',
    argv: LOGGED,
    desiredText: JSON.stringify({
      ...desired(),
      shares: [{ ...desired().shares[0], name: 'A/b' }],
    }),
    message: `invalid desired file ${DESIRED_PATH}: shares[0].name: must match ^[a-z0-9][a-z0-9-]{0,62}$`,
  },
];

describe('bad usage', () => {
  it.each(cases)('$reason: exit 2 with the reason and the usage line', async (c) => {
    const result = await run(c.argv, ADMIN_ENV, { [DESIRED_PATH]: c.desiredText ?? GOOD });

    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 2,
      stdout: [],
      stderr: [c.message, USAGE],
    });
    // Only a run that got as far as reading --termination-log can write it.
    const logged = c.argv.includes('--termination-log');
    expect(result.files.get(TERMINATION_LOG)).toBe(logged ? `${c.message}\n` : undefined);
  });
});

describe('the termination log', () => {
  it('is /dev/termination-log by default, written only where Kubernetes made it', async () => {
    const files = { [DESIRED_PATH]: '[]', '/dev/termination-log': '' };

    const result = await run(FLAGS, ADMIN_ENV, files);

    const message = `invalid desired file ${DESIRED_PATH}: must be an object, not a list`;
    expect(result.files.get('/dev/termination-log')).toBe(`${message}\n`);
  });

  it('says so when the one named cannot be written', async () => {
    const argv = [...FLAGS, '--termination-log', '/read-only/log'];
    const files = { [DESIRED_PATH]: '[]' };
    const failing = await run(argv, ADMIN_ENV, files, { unwritable: ['/read-only/log'] });

    expect(failing.stderr).toEqual([
      `invalid desired file ${DESIRED_PATH}: must be an object, not a list`,
      USAGE,
      'cannot write termination log /read-only/log: EROFS',
    ]);
  });
});
