/**
 * Runs the configure program in-process against a fake DittoFS: files in memory, real clock,
 * every output line captured.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { configure, type ConfigureIo } from '../../src/configure/configure.js';
import type { Desired } from '../../src/configure/desired.js';
import { FAKE_PASSWORD } from '../support/fake-dittofs.js';

export type Run = {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Files as the program left them (the termination log among them). */
  readonly files: ReadonlyMap<string, string>;
};

export const DESIRED_PATH = '/config/desired.json';
export const TERMINATION_LOG = '/tmp/termination-log';

/** The environment a Job gives the program, for the fake's admin. */
export const ADMIN_ENV = {
  DITTOFS_ADMIN_USERNAME: 'admin',
  DITTOFS_ADMIN_PASSWORD: FAKE_PASSWORD,
};

export async function run(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  files: Readonly<Record<string, string>> = {},
  /** Paths whose writes fail as on a read-only filesystem. */
  { unwritable = [] }: { unwritable?: readonly string[] } = {},
): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const disk = new Map(Object.entries(files));
  const io: ConfigureIo = {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    readFile: (path) => {
      const text = disk.get(path);
      if (text === undefined)
        return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
      return Promise.resolve(text);
    },
    writeFile: (path, text, { create }) => {
      if (unwritable.includes(path))
        return Promise.reject(Object.assign(new Error(`EROFS: ${path}`), { code: 'EROFS' }));
      if (!create && !disk.has(path))
        return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
      disk.set(path, text);
      return Promise.resolve();
    },
    clock: { now: () => Date.now(), sleep: (ms) => sleep(ms) },
  };
  const code = await configure(argv, env, io);
  return { code, stdout, stderr, files: disk };
}

/** Runs against `api` with `desired` as the desired file and the usual flags. */
export function runAgainst(
  api: string,
  desired: Desired | string,
  env: Readonly<Record<string, string>> = ADMIN_ENV,
  extraArgs: readonly string[] = [],
): Promise<Run> {
  const text = typeof desired === 'string' ? desired : JSON.stringify(desired);
  const argv = [
    '--api',
    api,
    '--desired',
    DESIRED_PATH,
    '--termination-log',
    TERMINATION_LOG,
    ...extraArgs,
  ];
  return run(argv, env, { [DESIRED_PATH]: text });
}
