/**
 * The configure program as a process (through tsx, since dist/configure.js is built
 * elsewhere): real files, real exit codes, the termination log on disk.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/configure/args.js';
import { FakeDittoFs } from '../support/fake-dittofs.js';
import { ENV, FRESH_LOG, loginRefusal } from './fixtures.js';

const MAIN = resolve(import.meta.dirname, '../../src/configure/main.ts');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/desired.json');

type Exit = { code: number | null; stdout: string; stderr: string };

function runProcess(args: readonly string[], env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => {
    child.on('close', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

let fake: FakeDittoFs;
let dir: string;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
  dir = await mkdtemp(join(tmpdir(), 'configure-'));
});
afterEach(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('node src/configure/main.ts', () => {
  it('configures the example and exits 0, then changes nothing', async () => {
    const args = ['--api', fake.url, '--desired', EXAMPLE];

    const first = await runProcess(args, ENV);
    const second = await runProcess(args, ENV);

    expect(first).toEqual({
      code: 0,
      stdout: [`logged in to ${fake.url} as admin`, ...FRESH_LOG, ''].join('\n'),
      stderr: '',
    });
    expect([second.code, second.stdout.split('\n').at(-2)]).toEqual([0, 'done: no changes']);
  });

  it('exits 1 with the reason on stderr and in the termination log file', async () => {
    const log = join(dir, 'termination-log');
    const args = ['--api', fake.url, '--desired', EXAMPLE, '--termination-log', log];

    const exit = await runProcess(args, { ...ENV, DITTOFS_ADMIN_PASSWORD: 'wrong-password' });

    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `${loginRefusal('DITTOFS_ADMIN_PASSWORD')}\n`,
    });
    expect(await readFile(log, 'utf8')).toBe(exit.stderr);
  });

  it('exits 2 on bad usage, with the usage line', async () => {
    const desired = join(dir, 'desired.json');
    const log = join(dir, 'termination-log');
    await writeFile(desired, '{}');

    const exit = await runProcess(
      ['--api', fake.url, '--desired', desired, '--termination-log', log],
      ENV,
    );

    const reason = `invalid desired file ${desired}: adapters: required; stores: required; shares: required`;
    expect(exit).toEqual({ code: 2, stdout: '', stderr: `${reason}\n${USAGE}\n` });
    expect(await readFile(log, 'utf8')).toBe(`${reason}\n`);
  });
});
