/**
 * Fields of the DittoFS operator's `DittoServer` (DittoFS v0.29.0,
 * k8s/dittofs-operator/api/v1alpha1/dittoserver_types.go) and of the Kubernetes types it
 * embeds that this function does not implement (api.md §1). Each is declared in the XRD, so
 * the API server keeps it, and refused with a FATAL naming it, so a manifest ported from the
 * operator never loses its authentication or a setting without a word.
 *
 * A value that asks for nothing this function does not already do passes: a false switch,
 * an empty list, an object with `enabled: false`, or the operator's default where it is what
 * this function does (manifests read back from a cluster carry those defaults).
 */
import * as z from './zod.js';

/** Where the function keeps the SQLite control-plane database (src/compose/config-map.ts). */
export const SQLITE_PATH = '/data/controlplane/controlplane.db';
/** Where DittoFS serves metrics (src/compose/config-map.ts). */
export const METRICS_PATH = '/metrics';

/** A declared, refused field: `harmless` values pass. */
export function unsupported<S extends z.ZodType>(
  schema: S,
  what: string,
  harmless: (value: z.output<S>) => boolean = () => false,
) {
  return schema
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined && !harmless(value))
        ctx.addIssue({ code: 'custom', message: `not supported yet: ${what}` });
    })
    .meta({
      description: `Not supported yet: ${what}. Declared so that a manifest written for the DittoFS operator is refused, not silently pruned.`,
    });
}

/** An object whose fields are kept as written; only `enabled` is read. */
const opaqueObject = () =>
  z
    .object({ enabled: z.boolean().optional() })
    .meta({ 'x-kubernetes-preserve-unknown-fields': true });

const switchedOff = (value: { enabled?: boolean | undefined }) => value.enabled === false;

/** An object that is refused unless it says `enabled: false`. */
export const unsupportedFeature = (what: string) =>
  unsupported(opaqueObject(), `${what} (remove it or set enabled: false)`, switchedOff);

/** An object that is refused whatever it holds. */
export const unsupportedObject = (what: string) =>
  unsupported(opaqueObject(), `${what} (remove it)`);

/** A list that is refused unless it is empty. */
export const unsupportedList = (what: string) =>
  unsupported(z.array(opaqueObject()), `${what} (remove it)`, (items) => items.length === 0);

/** A string that is refused unless it is `accepted`, what this function does anyway. */
export const unsupportedUnless = (accepted: string, what: string) =>
  unsupported(
    z.string(),
    `${what} other than ${accepted} (remove it)`,
    (value) => value === accepted,
  );

/** A string that is refused whatever it holds. */
export const unsupportedText = (what: string) => unsupported(z.string(), `${what} (remove it)`);

/** A switch that is refused when on. */
export const unsupportedSwitch = (what: string) =>
  unsupported(z.boolean(), `${what} (remove it or set it to false)`, (value) => !value);

/** The operator's `controlPlane` fields beyond `port`. */
export const controlPlaneFields = {
  tls: unsupportedSwitch('TLS on the REST API'),
  certSecretName: unsupportedText('a TLS certificate for the REST API'),
  clientCASecretName: unsupportedText('mutual TLS on the REST API'),
};

/** The operator's `identity` fields beyond the JWT and admin Secrets. */
export const identityFields = {
  type: unsupportedUnless('memory', 'an identity store'),
  ldap: unsupportedFeature('LDAP identity'),
  kerberos: unsupportedFeature('Kerberos identity'),
};

/** The operator's `identity.jwt` lifetimes; DittoFS's defaults are what the function sets. */
export const jwtFields = {
  accessTokenDuration: unsupportedUnless('15m', 'an access token lifetime'),
  refreshTokenDuration: unsupportedUnless('168h', 'a refresh token lifetime'),
};

/** The operator's `identity.admin.username`; DittoFS names its admin `admin` whatever it says. */
export const adminFields = {
  username: unsupportedUnless('admin', 'an admin user name'),
};

/** The operator's `database` fields beyond `type` and the Secret's name. */
export const databaseFields = {
  sqlite: unsupported(
    z.object({ path: z.string().optional() }),
    `a SQLite path other than ${SQLITE_PATH} (remove it)`,
    ({ path }) => path === undefined || path === SQLITE_PATH,
  ),
};

/** The operator's `postgresSecretRef` is a SecretKeySelector pointing at a connection string. */
export const postgresSecretRefFields = {
  key: unsupportedText(
    'a connection-string key: the Secret must hold the keys host, database, user, password and optionally port, sslmode',
  ),
  optional: unsupportedSwitch('an optional Secret'),
};

/** The operator's `metrics` fields beyond `enabled` and `port`. */
export const metricsFields = {
  path: unsupportedUnless(METRICS_PATH, 'a metrics path'),
  bearerTokenSecret: unsupportedObject('metrics behind a bearer token'),
  serviceMonitor: unsupportedFeature('a ServiceMonitor'),
};

/** The operator's `logging.output`: DittoFS logs to stdout here, where kubectl reads it. */
export const loggingFields = {
  output: unsupportedUnless('stdout', 'a log output'),
};

/** Top-level operator fields with no counterpart in this function. */
export const topLevelFields = {
  adapterDiscovery: unsupported(
    z.object({ pollingInterval: z.string().optional() }),
    'adapter polling other than the default 30s: the function configures adapters from spec.adapters (remove it)',
    ({ pollingInterval }) => pollingInterval === undefined || pollingInterval === '30s',
  ),
  snapshotPolicies: unsupportedList('snapshot policies'),
};
