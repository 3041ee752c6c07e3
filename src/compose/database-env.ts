/**
 * How the server finds its control-plane database. DittoFS reads only `DITTOFS_*` env vars
 * (Viper, `.` -> `_`), so PostgreSQL settings arrive as DITTOFS_DATABASE_POSTGRES_*; the
 * `DATABASE_URL` the DittoFS operator injects is never read by the server.
 */
import type { DittoServer } from '../api/parse.js';
import { fromSecret, type EnvVar } from './env.js';

const PREFIX = 'DITTOFS_DATABASE_POSTGRES';

/** The keys Percona (Crunchy) writes into `<cluster>-pguser-<user>`. */
const PERCONA_KEYS = { host: 'host', port: 'port', database: 'dbname', user: 'user' } as const;

/** The variable names of one PostgreSQL connection (the server's, or a metadata store's). */
export type PostgresEnvNames = {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly sslmode: string;
};

const SERVER_NAMES: PostgresEnvNames = {
  host: `${PREFIX}_HOST`,
  port: `${PREFIX}_PORT`,
  database: `${PREFIX}_DATABASE`,
  user: `${PREFIX}_USER`,
  password: `${PREFIX}_PASSWORD`,
  sslmode: `${PREFIX}_SSLMODE`,
};

function percona(secret: string, env: PostgresEnvNames): EnvVar[] {
  return [
    fromSecret(env.host, secret, PERCONA_KEYS.host),
    fromSecret(env.port, secret, PERCONA_KEYS.port),
    fromSecret(env.database, secret, PERCONA_KEYS.database),
    fromSecret(env.user, secret, PERCONA_KEYS.user),
    fromSecret(env.password, secret, 'password'),
    // Percona's pg_hba accepts TLS connections only; the server's default is disable.
    { name: env.sslmode, value: 'require' },
  ];
}

/** The user's Secret: keys host, database, user, password; port and sslmode may be absent. */
function external(secret: string, env: PostgresEnvNames): EnvVar[] {
  return [
    fromSecret(env.host, secret, 'host'),
    fromSecret(env.port, secret, 'port', { optional: true }),
    fromSecret(env.database, secret, 'database'),
    fromSecret(env.user, secret, 'user'),
    fromSecret(env.password, secret, 'password'),
    fromSecret(env.sslmode, secret, 'sslmode', { optional: true }),
  ];
}

/**
 * The control-plane PostgreSQL connection under the variable names `env`, from the Secret
 * the server uses; none for SQLite.
 */
export function postgresEnv(server: DittoServer, env: PostgresEnvNames): EnvVar[] {
  const { database } = server;
  if (database.type === 'sqlite') return [];
  if (database.source === 'percona') return percona(server.names.postgresUserSecret, env);
  return external(database.secretName, env);
}

/** The database env of the dittofs container; none for SQLite (config.yaml has the path). */
export function databaseEnv(server: DittoServer): EnvVar[] {
  if (server.database.type === 'sqlite') return [];
  return [
    { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
    ...postgresEnv(server, SERVER_NAMES),
  ];
}

/**
 * The wait-for-postgres env: where to connect, from the Percona user Secret. No password:
 * pg_isready only checks that the server accepts connections, it does not authenticate.
 */
export function waitForPostgresEnv(server: DittoServer): EnvVar[] {
  const secret = server.names.postgresUserSecret;
  return [
    fromSecret('PGHOST', secret, PERCONA_KEYS.host),
    fromSecret('PGPORT', secret, PERCONA_KEYS.port),
    fromSecret('PGUSER', secret, PERCONA_KEYS.user),
    fromSecret('PGDATABASE', secret, PERCONA_KEYS.database),
  ];
}
