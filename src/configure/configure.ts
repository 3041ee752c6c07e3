/**
 * The configure program: makes a running DittoFS match desired.json through its REST API.
 * `main.ts` is a thin shell around `configure(argv, env, io)`, which tests call in-process.
 *
 * Exit codes: 0 the server matches; 1 it could not be made to (one-line reason on stderr
 * and in the termination log); 2 bad usage (reason and usage line on stderr).
 */
import { Applier, storeKey, type StoreIds } from './apply.js';
import { parseCommandLine, DEFAULT_TERMINATION_LOG, USAGE, type Options } from './args.js';
import { DittoClient } from './client.js';
import { readCredentials, type Credentials, type Env } from './credentials.js';
import { parseDesired, type Desired } from './desired.js';
import { adapterDto, blockStoreDto, metadataStoreDto, shareDto } from './dto.js';
import { ConfigureError, Transport, type Clock } from './http.js';
import { plan, type Observed } from './plan.js';
import { oneLine, redactor, type Redact } from './redact.js';

export type ConfigureIo = {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  /** `create: false` writes only a file that exists (Kubernetes makes /dev/termination-log). */
  readonly writeFile: (path: string, text: string, options: { create: boolean }) => Promise<void>;
  readonly clock: Clock;
};

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

type Failure = { readonly code: 1 | 2; readonly message: string };

function errorCode(error: unknown): string {
  const code: unknown =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : 'unreadable';
}

async function readDesired(options: Options, io: ConfigureIo): Promise<Desired | Failure> {
  let text: string;
  try {
    text = await io.readFile(options.desiredFile);
  } catch (error) {
    return {
      code: 2,
      message: `cannot read desired file ${options.desiredFile}: ${errorCode(error)}`,
    };
  }
  const parsed = parseDesired(text);
  if (parsed.ok) return parsed.desired;
  return { code: 2, message: `invalid desired file ${options.desiredFile}: ${parsed.message}` };
}

async function observe(client: DittoClient): Promise<Observed> {
  return {
    metadata: await client.list('/api/v1/store/metadata', metadataStoreDto),
    local: await client.list('/api/v1/store/block/local', blockStoreDto),
    remote: await client.list('/api/v1/store/block/remote', blockStoreDto),
    shares: await client.list('/api/v1/shares', shareDto),
    adapters: await client.list('/api/v1/adapters', adapterDto),
  };
}

function knownIds(observed: Observed): StoreIds {
  const ids: StoreIds = new Map();
  for (const kind of ['metadata', 'local', 'remote'] as const)
    for (const store of observed[kind]) ids.set(storeKey(kind, store.name), store.id);
  return ids;
}

async function converge(
  options: Options,
  desired: Desired,
  credentials: Credentials,
  io: ConfigureIo,
  log: (line: string) => void,
): Promise<void> {
  const transport = new Transport({
    base: options.api,
    deadline: io.clock.now() + options.timeoutMs,
    timeoutMs: options.timeoutMs,
    clock: io.clock,
    log,
  });
  const client = new DittoClient(transport, credentials, log);
  await client.login();
  const observed = await observe(client);
  const planned = plan(desired, observed, credentials);
  if (planned.conflicts.length > 0) throw new ConfigureError(planned.conflicts.join('; '));
  const applier = new Applier(client, knownIds(observed), log);
  await applier.run(planned.steps);
  const { changes } = applier;
  log(`done: ${changes === 0 ? 'no' : changes} change${changes === 1 ? '' : 's'}`);
}

export async function configure(
  argv: readonly string[],
  env: Env,
  io: ConfigureIo,
): Promise<number> {
  let redact: Redact = (text) => text;
  let terminationLog = { path: DEFAULT_TERMINATION_LOG, given: false };
  const fail = async ({ code, message }: Failure): Promise<number> => {
    const line = oneLine(redact(message));
    io.stderr(line);
    if (code === EXIT_USAGE) io.stderr(USAGE);
    try {
      await io.writeFile(terminationLog.path, `${line}\n`, { create: terminationLog.given });
    } catch (error) {
      if (terminationLog.given)
        io.stderr(`cannot write termination log ${terminationLog.path}: ${errorCode(error)}`);
    }
    return code;
  };
  const args = parseCommandLine(argv);
  if (!args.ok) return fail({ code: EXIT_USAGE, message: args.message });
  const { options } = args;
  terminationLog = { path: options.terminationLog, given: options.terminationLogGiven };
  const desired = await readDesired(options, io);
  if ('code' in desired) return fail(desired);
  const read = readCredentials(env, desired);
  if (!read.ok) return fail({ code: EXIT_FAILED, message: read.message });
  redact = redactor(read.credentials.secrets);
  try {
    await converge(options, desired, read.credentials, io, (line) => {
      io.stdout(oneLine(redact(line)));
    });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigureError) return fail({ code: EXIT_FAILED, message: error.message });
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: EXIT_FAILED, message: `internal error: ${detail}` });
  }
}
