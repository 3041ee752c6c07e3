/**
 * Runs the built server (`dist/main.js`, made by `npm run build`, which `npm test` runs first)
 * as a child process and reads its JSON log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const BUILT_MAIN = resolve(import.meta.dirname, '../../../dist/main.js');

/** Flags every test passes: loopback only, any free port, metrics on any free port. */
export const LOOPBACK_FLAGS = ['--address', '127.0.0.1:0', '--metrics-address', '127.0.0.1:0'];

export type LogLine = Record<string, unknown> & {
  readonly severity?: string;
  readonly msg?: string;
};

export type Exit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

export type ServerProcess = {
  readonly child: ChildProcess;
  /** Every stdout line so far, parsed (a line that is not JSON is kept as `{ raw }`). */
  readonly lines: LogLine[];
  readonly stderr: () => string;
  readonly exited: Promise<Exit>;
  /** Resolves with the first line matching `predicate` (already seen or still to come). */
  waitForLine(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
};

function parseLine(text: string): LogLine {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return { raw: text };
  }
}

export type SpawnOptions = {
  readonly env?: Record<string, string>;
  readonly main?: string;
  readonly cwd?: string;
  /** Run as this uid (and the gid of the same number); only root may ask. */
  readonly uid?: number;
  /** The Node binary; defaults to the one running the tests. */
  readonly node?: string;
};

export function spawnServer(args: readonly string[], options: SpawnOptions = {}): ServerProcess {
  const child = spawn(options.node ?? process.execPath, [options.main ?? BUILT_MAIN, ...args], {
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  const lines: LogLine[] = [];
  const waiters: (() => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(parseLine(text));
    for (const wake of waiters) wake();
  });
  const exited = new Promise<Exit>((done) => {
    child.on('exit', (code, signal) => {
      done({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  const waitForLine = (predicate: (line: LogLine) => boolean, timeoutMs = 15_000) =>
    new Promise<LogLine>((found, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`no matching log line in ${timeoutMs} ms: ${JSON.stringify(lines)}`));
      }, timeoutMs);
      const check = () => {
        const line = lines.find(predicate);
        if (line !== undefined) {
          clearTimeout(timer);
          found(line);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          fail(new Error(`server exited: ${JSON.stringify(lines)} ${stderr}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, lines, stderr: () => stderr, exited, waitForLine };
}

export type RunningServer = ServerProcess & { readonly port: number; readonly metricsPort: number };

/** Spawns the server and waits until it reports that it serves. */
export async function startServer(
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<RunningServer> {
  const server = spawnServer(args, options);
  const ready = await server.waitForLine((line) => line.msg === 'serving RunFunction');
  return { ...server, port: Number(ready.port), metricsPort: Number(ready.metricsPort) };
}

/** Stops a server that a test left running; a no-op if it already exited. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (server?.child.exitCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}
