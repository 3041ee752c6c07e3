/**
 * Input guards at their boundaries: what the API server or DittoFS takes passes, one step
 * further is FATAL with its exact message. The corpus (test/hostile/corpus) holds the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  METRICS_PATH as SERVED_METRICS_PATH,
  SQLITE_PATH as WRITTEN_SQLITE_PATH,
} from '../../src/compose/config-map.js';
import { METRICS_PATH, SQLITE_PATH } from '../../src/api/operator-fields.js';
import { parseDittoServer } from '../../src/api/parse.js';
import { xr, type Overrides } from '../fixtures/xr.js';

const outcome = (spec: Overrides) => {
  const parsed = parseDittoServer(xr(spec), {});
  return parsed.ok ? 'ok' : parsed.message;
};

/** Annotations of exactly `bytes` bytes, keys plus values. */
const annotationsOf = (bytes: number) => ({ 'example.com/blob': 'x'.repeat(bytes - 16) });

describe('annotations of a Service', () => {
  // 256 KiB less what Crossplane adds: crossplane.io/composition-resource-name (39) and a key of up to 15.
  const room = 262_144 - 54;

  it('fit up to 256 KiB with what Crossplane adds, and not one byte more', () => {
    expect([
      outcome({ service: { annotations: annotationsOf(room) } }),
      outcome({ adapterServices: { annotations: annotationsOf(room + 1) } }),
    ]).toEqual([
      'ok',
      `invalid DittoServer: spec.adapterServices.annotations: hold ${room + 1} bytes (keys plus values): with the 54 Crossplane adds, the Service's annotations would pass the API server's limit of 262144 bytes (256 KiB)`,
    ]);
  });

  it('count bytes, not characters', () => {
    const value = 'é'.repeat((room - 16) / 2 + 1);
    expect(outcome({ service: { annotations: { 'example.com/blob': value } } })).toBe(
      `invalid DittoServer: spec.service.annotations: hold ${16 + value.length * 2} bytes (keys plus values): with the 54 Crossplane adds, the Service's annotations would pass the API server's limit of 262144 bytes (256 KiB)`,
    );
  });
});

describe('requests and limits', () => {
  it('accept a request equal to its limit written differently, and any request without a limit', () => {
    expect([
      outcome({ resources: { limits: { cpu: '1' }, requests: { cpu: '1000m' } } }),
      outcome({ resources: { limits: { memory: '1Gi' }, requests: { memory: 1073741824 } } }),
      outcome({ resources: { limits: { cpu: '1' }, requests: { memory: '64Gi' } } }),
    ]).toEqual(['ok', 'ok', 'ok']);
  });
});

describe('seccomp profiles', () => {
  it('accept a descending path, with dots that are not a .. segment', () => {
    const profile = (localhostProfile: string) =>
      outcome({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile } } });
    expect([profile('profiles/dittofs.json'), profile('a..b/.hidden/x.json')]).toEqual([
      'ok',
      'ok',
    ]);
  });
});

describe("the DittoFS operator's fields", () => {
  it('pass with values that ask for nothing this function does not do', () => {
    expect(
      outcome({
        controlPlane: { tls: false },
        identity: {
          type: 'memory',
          ldap: { enabled: false, url: 'ldaps://dc.example.com' },
          kerberos: { enabled: false },
          jwt: {
            secretRef: { name: 'jwt', key: 'secret', optional: false },
            accessTokenDuration: '15m',
            refreshTokenDuration: '168h',
          },
          admin: { passwordSecretRef: { name: 'admin', key: 'password' }, username: 'admin' },
        },
        database: { sqlite: { path: SQLITE_PATH } },
        metrics: { path: '/metrics', serviceMonitor: { enabled: false } },
        logging: { output: 'stdout' },
        adapterDiscovery: { pollingInterval: '30s' },
        snapshotPolicies: [],
        resources: { claims: [] },
        securityContext: { procMount: 'Default' },
        podSecurityContext: { sysctls: [], supplementalGroupsPolicy: 'Merge' },
      }),
    ).toBe('ok');
  });

  it('are accepted only where they match what the function writes', () => {
    expect([SQLITE_PATH, METRICS_PATH]).toEqual([WRITTEN_SQLITE_PATH, SERVED_METRICS_PATH]);
  });
});
