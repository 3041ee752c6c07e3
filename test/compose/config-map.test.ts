import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configHash, configMap, dittofsConfig } from '../../src/compose/config-map.js';
import { server, type Overrides } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';

const SQLITE_CONFIG = `logging:
  level: INFO
  format: json
  output: stdout
shutdown_timeout: 30s
database:
  type: sqlite
  sqlite:
    path: /data/controlplane/controlplane.db
controlplane:
  host: 0.0.0.0
  port: 8080
  jwt:
    access_token_duration: 15m
    refresh_token_duration: 168h
admin:
  username: admin
`;

describe('dittofsConfig', () => {
  const cases: Record<string, { reason: string; spec: Overrides; want: string }> = {
    minimal: {
      reason: 'defaults: INFO/json to stdout, SQLite on the controlplane volume, no metrics',
      spec: {},
      want: SQLITE_CONFIG,
    },
    'logging and port': {
      reason: 'the logging spec and the control-plane port are rendered as given',
      spec: { logging: { level: 'DEBUG', format: 'text' }, controlPlane: { port: 9000 } },
      want: SQLITE_CONFIG.replace('level: INFO', 'level: DEBUG')
        .replace('format: json', 'format: text')
        .replace('port: 8080', 'port: 9000'),
    },
    'metrics enabled': {
      reason: 'metrics bind all interfaces on the spec port, at the path the Service announces',
      spec: { metrics: { enabled: true, port: 9100 } },
      want: `${SQLITE_CONFIG}metrics:
  enabled: true
  host: 0.0.0.0
  port: 9100
  path: /metrics
`,
    },
    percona: {
      reason: 'postgres without connection keys: they come from DITTOFS_DATABASE_POSTGRES_* env',
      spec: { percona: { enabled: true } },
      want: SQLITE_CONFIG.replace(
        'type: sqlite\n  sqlite:\n    path: /data/controlplane/controlplane.db',
        'type: postgres',
      ),
    },
    'external postgres': {
      reason: 'an external database is postgres too, wired through env from the user Secret',
      spec: { database: { postgresSecretRef: { name: 'pg' } } },
      want: SQLITE_CONFIG.replace(
        'type: sqlite\n  sqlite:\n    path: /data/controlplane/controlplane.db',
        'type: postgres',
      ),
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { spec, want }) => {
    expect(dittofsConfig(server(spec))).toBe(want);
  });

  it('is YAML that reads back as the intended document', () => {
    const text = dittofsConfig(server({ metrics: { enabled: true } }));
    expect(parse(text)).toEqual({
      logging: { level: 'INFO', format: 'json', output: 'stdout' },
      shutdown_timeout: '30s',
      database: { type: 'sqlite', sqlite: { path: '/data/controlplane/controlplane.db' } },
      controlplane: {
        host: '0.0.0.0',
        port: 8080,
        jwt: { access_token_duration: '15m', refresh_token_duration: '168h' },
      },
      admin: { username: 'admin' },
      metrics: { enabled: true, host: '0.0.0.0', port: 9090, path: '/metrics' },
    });
  });
});

describe('configMap', () => {
  it('wraps the text as config.yaml in <n>-config', () => {
    const got = configMap(server(), 'logging: {}\n');
    expect(got).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'demo-config',
        namespace: 'team-a',
        labels: {
          'app.kubernetes.io/name': 'dittofs',
          'app.kubernetes.io/instance': 'demo',
          'app.kubernetes.io/managed-by': 'function-dittoserver',
          'app.kubernetes.io/component': 'config',
        },
      },
      data: { 'config.yaml': 'logging: {}\n' },
    });
    expect(validateKubeObject(got)).toEqual([]);
  });
});

describe('configHash', () => {
  const cases: Record<string, { reason: string; text: string; want: string }> = {
    'known vector': {
      reason: 'the hash is plain sha256 hex of the text',
      text: 'abc',
      want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    },
    'rendered config': {
      reason: 'the default config has a stable hash, so the pod does not roll without a change',
      text: SQLITE_CONFIG,
      want: configHash(dittofsConfig(server())),
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { text, want }) => {
    expect(configHash(text)).toBe(want);
  });

  it('changes when the config changes', () => {
    const before = configHash(dittofsConfig(server()));
    const after = configHash(dittofsConfig(server({ logging: { level: 'DEBUG' } })));
    expect(after).not.toBe(before);
  });
});
