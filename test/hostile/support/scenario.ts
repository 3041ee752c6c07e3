/**
 * A whole valid request scenario: XR (modern or legacy), spec, Input, and the backup
 * credentials Crossplane returns on each reconcile (plain keys, a .conf file, missing,
 * broken, or not answered yet). Every secret value planted in the request is listed, so a
 * test can look for it in the response.
 */
import fc from 'fast-check';
import { INPUT_API_VERSION } from '../../../src/api/input.js';
import { CLAIM_NAMESPACE_LABEL } from '../../../src/names.js';
import type { JsonObject } from '../../fixtures/xr.js';
import {
  bucket,
  dnsLabel,
  endpoint,
  region,
  secretKey,
  someOf,
  subdomain,
} from './name-arbitraries.js';
import {
  backupSettings,
  perconaLifecycle,
  perconaSettings,
  specParts,
  xrName,
} from './spec-arbitraries.js';

export type CredentialsRef = {
  readonly name: string;
  readonly accessKeyIdKey: string;
  readonly secretAccessKeyKey: string;
};

export type Scenario = {
  readonly xr: JsonObject;
  /** Where the composed objects live: the XR's namespace or its claim's. */
  readonly namespace: string;
  readonly input: JsonObject | undefined;
  /** The credentials Secret the function asks for once backups are on. */
  readonly credentialsRef: CredentialsRef;
};

/** Where a backup setting comes from: the spec, the Input defaults, or both (spec wins). */
const source = fc.constantFrom('spec', 'input', 'both');

const refArbitrary = someOf({ accessKeyIdKey: secretKey, secretAccessKeyKey: secretKey }).chain(
  (keys) => fc.record({ name: subdomain }).map((named) => ({ ...named, ...keys })),
);

const backupParts = fc.record({
  enabled: fc.boolean(),
  settings: backupSettings,
  bucket: fc.tuple(bucket, bucket, source),
  endpoint: fc.tuple(endpoint, endpoint, source),
  ref: fc.tuple(refArbitrary, refArbitrary, source),
  inputRegion: fc.option(region, { nil: undefined }),
});

const image = fc.constantFrom(
  'registry.example/percona/postgres:17',
  'mirror.internal:5000/percona-pgbouncer:1.25.0-1',
  'docker.io/percona/percona-pgbackrest:2.57.0-1',
);
const inputBase = someOf({
  apiVersion: fc.constant(INPUT_API_VERSION),
  kind: fc.constant('Input'),
  images: someOf({
    dittofs: image,
    postgres: someOf({
      '13': image,
      '14': image,
      '15': image,
      '16': image,
      '17': image,
      '18': image,
    }),
    pgBouncer: image,
    pgBackRest: image,
  }),
  percona: someOf({
    crVersion: fc.tuple(fc.nat(9), fc.nat(20), fc.nat(20)).map((parts) => parts.join('.')),
  }),
  ttl: fc.constantFrom('60s', '1m30s', '2h', '0s', '45s'),
});

type Placed<T> = { spec?: T; input?: T };

/** A backup setting from where `from` says; disabled backups may still carry it in the spec. */
function place<T>([inSpec, inInput, from]: [T, T, string], enabled: boolean): Placed<T> {
  if (!enabled) return from === 'spec' ? { spec: inSpec } : {};
  if (from === 'spec') return { spec: inSpec };
  if (from === 'input') return { input: inInput };
  return { spec: inSpec, input: inInput };
}

const DEFAULT_KEYS = {
  accessKeyIdKey: 'AWS_ACCESS_KEY_ID',
  secretAccessKeyKey: 'AWS_SECRET_ACCESS_KEY',
};

const only = <T>(key: string, value: T | undefined) =>
  value === undefined ? {} : { [key]: value };

const scenarioParts = fc.record({
  parts: specParts,
  percona: perconaSettings,
  lifecycle: perconaLifecycle,
  writePercona: fc.boolean(),
  backup: backupParts,
  input: inputBase,
  storageClassDefault: fc.option(subdomain, { nil: undefined }),
  sendInput: fc.boolean(),
  legacy: fc.boolean(),
  namespace: dnsLabel(63),
});

type ScenarioParts = (typeof scenarioParts extends fc.Arbitrary<infer T> ? T : never) & {
  readonly name: string;
};

/** The backup block of the spec and the Input defaults that complete it. */
function backupSources(backup: ScenarioParts['backup']) {
  const bucketAt = place(backup.bucket, backup.enabled);
  const endpointAt = place(backup.endpoint, backup.enabled);
  const refAt = place(backup.ref, backup.enabled);
  return {
    spec: {
      enabled: backup.enabled,
      ...backup.settings,
      ...only('bucket', bucketAt.spec),
      ...only('endpoint', endpointAt.spec),
      ...only('credentialsSecretRef', refAt.spec),
    },
    defaults: {
      ...only('bucket', bucketAt.input),
      ...only('endpoint', endpointAt.input),
      ...only('credentialsSecretRef', refAt.input),
      ...only('region', backup.inputRegion),
    },
    ref: { ...DEFAULT_KEYS, ...(refAt.spec ?? refAt.input ?? backup.ref[0]) },
  };
}

function toScenario(parts: ScenarioParts): Scenario {
  const { name, namespace, legacy, storageClassDefault } = parts;
  const backup = backupSources(parts.backup);
  const defaults = { ...only('storageClassName', storageClassDefault), backup: backup.defaults };
  const needsInput = Object.keys(backup.defaults).length > 0 || storageClassDefault !== undefined;
  const percona = parts.parts.percona || parts.writePercona;
  // Restores and bootstraps read repo1: only with Percona and backups on.
  const lifecycle = parts.parts.percona && parts.backup.enabled ? parts.lifecycle : {};
  const spec: JsonObject = {
    ...parts.parts.independent,
    storage: parts.parts.storage,
    ...parts.parts.ports,
    ...only('database', parts.parts.database),
    ...parts.parts.data,
    ...(percona
      ? {
          percona: {
            enabled: parts.parts.percona,
            ...parts.percona,
            ...lifecycle,
            backup: backup.spec,
          },
        }
      : {}),
  };
  const metadata: JsonObject = legacy
    ? { name, labels: { 'crossplane.io/claim-name': name, [CLAIM_NAMESPACE_LABEL]: namespace } }
    : { name, namespace };
  return {
    xr: {
      apiVersion: 'storage.dittofs.com/v1alpha1',
      kind: legacy ? 'XDittoServer' : 'DittoServer',
      metadata: { ...metadata, uid: '9d1c4b6e-0000-4000-8000-000000000001', generation: 1 },
      spec,
    },
    input: needsInput || parts.sendInput ? { ...parts.input, defaults } : undefined,
    namespace,
    credentialsRef: backup.ref,
  };
}

/**
 * Valid scenarios. `perconaNames` keeps every XR name within the Percona limit, as it must
 * be for a PerconaPGCluster to exist under the `postgres` key (the function never composes
 * one for a longer name), so garbage observations can hold one whatever the spec says.
 */
export const scenarios = ({ perconaNames }: { readonly perconaNames: boolean }) =>
  scenarioParts
    .chain((parts) =>
      xrName(parts.parts.percona || perconaNames).map((name) => ({ ...parts, name })),
    )
    .map(toScenario);

export const scenario = scenarios({ perconaNames: false });
