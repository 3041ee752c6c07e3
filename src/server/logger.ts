/**
 * Structured logs: one JSON line per event on stdout, the level under `severity` (upper case,
 * as the SDK's own logger writes it). Every logged object passes through `redactSecrets`, so
 * Secret data, credentials and connection details cannot reach a log line even if a caller
 * logs a whole resource by mistake.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';

export type { Logger } from 'pino';

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are never logged, at any depth, compared case-insensitively: Secret
 * `data`/`stringData`, RunFunction `credentials`/`credentialData`, `connectionDetails`, and the
 * usual names for single secret values.
 */
const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  'data',
  'stringdata',
  'credentials',
  'credentialdata',
  'connectiondetails',
  'password',
  'token',
  'privatekey',
  'private_key',
]);

/** Deeper than any log object this server writes; stops runaway walks of large objects. */
const MAX_DEPTH = 8;

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[...]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase())
      ? REDACTED
      : redactValue(inner, depth + 1, seen);
  }
  return out;
}

/** A copy of `object` with every sensitive key's value replaced by `REDACTED`. Pure. */
export function redactSecrets(object: Record<string, unknown>): Record<string, unknown> {
  return redactValue(object, 0, new WeakSet()) as Record<string, unknown>;
}

export type LoggerOptions = {
  readonly debug: boolean;
  /** Where lines go; stdout (synchronously, so nothing is lost on exit) when omitted. */
  readonly destination?: DestinationStream;
};

export function createLogger(options: LoggerOptions): Logger {
  const config: PinoOptions = {
    level: options.debug ? 'debug' : 'info',
    // No pid/hostname: Kubernetes already labels every line with the pod.
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label: string) => ({ severity: label.toUpperCase() }),
      log: redactSecrets,
    },
  };
  // Synchronous writes: lines keep their order and none is lost when the process exits.
  return pino(config, options.destination ?? pino.destination({ dest: 1, sync: true }));
}
