/**
 * The environment the configure program reads, by name. The function's Job builder imports
 * these so the names it writes and the names the program reads cannot drift apart. No value
 * ever goes in desired.json: secrets reach the program only through these variables.
 */

/** Admin user name; defaults to `admin`, the only admin DittoFS v0.29.0 creates. */
export const ADMIN_USERNAME_ENV = 'DITTOFS_ADMIN_USERNAME';
/** Admin password (the `DITTOFS_ADMIN_INITIAL_PASSWORD` the server booted with). Required. */
export const ADMIN_PASSWORD_ENV = 'DITTOFS_ADMIN_PASSWORD';
/**
 * Optional: where the password comes from, in words (`Secret files-admin-bootstrap-credentials
 * key password`), never a value. A refused login names it so an operator knows what to check.
 */
export const ADMIN_SECRET_ENV = 'DITTOFS_ADMIN_SECRET';

/** Connection settings of a `postgres` metadata store, from the Secret the Deployment uses. */
export const POSTGRES_ENV = {
  host: 'DITTOFS_METADATA_POSTGRES_HOST',
  port: 'DITTOFS_METADATA_POSTGRES_PORT',
  database: 'DITTOFS_METADATA_POSTGRES_DATABASE',
  user: 'DITTOFS_METADATA_POSTGRES_USER',
  password: 'DITTOFS_METADATA_POSTGRES_PASSWORD',
  sslmode: 'DITTOFS_METADATA_POSTGRES_SSLMODE',
} as const;

/**
 * The two S3 key variables of remote store `name`: `DITTOFS_REMOTE_<NAME>_ACCESS_KEY_ID` and
 * `..._SECRET_ACCESS_KEY`, the name upper-cased with `-` written as `_`.
 */
export function remoteStoreEnv(name: string): {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
} {
  const stem = `DITTOFS_REMOTE_${name.toUpperCase().replaceAll('-', '_')}`;
  return { accessKeyId: `${stem}_ACCESS_KEY_ID`, secretAccessKey: `${stem}_SECRET_ACCESS_KEY` };
}
