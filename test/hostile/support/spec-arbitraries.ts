/**
 * fast-check arbitraries for VALID DittoServer specs: every field of api.md §2 is present or
 * absent, with values across its whole accepted range, and names up to the derived-name
 * limits. Cross-field rules (distinct ports, a database the Percona switch allows, backup
 * settings from the spec or the Input) hold by construction.
 */
import fc from 'fast-check';
import { quantityValue } from '../../../src/api/quantity.js';
import { MAX_NAME_LENGTH, MAX_NAME_LENGTH_WITH_PERCONA } from '../../../src/names.js';
import type { Json, JsonObject } from '../../fixtures/xr.js';
import { dnsLabel, region, secretKey, someOf, subdomain } from './name-arbitraries.js';
import { storesAndShares } from './store-arbitraries.js';

const storageSize = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 4096 }),
      fc.constantFrom('Ki', 'Mi', 'Gi', 'Ti', 'k', 'M', 'G', ''),
    )
    .map(([count, suffix]) => `${count}${suffix}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 99 }),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom('Gi', 'Mi'),
    )
    .map(([whole, tenth, suffix]) => `${whole}.${tenth}${suffix}`),
  fc.integer({ min: 3, max: 12 }).map((exponent) => `1e${exponent}`),
);

const resourceQuantity: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: 0, max: 64 }),
  fc.constantFrom('500m', '100m', '1', '0.5', '256Mi', '1Gi', '1.5Gi', '2G', '1e3'),
);
const resourceList = fc.dictionary(
  fc.constantFrom('cpu', 'memory', 'ephemeral-storage'),
  resourceQuantity,
  { maxKeys: 3 },
);
const size = (quantity: Json | undefined) =>
  typeof quantity === 'string' ? (quantityValue(quantity) ?? 0) : Number(quantity);

/** Limits and requests, every request at most its limit (the API server's rule). */
const resources = fc
  .tuple(someOf({ limits: resourceList, requests: resourceList }), fc.boolean())
  .map(([{ limits, requests }, claims]) => ({
    ...(limits === undefined ? {} : { limits }),
    ...(requests === undefined
      ? {}
      : {
          requests: Object.fromEntries(
            Object.entries(requests).map(([name, quantity]) => {
              const limit = limits?.[name];
              return [name, limit !== undefined && size(quantity) > size(limit) ? limit : quantity];
            }),
          ),
        }),
    // An empty list of claims asks for nothing, so it is accepted.
    ...(claims ? { claims: [] } : {}),
  }));

/** `name` or `prefix/name` (a qualified name), the form of annotation keys. */
const annotationKey = fc.oneof(
  fc.constantFrom('example.com/team', 'metallb.universe.tf/address-pool', 'note'),
  fc
    .tuple(
      fc.option(subdomain, { nil: undefined }),
      fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/),
    )
    .map(([prefix, name]) => (prefix === undefined ? name : `${prefix}/${name}`)),
);
const annotations = fc.dictionary(annotationKey, fc.string({ maxLength: 30 }), { maxKeys: 3 });
const serviceType = fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer');
const service = someOf({ type: serviceType, annotations });
const secretKeyRef = fc
  .tuple(fc.record({ name: subdomain, key: secretKey }), fc.boolean())
  .map(([ref, optional]) => (optional ? { ...ref, optional: false } : ref));
const id = fc.integer({ min: 0, max: 2147483647 });
const seccompProfile = fc.oneof(
  fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Unconfined' }),
  fc.record({
    type: fc.constant('Localhost'),
    localhostProfile: fc.constant('profiles/dittofs.json'),
  }),
);
const seLinuxOptions = someOf({
  level: fc.constant('s0:c123,c456'),
  role: fc.constant('object_r'),
  type: fc.constant('svirt_sandbox_file_t'),
  user: fc.constant('system_u'),
});

const securityContext = someOf({
  allowPrivilegeEscalation: fc.boolean(),
  capabilities: someOf({
    add: fc.subarray(['NET_BIND_SERVICE', 'CHOWN']),
    drop: fc.subarray(['ALL', 'NET_RAW']),
  }),
  privileged: fc.boolean(),
  readOnlyRootFilesystem: fc.boolean(),
  runAsGroup: id,
  runAsNonRoot: fc.boolean(),
  runAsUser: id,
  seLinuxOptions,
  seccompProfile,
  procMount: fc.constant('Default'),
});

const podSecurityContext = someOf({
  fsGroup: id,
  fsGroupChangePolicy: fc.constantFrom('OnRootMismatch', 'Always'),
  runAsGroup: id,
  runAsNonRoot: fc.boolean(),
  runAsUser: id,
  seLinuxOptions,
  seccompProfile,
  supplementalGroups: fc.array(id, { maxLength: 3 }),
  sysctls: fc.constant([]),
  supplementalGroupsPolicy: fc.constant('Merge'),
});

const CRONS = [
  '0 2 * * *',
  '*/15 * * * *',
  '0 0 * * SUN',
  '30 3 1-7 * MON-FRI',
  '0 1,13 * * *',
  '5 4 * JAN,JUL *',
  '0 0 1 */3 *',
  '@daily',
  '@hourly',
  '@weekly',
  'TZ=UTC 0 3 * * *',
  '*-5 * * * *',
];
const cron = fc.oneof(
  fc.constantFrom(...CRONS),
  fc
    .tuple(
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([minute, hour, weekday]) => `${minute} ${hour} * * ${weekday}`),
);
/** Everything that does not depend on another field. */
const independent = someOf({
  image: fc.constantFrom('registry.example/dittofs:v1', 'marmos91c/dittofs@sha256:0123abcd'),
  replicas: fc.constantFrom(0, 1),
  resources,
  service,
  adapterServices: service,
  identity: someOf({
    jwt: fc.record({ secretRef: secretKeyRef }),
    admin: fc.record({ passwordSecretRef: secretKeyRef }),
    // The DittoFS operator's fields, with the values that ask for nothing unsupported.
    type: fc.constant('memory'),
    ldap: fc.constant({ enabled: false, url: 'ldaps://dc.example.com', baseDN: 'dc=example' }),
    kerberos: fc.constant({ enabled: false }),
  }),
  logging: someOf({
    level: fc.constantFrom('DEBUG', 'INFO', 'WARN', 'ERROR'),
    format: fc.constantFrom('text', 'json'),
    output: fc.constant('stdout'),
  }),
  terminationGracePeriodSeconds: fc.integer({ min: 36, max: 86400 }),
  securityContext,
  podSecurityContext,
  networkPolicy: someOf({ enabled: fc.boolean() }),
  deletionProtection: fc.boolean(),
  adapterDiscovery: someOf({ pollingInterval: fc.constant('30s') }),
  snapshotPolicies: fc.constant([]),
});

export const storage = fc.record(
  {
    metadataSize: storageSize,
    contentSize: storageSize,
    controlPlaneSize: storageSize,
    storageClassName: subdomain,
  },
  { requiredKeys: ['metadataSize'] },
);

/** A port the spec sets, or undefined to leave the default. */
const maybePort = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const port = (value: number | undefined) => (value === undefined ? {} : { port: value });

/** controlPlane, adapters and metrics, never two enabled ones (nor the adapters) on one port. */
const ports = fc
  .record({
    api: maybePort,
    nfs: maybePort,
    smb: maybePort,
    metrics: maybePort,
    nfsOn: fc.boolean(),
    smbOn: fc.boolean(),
    metricsOn: fc.boolean(),
  })
  .filter(({ api, nfs, smb, metrics, nfsOn, smbOn, metricsOn }) => {
    const used = [
      api ?? 8080,
      ...(nfsOn ? [nfs ?? 12049] : []),
      ...(smbOn ? [smb ?? 12445] : []),
      ...(metricsOn ? [metrics ?? 9090] : []),
    ];
    // DittoFS keeps a disabled adapter's port: NFS and SMB always differ.
    return new Set(used).size === used.length && (nfs ?? 12049) !== (smb ?? 12445);
  })
  .map(({ api, nfs, smb, metrics, nfsOn, smbOn, metricsOn }) => ({
    controlPlane: { ...port(api), tls: false },
    adapters: { nfs: { enabled: nfsOn, ...port(nfs) }, smb: { enabled: smbOn, ...port(smb) } },
    metrics: { enabled: metricsOn, ...port(metrics), serviceMonitor: { enabled: false } },
  }));

const externalSecret = fc.record({ name: subdomain });

function database(percona: boolean): fc.Arbitrary<JsonObject | undefined> {
  const external = externalSecret.map((postgresSecretRef) => ({ postgresSecretRef }));
  return percona
    ? fc.oneof(fc.constant(undefined), fc.constant({ type: 'postgres' }), external)
    : fc.oneof(
        fc.constant(undefined),
        fc.constant({ type: 'sqlite' }),
        external,
        external.map((db) => ({ ...db, type: 'postgres' })),
      );
}

export type SpecParts = {
  readonly percona: boolean;
  readonly independent: JsonObject;
  readonly storage: JsonObject;
  readonly ports: JsonObject;
  readonly database: JsonObject | undefined;
  /** `stores` and `shares`, when the spec sets them. */
  readonly data: JsonObject;
};

/** The spec without its backup block; the backup block depends on the Input (scenario.ts). */
export const specParts: fc.Arbitrary<SpecParts> = fc
  .boolean()
  .chain((percona) => fc.tuple(fc.constant(percona), database(percona)))
  .chain(([percona, db]) =>
    fc.record({
      percona: fc.constant(percona),
      independent,
      storage,
      ports,
      database: fc.constant(db),
      data: storesAndShares(percona || db?.postgresSecretRef !== undefined),
    }),
  );

/** `<n>-postgres-restore-<name>` fits in 63 for every XR name up to the Percona limit. */
const RESTORE_NAME_LENGTH = 63 - MAX_NAME_LENGTH_WITH_PERCONA - '-postgres-restore-'.length;

/** Restore and bootstrap settings; valid only with Percona and backups on (scenario.ts). */
export const perconaLifecycle = someOf({
  restore: fc.oneof(
    dnsLabel(RESTORE_NAME_LENGTH).map((name) => ({ name })),
    dnsLabel(RESTORE_NAME_LENGTH).map((name) => ({ name, type: 'latest' })),
    fc
      .tuple(
        dnsLabel(RESTORE_NAME_LENGTH),
        fc.constantFrom('2026-05-01T02:30:00Z', '2026-01-31T23:59:59.5+02:00'),
      )
      .map(([name, target]) => ({ name, type: 'time', target })),
  ),
  bootstrapFrom: fc
    .constantFrom('/pgbackrest/team-a/files/repo1', '/pgbackrest/old/demo/repo1')
    .map((repoPath) => ({ repoPath })),
});

/** Percona settings other than `enabled` and `backup`. */
export const perconaSettings = someOf({
  deleteWithServer: fc.boolean(),
  postgresVersion: fc.integer({ min: 13, max: 18 }),
  replicas: fc.integer({ min: 1, max: 5 }),
  storageSize,
  storageClassName: subdomain,
  databaseName: fc.stringMatching(/^[a-z_][a-z0-9_]{0,62}$/),
  pgBouncer: someOf({ replicas: fc.integer({ min: 0, max: 3 }) }),
  resources,
});

/** Backup settings other than `enabled` and the three that may come from the Input. */
export const backupSettings = someOf({
  region,
  uriStyle: fc.constantFrom('path', 'host'),
  verifyTLS: fc.boolean(),
  fullSchedule: cron,
  incrSchedule: cron,
  retentionDays: fc.integer({ min: 1, max: 9999999 }),
});

/** The XR name, up to the limit its derived names allow. */
export const xrName = (percona: boolean) =>
  dnsLabel(percona ? MAX_NAME_LENGTH_WITH_PERCONA : MAX_NAME_LENGTH);
