/** The command line: `configure --api URL --desired FILE [--timeout D] [--termination-log F]`. */
import { parseArgs } from 'node:util';
import { parseDuration } from './duration.js';

export const USAGE =
  'usage: configure --api URL --desired FILE [--timeout DURATION] [--termination-log FILE]';

/** How long the program waits for the API and retries failed calls, in all. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** Where Kubernetes reads a container's last words from. */
export const DEFAULT_TERMINATION_LOG = '/dev/termination-log';

export type Options = {
  /** Base URL of the DittoFS control-plane API, e.g. `http://files-api.team-a.svc:8080`. */
  readonly api: URL;
  readonly desiredFile: string;
  readonly timeoutMs: number;
  readonly terminationLog: string;
  /** Whether --termination-log was given, so a failure to write it is worth a word. */
  readonly terminationLogGiven: boolean;
};

export type ParsedArgs = { ok: true; options: Options } | { ok: false; message: string };

const FLAGS = ['api', 'desired', 'timeout', 'termination-log'] as const;
type Flag = (typeof FLAGS)[number];

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

/**
 * Reads the flags token by token so the words of an error are ours, the same on every Node
 * version (`--api URL`, `--api=URL`; a repeated flag keeps its last value).
 */
function readFlags(argv: readonly string[]): Partial<Record<Flag, string>> | string {
  const options = Object.fromEntries(FLAGS.map((flag) => [flag, { type: 'string' as const }]));
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Partial<Record<Flag, string>> = {};
  for (const token of tokens) {
    if (token.kind === 'positional') return `unexpected argument ${token.value}`;
    if (token.kind === 'option-terminator') return 'unexpected argument --';
    if (!isFlag(token.name)) return `unknown flag ${token.rawName}`;
    if (token.value === undefined) return `${token.rawName} needs a value`;
    values[token.name] = token.value;
  }
  return values;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const values = readFlags(argv);
  if (typeof values === 'string') return { ok: false, message: values };
  const { api, desired, timeout, 'termination-log': terminationLog } = values;
  if (api === undefined) return { ok: false, message: 'missing --api' };
  if (desired === undefined || desired === '') return { ok: false, message: 'missing --desired' };
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    return { ok: false, message: '--api must be a URL such as http://files-api:8080' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: '--api must be an http:// or https:// URL' };
  const timeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    return { ok: false, message: '--timeout must be a positive Go duration such as 90s or 5m' };
  return {
    ok: true,
    options: {
      api: url,
      desiredFile: desired,
      timeoutMs,
      terminationLog: terminationLog ?? DEFAULT_TERMINATION_LOG,
      terminationLogGiven: terminationLog !== undefined,
    },
  };
}
