import { describe, expect, it } from 'vitest';
import { parseDittoServer } from '../../src/api/parse.js';
import { BACKUP_SPEC, legacyXr, server, xr, type Overrides } from '../fixtures/xr.js';

describe('parseDittoServer rejects bad input with one line naming every field', () => {
  const cases: { reason: string; xr: unknown; input?: unknown; want: string }[] = [
    {
      reason: 'several wrong fields are all named, in schema order',
      xr: xr({ replicas: 2, storage: { metadataSize: 'lots' }, percona: { replicas: 9 } }),
      want: 'invalid DittoServer: spec.replicas: must be at most 1; spec.storage.metadataSize: must be a Kubernetes quantity such as 10Gi or 500m; spec.percona.replicas: must be at most 5',
    },
    {
      reason: 'a missing required field says required',
      xr: { ...xr(), spec: { storage: {} } },
      want: 'invalid DittoServer: spec.storage.metadataSize: required',
    },
    {
      reason: 'a spec that is not an object',
      xr: { ...xr(), spec: 'big' },
      want: 'invalid DittoServer: spec: must be an object, not a string',
    },
    {
      reason: 'a legacy XR without a claim namespace',
      xr: legacyXr(),
      want: 'invalid DittoServer: metadata.namespace: a cluster-scoped XR needs the crossplane.io/claim-namespace label (create it through a claim)',
    },
    {
      reason: 'a name too long for Percona',
      xr: xr({ percona: { enabled: true } }, { name: 'a-name-that-is-29-characters' + 'x' }),
      want: 'invalid DittoServer: metadata.name: must be at most 28 characters (got 29): Percona limits the cluster name <name>-postgres plus its instance name instance1 to 46 characters',
    },
    {
      reason: 'backup enabled without bucket, endpoint or credentials',
      xr: xr({ percona: { enabled: true, backup: { enabled: true } } }),
      want: 'invalid DittoServer: spec.percona.backup.credentialsSecretRef: required when backup is enabled (the function Input sets no default); spec.percona.backup.bucket: required when backup is enabled (the function Input sets no default); spec.percona.backup.endpoint: required when backup is enabled (the function Input sets no default)',
    },
    {
      reason: 'an http endpoint is refused',
      xr: xr({
        percona: { enabled: true, backup: { ...BACKUP_SPEC, endpoint: 'http://minio:9000' } },
      }),
      want: 'invalid DittoServer: spec.percona.backup.endpoint: http:// is not supported: pgBackRest 2.57 talks to S3 over HTTPS only',
    },
    {
      reason: 'an invalid Input is reported under input.',
      xr: xr(),
      input: { images: { dittofs: 3 }, ttl: 'soon' },
      want: 'invalid DittoServer: input.images.dittofs: must be a string, not a number; input.ttl: must be a duration such as 60s or 1m30s',
    },
    {
      reason: 'two adapters on one port',
      xr: xr({ adapters: { smb: { enabled: true, port: 12049 } } }),
      want: 'invalid DittoServer: spec.adapters.smb.port: port 12049 is already used by spec.adapters.nfs.port',
    },
    {
      reason: 'postgres without Percona needs a Secret',
      xr: xr({ database: { type: 'postgres' } }),
      want: 'invalid DittoServer: spec.database.postgresSecretRef: required when spec.database.type is postgres and spec.percona.enabled is false',
    },
    {
      reason: 'sqlite contradicts Percona',
      xr: xr({ database: { type: 'sqlite' }, percona: { enabled: true } }),
      want: 'invalid DittoServer: spec.database.type: must be postgres (or unset) when spec.percona.enabled is true',
    },
    {
      reason: 'no XR at all',
      xr: undefined,
      want: 'invalid DittoServer: the request holds no observed composite resource',
    },
  ];
  it.each(cases)('$reason', ({ xr: observed, input, want }) => {
    expect(parseDittoServer(observed, input)).toEqual({ ok: false, message: want });
  });
});

describe('parseDittoServer finds the target namespace', () => {
  it('uses the claim namespace of a legacy XR', () => {
    const parsed = parseDittoServer(legacyXr({}, 'team-b'), undefined);
    expect(parsed.ok && [parsed.server.name, parsed.server.namespace]).toEqual([
      'demo-x7k2p',
      'team-b',
    ]);
  });
});

describe('parseDittoServer resolves contextual defaults', () => {
  const cases: {
    reason: string;
    spec: Overrides;
    input?: Overrides;
    want: unknown;
    pick: (s: ReturnType<typeof server>) => unknown;
  }[] = [
    {
      reason: 'the image comes from the Input when the XR names none',
      spec: {},
      input: { images: { dittofs: 'registry.example/dittofs:v1' } },
      pick: (s) => s.image,
      want: 'registry.example/dittofs:v1',
    },
    {
      reason: 'the XR image wins over the Input',
      spec: { image: 'mine:v2' },
      input: { images: { dittofs: 'registry.example/dittofs:v1' } },
      pick: (s) => s.image,
      want: 'mine:v2',
    },
    {
      reason: 'Percona storage class falls back to the server class, then the Input',
      spec: { percona: { enabled: true } },
      input: { defaults: { storageClassName: 'platform-ssd' } },
      pick: (s) => [s.storageClassName, s.percona?.storageClassName],
      want: ['platform-ssd', 'platform-ssd'],
    },
    {
      reason: 'database is postgres with Percona, sqlite without',
      spec: {},
      pick: (s) => s.database,
      want: { type: 'sqlite' },
    },
    {
      reason: 'an external PostgreSQL Secret implies postgres',
      spec: { database: { postgresSecretRef: { name: 'pg' } } },
      pick: (s) => s.database,
      want: { type: 'postgres', source: 'external', secretName: 'pg' },
    },
    {
      reason: 'backup settings come from the Input defaults, region last from eu-west-1',
      spec: { percona: { enabled: true, backup: { enabled: true } } },
      input: {
        defaults: {
          backup: {
            bucket: 'shared',
            endpoint: 'https://s3.example.com:8443',
            credentialsSecretRef: { name: 'platform-s3' },
          },
        },
      },
      pick: (s) => s.percona?.backup,
      want: {
        credentialsSecretRef: {
          name: 'platform-s3',
          accessKeyIdKey: 'AWS_ACCESS_KEY_ID',
          secretAccessKeyKey: 'AWS_SECRET_ACCESS_KEY',
        },
        bucket: 'shared',
        endpoint: { host: 's3.example.com', port: 8443 },
        region: 'eu-west-1',
        uriStyle: 'path',
        verifyTLS: true,
        fullSchedule: '0 2 * * *',
        incrSchedule: '0 * * * *',
        retentionDays: 7,
      },
    },
    {
      reason: 'Percona with an external Secret keeps Percona and says so',
      spec: { percona: { enabled: true }, database: { postgresSecretRef: { name: 'pg' } } },
      pick: (s) => [s.database, s.notices],
      want: [
        { type: 'postgres', source: 'percona' },
        [
          {
            reason: 'PostgresSecretRefIgnored',
            message:
              'spec.database.postgresSecretRef is ignored because spec.percona.enabled is true: remove one of them',
          },
        ],
      ],
    },
  ];
  it.each(cases)('$reason', ({ spec, input, pick, want }) => {
    expect(pick(server(spec, input))).toEqual(want);
  });
});

describe('parseDittoServer parses every call afresh', () => {
  it('gives equal, separate, unfrozen results for the same request', () => {
    const first = parseDittoServer(xr({ replicas: 0 }, { resourceVersion: '1' }), undefined);
    const again = parseDittoServer(xr({ replicas: 0 }, { resourceVersion: '1' }), undefined);
    if (!first.ok || !again.ok) throw new Error('the fixture is invalid');
    expect(again).toEqual(first);
    expect(again.server).not.toBe(first.server);
    expect(Object.isFrozen(first.server.spec.storage)).toBe(false);
  });

  it('tells undefined, null and NaN apart', () => {
    const message = (replicas: unknown) => {
      const parsed = parseDittoServer(
        { ...xr(), spec: { storage: { metadataSize: '1Gi' }, replicas } },
        undefined,
      );
      return parsed.ok ? 'ok' : parsed.message;
    };
    expect([message(undefined), message(null), message(Number.NaN)]).toEqual([
      'ok',
      'invalid DittoServer: spec.replicas: must be an integer, not null',
      'invalid DittoServer: spec.replicas: must be an integer, not NaN',
    ]);
  });
});
