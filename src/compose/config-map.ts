/**
 * The DittoFS server's config.yaml and the ConfigMap that carries it.
 *
 * Every key below is one the server decodes, checked against marmos91/dittofs v0.29.0
 * (commit 5c30c8012d8015ea8fc45fc0b8dc3be8afa3671c): `pkg/config/config.go` (logging
 * level/format/output, shutdown_timeout, database, controlplane, admin.username, metrics),
 * `pkg/controlplane/store/gorm.go` (database.type, database.sqlite.path),
 * `pkg/controlplane/api/config.go` (controlplane host, port, jwt.access_token_duration,
 * jwt.refresh_token_duration) and `pkg/config/metrics.go` (metrics enabled, host, port, path).
 * Secrets never go here: they reach the server as env vars from Secrets (deployment.ts).
 */
import { createHash } from 'node:crypto';
import type { DittoServer } from '../api/parse.js';
import { labels } from '../names.js';
import type { ConfigMap } from './types.js';
import { yamlText, type YamlMap } from './yaml-text.js';

/** On the controlplane volume, so users, shares and the store registry survive restarts. */
export const SQLITE_PATH = '/data/controlplane/controlplane.db';
/** The server's per-stage shutdown budget; the pod's grace period is sized from it. */
const SHUTDOWN_TIMEOUT = '30s';
/** The DittoFS operator's JWT lifetimes (and the server's defaults). */
const ACCESS_TOKEN_DURATION = '15m';
const REFRESH_TOKEN_DURATION = '168h';
/** Where the server serves Prometheus metrics (its default, written out for the Service). */
export const METRICS_PATH = '/metrics';
/**
 * The server parses `admin.username` but hard-codes its admin user as `admin`; it is written
 * only for parity with the DittoFS operator's config.
 */
const ADMIN_USERNAME = 'admin';
/** The key of the ConfigMap, mounted at /config/config.yaml. */
export const CONFIG_KEY = 'config.yaml';

function database(server: DittoServer): YamlMap {
  if (server.database.type === 'sqlite') return { type: 'sqlite', sqlite: { path: SQLITE_PATH } };
  // The connection settings come from DITTOFS_DATABASE_POSTGRES_* env vars; the server binds
  // every key to its env var, so none has to appear here.
  return { type: 'postgres' };
}

/** The DittoFS config.yaml text, with only keys the server reads. */
export function dittofsConfig(server: DittoServer): string {
  const { logging, controlPlane, metrics } = server.spec;
  const config: YamlMap = {
    logging: { level: logging.level, format: logging.format, output: 'stdout' },
    shutdown_timeout: SHUTDOWN_TIMEOUT,
    database: database(server),
    controlplane: {
      // The server's default 127.0.0.1 is unreachable through a Service.
      host: '0.0.0.0',
      port: controlPlane.port,
      jwt: {
        access_token_duration: ACCESS_TOKEN_DURATION,
        refresh_token_duration: REFRESH_TOKEN_DURATION,
      },
    },
    admin: { username: ADMIN_USERNAME },
    // Off by default in the server too; when on, bind all interfaces (default is loopback).
    ...(metrics.enabled && {
      metrics: { enabled: true, host: '0.0.0.0', port: metrics.port, path: METRICS_PATH },
    }),
  };
  return yamlText(config);
}

/** ConfigMap `<n>-config` holding `config.yaml`. */
export function configMap(server: DittoServer, configYaml: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: server.names.config,
      namespace: server.namespace,
      labels: labels(server.name, 'config'),
    },
    data: { [CONFIG_KEY]: configYaml },
  };
}

/** sha256 hex of the config text, for the pod-template annotation. */
export function configHash(configYaml: string): string {
  return createHash('sha256').update(configYaml).digest('hex');
}
