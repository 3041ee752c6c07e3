/**
 * The two identity Secrets the server reads at start: the JWT signing key and the initial
 * admin password. Each comes from the XR's own Secret (`spec.identity`) or from the one the
 * function generates; either way Crossplane fetches it by name (required resources), so a
 * function restart or a lost resource reference cannot make the function forget it. Values
 * are only measured here, never kept: messages name the Secret and key.
 */
import type { DittoServer } from '../api/parse.js';
import { carriedValue } from '../compose/generated-values.js';
import { ADMIN_PASSWORD_KEY, JWT_SECRET_KEY } from '../compose/identity-secrets.js';
import { at, text, type Fields } from './fields.js';

/** Where one identity value lives, and what is known of it. */
export type IdentitySecret = {
  readonly secretName: string;
  readonly key: string;
  /** The Secret is the function's own (`<n>-jwt-secret`, `<n>-admin-bootstrap-credentials`). */
  readonly generated: boolean;
  /** The Secret as observed or fetched; undefined when it does not exist (yet). */
  readonly secret: Fields | undefined;
  /** Why DittoFS would refuse it, naming Secret and key; undefined when it is fine. */
  readonly problem: string | undefined;
};

export type Identity = { readonly jwt: IdentitySecret; readonly admin: IdentitySecret };

/** DittoFS refuses to start with a shorter JWT key (pkg/controlplane/api/config.go). */
export const JWT_MIN_BYTES = 32;
/** DittoFS's admin password bounds (pkg/controlplane/models/credential.go, bcrypt's 72). */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

type SecretKey = { readonly name: string; readonly key: string };
type Bounds = { readonly min: number; readonly max?: number; readonly what: string };

function bytesAt(secret: Fields, key: string): number | undefined {
  const encoded = text(at(secret, 'data'), key);
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').length;
}

function problem(
  secret: Fields | undefined,
  name: string,
  key: string,
  bounds: Bounds,
): string | undefined {
  if (!secret) return `Secret ${name} was not found`;
  const length = bytesAt(secret, key);
  if (length === undefined) return `Secret ${name} has no key ${key}`;
  const { min, max, what } = bounds;
  if (length >= min && (max === undefined || length <= max)) return undefined;
  const range = max === undefined ? `at least ${min}` : `${min} to ${max}`;
  return `Secret ${name} key ${key} must hold ${what} of ${range} characters`;
}

function identitySecret(
  ref: SecretKey,
  generated: boolean,
  secret: Fields | undefined,
  bounds: Bounds,
): IdentitySecret {
  return {
    secretName: ref.name,
    key: ref.key,
    generated,
    secret,
    // A generated value that is not there (or is garbage) is made now, and is valid; one
    // that is there is carried over as it is, so it is checked like any other.
    problem:
      generated && carriedValue(secret, ref.key) === undefined
        ? undefined
        : problem(secret, ref.name, ref.key, bounds),
  };
}

/** Which Secret key holds each identity value: the XR's own, or the function's. */
export function identityRefs(server: DittoServer): { jwt: SecretKey; admin: SecretKey } {
  const { jwt, admin } = server.spec.identity;
  return {
    jwt: jwt?.secretRef ?? { name: server.names.jwtSecret, key: JWT_SECRET_KEY },
    admin: admin?.passwordSecretRef ?? { name: server.names.adminSecret, key: ADMIN_PASSWORD_KEY },
  };
}

/** `found`: each identity Secret as observed or fetched by name; undefined when absent. */
export function readIdentity(
  server: DittoServer,
  found: { readonly jwt: Fields | undefined; readonly admin: Fields | undefined },
): Identity {
  const { jwt, admin } = server.spec.identity;
  const refs = identityRefs(server);
  return {
    jwt: identitySecret(refs.jwt, !jwt, found.jwt, {
      min: JWT_MIN_BYTES,
      what: 'a JWT signing key',
    }),
    admin: identitySecret(refs.admin, !admin, found.admin, {
      min: PASSWORD_MIN_BYTES,
      max: PASSWORD_MAX_BYTES,
      what: 'an admin password',
    }),
  };
}
