import type { DittoServer } from '../api/parse.js';
import type { KubeObject } from './types.js';

/** `Secret.data`: base64 values, exactly as the API server stores and returns them. */
export type SecretData = Record<string, string>;

/** STUB (helper B): Secret `<n>-jwt-secret` with key `jwt-secret`. */
export function jwtSecret(_server: DittoServer, _data: SecretData): KubeObject {
  throw new Error('not implemented');
}

/** STUB (helper B): Secret `<n>-admin-bootstrap-credentials` with keys `username`, `password`. */
export function adminSecret(_server: DittoServer, _data: SecretData): KubeObject {
  throw new Error('not implemented');
}
