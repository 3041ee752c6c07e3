/**
 * One HTTP exchange with the DittoFS API, retried while the server is not there yet or
 * failing: refused or reset connections, timeouts, 5xx and 429, with capped exponential
 * backoff until the program's deadline. Every other answer goes back to the caller.
 */
import { STATUS_CODES } from 'node:http';
import { formatDuration } from './duration.js';

/** First wait after a failed attempt; each next one doubles. */
export const FIRST_BACKOFF_MS = 200;
/** Longest wait between two attempts. */
export const MAX_BACKOFF_MS = 5_000;
/**
 * Longest wait for one answer. Above DittoFS's own 30 s handler timeout, because an adapter
 * change waits up to its 30 s shutdown_timeout before the server answers.
 */
export const REQUEST_TIMEOUT_MS = 40_000;
/**
 * Shortest wait for one answer, even when --timeout is nearly spent: a call started just
 * before the deadline still gets a fair chance (so a run may end this much after it).
 */
export const MIN_REQUEST_TIMEOUT_MS = 5_000;
/** Longest server message quoted in a line: a proxy's HTML error page is not worth more. */
const MAX_DETAIL_CHARS = 300;

export type Clock = { now(): number; sleep(ms: number): Promise<void> };

export type HttpAnswer = {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
};

/** The program stops: its one-line reason is `message`. */
export class ConfigureError extends Error {
  override readonly name = 'ConfigureError';
}

export type TransportOptions = {
  readonly base: URL;
  /** Epoch milliseconds after which no attempt starts. */
  readonly deadline: number;
  /** The whole budget, for messages. */
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly log: (line: string) => void;
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  // A host with several addresses fails with an AggregateError whose parts carry the code.
  if ('errors' in error && Array.isArray(error.errors)) return errorCode(error.errors[0]);
  return undefined;
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connect timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Why a fetch threw, in words (never the request, which may hold a secret). */
function networkReason(error: unknown, waitedMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${formatDuration(waitedMs)}`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = errorCode(cause) ?? errorCode(error);
  if (code !== undefined) return NETWORK_WORDS[code] ?? code;
  return error instanceof Error ? error.message : 'request failed';
}

/** `400 Bad Request: Share already exists`, from a problem+json, a text body or nothing. */
export function describeAnswer(answer: HttpAnswer): string {
  const head = `${answer.status} ${STATUS_CODES[answer.status] ?? 'Unknown'}`;
  let detail = answer.text.trim();
  if (answer.contentType.includes('json')) {
    try {
      const body: unknown = JSON.parse(answer.text);
      if (typeof body === 'object' && body !== null && 'detail' in body) {
        detail = String(body.detail);
        if ('errors' in body && typeof body.errors === 'object' && body.errors !== null)
          detail += ` (${Object.entries(body.errors)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')})`;
      }
    } catch {
      // Not JSON after all: the text itself is the best description.
    }
  }
  if (detail.length > MAX_DETAIL_CHARS) detail = `${detail.slice(0, MAX_DETAIL_CHARS)}...`;
  return detail === '' ? head : `${head}: ${detail}`;
}

function retryable(status: number): boolean {
  return status >= 500 || status === 429;
}

export function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
}

export class Transport {
  constructor(private readonly options: TransportOptions) {}

  get origin(): string {
    return this.options.base.origin;
  }

  /** Sends until an answer that is not worth retrying, or throws at the deadline. */
  async request(method: string, path: string, body?: unknown, token?: string): Promise<HttpAnswer> {
    const { base, deadline, timeoutMs, clock, log } = this.options;
    const url = `${base.href.replace(/\/+$/, '')}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    for (let attempt = 0; ; attempt += 1) {
      const remaining = deadline - clock.now();
      const waitMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, remaining));
      let reason: string;
      try {
        const response = await fetch(url, {
          method,
          headers,
          body: body === undefined ? null : JSON.stringify(body),
          redirect: 'manual',
          signal: AbortSignal.timeout(waitMs),
        });
        const answer: HttpAnswer = {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          text: await response.text(),
        };
        if (!retryable(answer.status)) return answer;
        reason = describeAnswer(answer);
      } catch (error) {
        reason = networkReason(error, waitMs);
      }
      const pause = backoff(attempt);
      if (clock.now() + pause >= deadline)
        throw new ConfigureError(
          `${method} ${base.origin}${path}: ${reason}; gave up after ${formatDuration(timeoutMs)} (--timeout)`,
        );
      log(`${method} ${path}: ${reason}; retrying in ${formatDuration(pause)}`);
      await clock.sleep(pause);
    }
  }
}
