/**
 * The secrets and connection settings the program reads from its environment (names in
 * env-names.ts), checked once before any call so a missing one fails fast, by name only.
 */
import type { Desired } from './desired.js';
import {
  ADMIN_PASSWORD_ENV,
  ADMIN_SECRET_ENV,
  ADMIN_USERNAME_ENV,
  POSTGRES_ENV,
  remoteStoreEnv,
} from './env-names.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type S3Keys = { readonly accessKeyId: string; readonly secretAccessKey: string };

/** What a `postgres` metadata store is configured with (DittoFS's own keys and defaults). */
export type PostgresSettings = {
  readonly host: string;
  /** Sent as a JSON number: DittoFS ignores a string. Default 5432, DittoFS's own. */
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** Absent: DittoFS's default, `disable`. */
  readonly sslmode: string | undefined;
};

export type Credentials = {
  readonly username: string;
  readonly password: string;
  /** Where the password comes from, in words (DITTOFS_ADMIN_SECRET), for a refused login. */
  readonly passwordSource: string;
  readonly remote: ReadonlyMap<string, S3Keys>;
  readonly postgres: PostgresSettings | undefined;
  /** Every secret value, so no output line can carry one. */
  readonly secrets: readonly string[];
};

/** The admin DittoFS v0.29.0 creates; the server has no other admin name. */
export const DEFAULT_ADMIN_USERNAME = 'admin';
/** DittoFS's own default PostgreSQL port. */
export const DEFAULT_POSTGRES_PORT = 5432;
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export type ReadCredentials =
  { ok: true; credentials: Credentials } | { ok: false; message: string };

/** Reads what `desired` needs; a failure names variables, never a value. */
export function readCredentials(env: Env, desired: Desired): ReadCredentials {
  const missing: string[] = [];
  const problems: string[] = [];
  const get = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') missing.push(name);
    return value ?? '';
  };
  const password = get(ADMIN_PASSWORD_ENV);
  const remote = new Map<string, S3Keys>();
  for (const store of desired.stores.remote) {
    const names = remoteStoreEnv(store.name);
    remote.set(store.name, {
      accessKeyId: get(names.accessKeyId),
      secretAccessKey: get(names.secretAccessKey),
    });
  }
  let postgres: PostgresSettings | undefined;
  if (desired.stores.metadata.some((store) => store.type === 'postgres')) {
    const host = get(POSTGRES_ENV.host);
    const database = get(POSTGRES_ENV.database);
    const user = get(POSTGRES_ENV.user);
    const pgPassword = get(POSTGRES_ENV.password);
    const portText = env[POSTGRES_ENV.port] ?? '';
    const port = portText === '' ? DEFAULT_POSTGRES_PORT : Number(portText);
    if (!/^\d{1,5}$/.test(portText || '0') || port < 1 || port > 65535)
      problems.push(`${POSTGRES_ENV.port} must be a port number (1-65535)`);
    const sslmode = env[POSTGRES_ENV.sslmode] ?? '';
    if (sslmode !== '' && !SSL_MODES.includes(sslmode))
      problems.push(`${POSTGRES_ENV.sslmode} must be one of ${SSL_MODES.join(', ')}`);
    postgres = {
      host,
      port,
      database,
      user,
      password: pgPassword,
      sslmode: sslmode === '' ? undefined : sslmode,
    };
  }
  if (missing.length > 0)
    problems.unshift(
      `missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  const keys = [...remote.values()].flatMap((k) => [k.accessKeyId, k.secretAccessKey]);
  const username = env[ADMIN_USERNAME_ENV] ?? '';
  const source = env[ADMIN_SECRET_ENV] ?? '';
  return {
    ok: true,
    credentials: {
      username: username === '' ? DEFAULT_ADMIN_USERNAME : username,
      password,
      passwordSource: source === '' ? ADMIN_PASSWORD_ENV : source,
      remote,
      postgres,
      secrets: [password, ...keys, ...(postgres ? [postgres.password] : [])],
    },
  };
}
