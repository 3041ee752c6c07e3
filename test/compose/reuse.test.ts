/**
 * Objects built for the same XR are reused across calls, and frozen.
 */
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../src/function.js';
import { observeDesired } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr } from '../fixtures/xr.js';
import { credentialsSecret, desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC }, metrics: { enabled: true } };
const run = (spec = SPEC, observed = {}) =>
  runFunction(request({ xr: xr(spec), observed, credentials: [credentialsSecret()] }), {
    secretKey: TEST_SECRET_KEY,
  });
const cluster = observeDesired(desiredObjects(run()), {
  percona: { state: 'ready' },
  deployment: 'available',
});

describe('reuse across calls', () => {
  it('returns the same frozen objects for the same XR, except Secrets', () => {
    const first = desiredObjects(run(SPEC, cluster));
    const again = desiredObjects(run(SPEC, cluster));
    const same = Object.keys(first).filter((key) => first[key] === again[key]);
    expect(same).toEqual([
      'config',
      'pvc-controlplane',
      'pvc-metadata',
      'api-service',
      'nfs-service',
      'metrics-service',
      'postgres',
      'deployment',
    ]);
    expect(
      same.every(
        (key) =>
          Object.isFrozen(first[key]) && Object.isFrozen(first[key]?.spec ?? first[key]?.data),
      ),
    ).toBe(true);
  });

  it('builds again what another input changes', () => {
    const before = desiredObjects(run(SPEC, cluster));
    const bigger = { ...SPEC, storage: { metadataSize: '20Gi' } };
    const after = desiredObjects(run(bigger, cluster));
    expect(
      ['config', 'pvc-metadata', 'deployment'].map((key) => before[key] === after[key]),
    ).toEqual([false, false, false]);
  });
});
