/**
 * Values of the Secrets the function generates (JWT signing key, admin bootstrap
 * password). Once a Secret is observed its data is carried over on every call, so the
 * value never changes. Before that, the value is an HMAC of the XR's identity under a
 * key that is random per process: unpredictable to anyone else, yet the same request
 * still gets the same response from the same process.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { DittoServer } from '../api/parse.js';
import { at, text, type Fields } from '../observe/fields.js';
import type { SecretData } from './identity-secrets.js';

let processKey: Buffer | undefined;

/** The per-process key: 32 random bytes, made on first use. */
export function defaultSecretKey(): Buffer {
  processKey ??= randomBytes(32);
  return processKey;
}

/** 32 bytes of HMAC-SHA256 as base64url: 43 characters, above DittoFS's 32-character minimum. */
function derive(secretKey: Buffer, server: DittoServer, purpose: string): string {
  return createHmac('sha256', secretKey)
    .update(`${server.namespace}\0${server.name}\0${purpose}`)
    .digest('base64url');
}

export type GeneratedKey = { readonly key: string; readonly value: (derived: string) => string };

/** Secret data as the API server stores it: standard base64, padded. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The value a generated Secret already holds under `key` (base64, as stored), or undefined
 * when there is none worth keeping: absent, not a string, empty or not base64 is garbage,
 * which is replaced rather than run with.
 */
export function carriedValue(observed: Fields | undefined, key: string): string | undefined {
  const value = text(at(observed, 'data'), key);
  return value !== undefined && value.length > 0 && BASE64.test(value) ? value : undefined;
}

/**
 * `Secret.data` for a generated Secret: each key is carried over from the observed Secret
 * when it holds a value there, otherwise made from `value(derived)` and base64-encoded.
 */
export function generatedSecretData(
  server: DittoServer,
  secretKey: Buffer,
  observed: Fields | undefined,
  keys: readonly GeneratedKey[],
): SecretData {
  const data: SecretData = {};
  for (const { key, value } of keys) {
    data[key] =
      carriedValue(observed, key) ??
      Buffer.from(value(derive(secretKey, server, key))).toString('base64');
  }
  return data;
}
