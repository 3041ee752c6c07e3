import { describe, expect, it } from 'vitest';
import type { Overrides } from '../fixtures/xr.js';
import {
  PERCONA_SECRET,
  PG17,
  build,
  dig,
  podSpec,
  container,
  secretEnv,
  IDENTITY_ENV,
  HARDENED,
} from './deployment-fixtures.js';

describe('deployment env and database wiring', () => {
  const percona = (key: string, name: string) => secretEnv(name, PERCONA_SECRET, key);
  const external = (key: string, name: string, optional?: true) =>
    secretEnv(name, 'pg-conn', key, optional);
  const cases: Record<string, { reason: string; spec: Overrides; want: unknown[] }> = {
    sqlite: {
      reason: 'SQLite needs no database env: config.yaml holds its path',
      spec: {},
      want: IDENTITY_ENV,
    },
    percona: {
      reason: 'postgres from the Percona user Secret keys (dbname, not database), TLS required',
      spec: { percona: { enabled: true } },
      want: [
        ...IDENTITY_ENV,
        { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
        percona('host', 'DITTOFS_DATABASE_POSTGRES_HOST'),
        percona('port', 'DITTOFS_DATABASE_POSTGRES_PORT'),
        percona('dbname', 'DITTOFS_DATABASE_POSTGRES_DATABASE'),
        percona('user', 'DITTOFS_DATABASE_POSTGRES_USER'),
        percona('password', 'DITTOFS_DATABASE_POSTGRES_PASSWORD'),
        { name: 'DITTOFS_DATABASE_POSTGRES_SSLMODE', value: 'require' },
      ],
    },
    external: {
      reason: 'postgres from the user Secret; port and sslmode may be absent from it',
      spec: { database: { type: 'postgres', postgresSecretRef: { name: 'pg-conn' } } },
      want: [
        ...IDENTITY_ENV,
        { name: 'DITTOFS_DATABASE_TYPE', value: 'postgres' },
        external('host', 'DITTOFS_DATABASE_POSTGRES_HOST'),
        external('port', 'DITTOFS_DATABASE_POSTGRES_PORT', true),
        external('database', 'DITTOFS_DATABASE_POSTGRES_DATABASE'),
        external('user', 'DITTOFS_DATABASE_POSTGRES_USER'),
        external('password', 'DITTOFS_DATABASE_POSTGRES_PASSWORD'),
        external('sslmode', 'DITTOFS_DATABASE_POSTGRES_SSLMODE', true),
      ],
    },
    'identity refs': {
      reason: "the user's JWT and admin Secrets replace the generated ones",
      spec: {
        identity: {
          jwt: { secretRef: { name: 'my-jwt', key: 'signing-key' } },
          admin: { passwordSecretRef: { name: 'my-admin', key: 'pw' } },
        },
      },
      want: [
        secretEnv('DITTOFS_CONTROLPLANE_SECRET', 'my-jwt', 'signing-key'),
        secretEnv('DITTOFS_ADMIN_INITIAL_PASSWORD', 'my-admin', 'pw'),
      ],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { spec, want }) => {
    expect(dig(container(build(spec)), 'env')).toStrictEqual(want);
  });

  it('percona: waits for PostgreSQL in an init container', () => {
    const waitEnv = (name: string, key: string) => secretEnv(name, PERCONA_SECRET, key);
    const script = [
      'deadline=$(( $(date +%s) + 300 ))',
      'until pg_isready -h "$PGHOST" -p "$PGPORT" -d "$PGDATABASE" -U "$PGUSER" -t 5; do',
      '  if [ "$(date +%s)" -ge "$deadline" ]; then',
      '    echo "PostgreSQL at $PGHOST:$PGPORT not ready after 300s, giving up"',
      '    exit 1',
      '  fi',
      '  sleep 2',
      'done',
      'echo "PostgreSQL at $PGHOST:$PGPORT is ready"',
    ].join('\n');
    expect(dig(podSpec(build({ percona: { enabled: true } })), 'initContainers')).toStrictEqual([
      {
        name: 'wait-for-postgres',
        image: PG17,
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/sh', '-c', script],
        env: [
          waitEnv('PGHOST', 'host'),
          waitEnv('PGPORT', 'port'),
          waitEnv('PGUSER', 'user'),
          waitEnv('PGDATABASE', 'dbname'),
        ],
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        securityContext: HARDENED,
      },
    ]);
  });

  const initImage: Record<
    string,
    { reason: string; spec: Overrides; input: Overrides; want: string }
  > = {
    'postgres version': {
      reason: 'the init container uses the image of the configured PostgreSQL major version',
      spec: { percona: { enabled: true, postgresVersion: 16 } },
      input: {},
      want: 'docker.io/percona/percona-distribution-postgresql:16.11-2',
    },
    'Input image': {
      reason: 'a platform-pinned PostgreSQL image is used for the wait too',
      spec: { percona: { enabled: true } },
      input: { images: { postgres: { '17': 'mirror/postgres:17' } } },
      want: 'mirror/postgres:17',
    },
  };
  it.each(Object.entries(initImage))('%s', (_name, { spec, input, want }) => {
    expect(dig(podSpec(build(spec, input)), 'initContainers', 0, 'image')).toBe(want);
  });

  const noInit: Record<string, { reason: string; spec: Overrides }> = {
    sqlite: { reason: 'nothing to wait for', spec: {} },
    external: {
      reason: 'an external database is not ours to wait for',
      spec: { database: { postgresSecretRef: { name: 'pg-conn' } } },
    },
  };
  it.each(Object.entries(noInit))('no init container: %s', (_name, { spec }) => {
    expect(Object.keys(podSpec(build(spec)) as object)).toStrictEqual([
      'automountServiceAccountToken',
      'enableServiceLinks',
      'securityContext',
      'terminationGracePeriodSeconds',
      'containers',
      'volumes',
    ]);
  });
});
