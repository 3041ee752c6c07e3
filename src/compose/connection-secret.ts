/**
 * The connection Secret `<n>-connection` (api.md §3): what a team needs to use the server,
 * in one place. A legacy XR returns the same values as its connection details, so a
 * claim's `writeConnectionSecretToRef` gets them too.
 */
import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
import { hostPort, type Endpoints } from '../observe/endpoints.js';
import type { IdentitySecret } from '../observe/identity.js';
import { carriedValue } from './generated-values.js';
import { ADMIN_PASSWORD_KEY } from './identity-secrets.js';
import type { Secret } from './types.js';

/** The keys, in the order written; the legacy XRD declares them as connectionSecretKeys. */
export const CONNECTION_KEYS = [
  'api-url',
  'nfs-endpoint',
  'smb-endpoint',
  'shares',
  'username',
  'password',
] as const;

type ConnectionKey = (typeof CONNECTION_KEYS)[number];

/** The admin DittoFS creates; the only user the function knows a password of. */
const USERNAME = 'admin';

/**
 * The connection values. The password only once the generated admin Secret is observed
 * (its value is then the one the server booted with); never when the XR names its own.
 */
export function connectionValues(
  server: DittoServer,
  endpoints: Endpoints,
  admin: IdentitySecret,
): Partial<Record<ConnectionKey, Buffer>> {
  const password = admin.generated ? carriedValue(admin.secret, ADMIN_PASSWORD_KEY) : undefined;
  const text = (value: string) => Buffer.from(value, 'utf8');
  return {
    'api-url': text(`http://${hostPort(endpoints.api)}`),
    ...(endpoints.nfs && { 'nfs-endpoint': text(hostPort(endpoints.nfs)) }),
    ...(endpoints.smb && { 'smb-endpoint': text(hostPort(endpoints.smb)) }),
    shares: text(server.shares.map(({ name }) => name).join(',')),
    username: text(USERNAME),
    ...(password !== undefined && { password: Buffer.from(password, 'base64') }),
  };
}

export function connectionSecret(
  server: DittoServer,
  values: Partial<Record<ConnectionKey, Buffer>>,
): Secret {
  const data = Object.fromEntries(
    CONNECTION_KEYS.flatMap((key) => {
      const value = values[key];
      return value ? [[key, value.toString('base64')]] : [];
    }),
  );
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: server.names.connectionSecret,
      namespace: server.namespace,
      labels: labels(server.name, 'connection'),
    },
    type: 'Opaque',
    data,
  };
}
