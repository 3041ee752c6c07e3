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

function percona(secret: string): EnvVar[] {
  return [
    { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
    fromSecret(`${PREFIX}_HOST`, secret, PERCONA_KEYS.host),
    fromSecret(`${PREFIX}_PORT`, secret, PERCONA_KEYS.port),
    fromSecret(`${PREFIX}_DATABASE`, secret, PERCONA_KEYS.database),
    fromSecret(`${PREFIX}_USER`, secret, PERCONA_KEYS.user),
    fromSecret(`${PREFIX}_PASSWORD`, secret, 'password'),
    // Percona's pg_hba accepts TLS connections only; the server's default is disable.
    { name: `${PREFIX}_SSLMODE`, value: 'require' },
  ];
}

/** The user's Secret: keys host, database, user, password; port and sslmode may be absent. */
function external(secret: string): EnvVar[] {
  return [
    { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
    fromSecret(`${PREFIX}_HOST`, secret, 'host'),
    fromSecret(`${PREFIX}_PORT`, secret, 'port', { optional: true }),
    fromSecret(`${PREFIX}_DATABASE`, secret, 'database'),
    fromSecret(`${PREFIX}_USER`, secret, 'user'),
    fromSecret(`${PREFIX}_PASSWORD`, secret, 'password'),
    fromSecret(`${PREFIX}_SSLMODE`, secret, 'sslmode', { optional: true }),
  ];
}

/** The database env of the dittofs container; none for SQLite (config.yaml has the path). */
export function databaseEnv(server: DittoServer): EnvVar[] {
  const { database } = server;
  if (database.type === 'sqlite') return [];
  if (database.source === 'percona') return percona(server.names.postgresUserSecret);
  return external(database.secretName);
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
