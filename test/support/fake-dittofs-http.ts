/**
 * The wire shapes of the fake DittoFS (fake-dittofs.ts): handler errors as RFC 7807
 * problem+json, middleware and router errors as text/plain (Go's `http.Error`, chi's
 * defaults), and Go's JSON body decoding (unknown keys ignored, a wrong type refused).
 */
import { STATUS_CODES } from 'node:http';

export type FakeResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
};

export type FakeRequest = {
  readonly method: string;
  /** Path without query, one trailing slash removed (chi routes `/x` and `/x/` alike). */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
};

/** `handlers/problem.go`: `{type, title, status, detail}`. */
export function problem(status: number, detail: string): FakeResponse {
  const body = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}

/** Go's `http.Error`: the message and a newline, text/plain. */
export function plainError(status: number, message: string): FakeResponse {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
    },
    body: `${message}\n`,
  };
}

export function json(status: number, value: unknown): FakeResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** chi's default NotFound (`http.NotFound`). */
export const NOT_FOUND = plainError(404, '404 page not found');

/** chi v5.1's default MethodNotAllowed: an Allow header and no body. */
export function methodNotAllowed(allowed: readonly string[]): FakeResponse {
  return { status: 405, headers: { allow: allowed.join(', ') }, body: '' };
}

/** `decodeJSONBody`'s cap (helpers.go). */
export const MAX_BODY_BYTES = 1 << 20;

export type Decoded =
  | { readonly ok: true; readonly body: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly response: FakeResponse };

type FieldType = 'string' | 'boolean' | 'int' | 'object' | 'strings';
export type BodyShape = Readonly<Record<string, FieldType>>;

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
      return Number.isInteger(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

/**
 * Decodes a request body the way Go decodes it into a struct of `shape`: unknown keys are
 * ignored, `null` leaves a field unset, a value of the wrong type (or no JSON object at all)
 * is 400 `Invalid request body`. Returns the known, set fields.
 */
export function decode(request: FakeRequest, shape: BodyShape): Decoded {
  const refused = (response: FakeResponse): Decoded => ({ ok: false, response });
  if (Buffer.byteLength(request.rawBody) > MAX_BODY_BYTES)
    return refused(problem(413, 'request body exceeds the 1 MiB limit'));
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return refused(problem(400, 'Invalid request body'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return refused(problem(400, 'Invalid request body'));
  const known: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(shape)) {
    const value = (body as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (!fits(value, type)) return refused(problem(400, 'Invalid request body'));
    known[key] = value;
  }
  return { ok: true, body: known };
}
