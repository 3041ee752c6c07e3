import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
import type { Secret } from './types.js';

/** `Secret.data`: base64 values, exactly as the API server stores and returns them. */
export type SecretData = Record<string, string>;

/** The key of the generated JWT Secret, read into DITTOFS_CONTROLPLANE_SECRET. */
export const JWT_SECRET_KEY = 'jwt-secret';
/** The key of the generated admin Secret read into DITTOFS_ADMIN_INITIAL_PASSWORD. */
export const ADMIN_PASSWORD_KEY = 'password';

function opaqueSecret(server: DittoServer, name: string, data: SecretData): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: server.namespace, labels: labels(server.name, 'identity') },
    type: 'Opaque',
    data: { ...data },
  };
}

/** Secret `<n>-jwt-secret` with key `jwt-secret`; the caller generates or carries the value. */
export function jwtSecret(server: DittoServer, data: SecretData): Secret {
  return opaqueSecret(server, server.names.jwtSecret, data);
}

/** Secret `<n>-admin-bootstrap-credentials` with keys `username`, `password`. */
export function adminSecret(server: DittoServer, data: SecretData): Secret {
  return opaqueSecret(server, server.names.adminSecret, data);
}
