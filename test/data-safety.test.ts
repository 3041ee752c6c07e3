/**
 * Changes that would destroy data are not carried out (api.md §6): the observed value is
 * kept and a Warning says why and what to do.
 */
import { describe, expect, it } from 'vitest';
import { callFunction } from './support/call.js';
import { observeDesired } from './fixtures/observed.js';
import { xr, type JsonObject, type Overrides } from './fixtures/xr.js';
import { condition, warning } from './support/expected.js';
import { desiredObjects, request, TEST_SECRET_KEY } from './support/request.js';

const run = (spec: Overrides, observed: Partial<Record<string, JsonObject>> = {}) =>
  callFunction(request({ xr: xr(spec), observed }), { secretKey: TEST_SECRET_KEY });

/** What the cluster holds after `spec` was applied and everything became ready. */
function clusterAfter(spec: Overrides) {
  return observeDesired(desiredObjects(run(spec)), {
    percona: { state: 'ready' },
    deployment: 'available',
  });
}

describe('data safety', () => {
  it('keeps an observed PerconaPGCluster, and the server on it, when Percona is turned off', () => {
    const cluster = clusterAfter({ percona: { enabled: true } });
    const withPercona = desiredObjects(run({ percona: { enabled: true } }, cluster));
    const rsp = run({ percona: { enabled: false } }, cluster);
    expect(desiredObjects(rsp).postgres).toEqual(withPercona.postgres);
    expect(desiredObjects(rsp).deployment).toEqual(withPercona.deployment);
    expect(rsp.results).toEqual([
      warning(
        'PerconaRemovalRefused',
        'spec.percona.enabled is false but PerconaPGCluster demo-postgres exists and holds the control-plane database, so it is kept; to remove it, save what you need and delete it with kubectl -n team-a delete perconapgcluster demo-postgres',
      ),
    ]);
    expect(rsp.conditions[0]).toEqual(
      condition('DatabaseReady', 'True', 'PerconaReady', 'PerconaPGCluster demo-postgres is ready'),
    );
  });

  it('drops nothing when Percona was never created', () => {
    const rsp = run({ percona: { enabled: false } }, clusterAfter({}));
    expect(Object.keys(desiredObjects(rsp))).not.toContain('postgres');
    expect(rsp.results).toEqual([]);
  });

  it('refuses to shrink a volume and keeps the observed size', () => {
    const cluster = clusterAfter({ storage: { metadataSize: '20Gi' } });
    const rsp = run({ storage: { metadataSize: '5Gi' } }, cluster);
    expect(desiredObjects(rsp)['pvc-metadata']).toEqual(
      desiredObjects(run({ storage: { metadataSize: '20Gi' } }, cluster))['pvc-metadata'],
    );
    expect(rsp.results).toEqual([
      warning(
        'VolumeShrinkRefused',
        'spec.storage.metadataSize is 5Gi but PVC demo-metadata has 20Gi; a volume cannot shrink without losing its data, so 20Gi is kept: set 20Gi or more',
      ),
    ]);
  });

  it('grows a volume as asked', () => {
    const rsp = run(
      { storage: { metadataSize: '40Gi' } },
      clusterAfter({ storage: { metadataSize: '20Gi' } }),
    );
    expect(
      ((desiredObjects(rsp)['pvc-metadata']?.spec as JsonObject).resources as JsonObject).requests,
    ).toEqual({ storage: '40Gi' });
    expect(rsp.results).toEqual([]);
  });

  it('refuses a storage class change and keeps the observed class', () => {
    const rsp = run(
      { storage: { storageClassName: 'fast' } },
      clusterAfter({ storage: { storageClassName: 'standard' } }),
    );
    const classes = ['pvc-controlplane', 'pvc-metadata', 'pvc-content'].map(
      (key) => (desiredObjects(rsp)[key]?.spec as JsonObject).storageClassName,
    );
    expect(classes).toEqual(['standard', 'standard', 'standard']);
    expect(rsp.results).toEqual(
      ['demo-controlplane', 'demo-metadata', 'demo-content'].map((name) =>
        warning(
          'StorageClassChangeRefused',
          `the storage class of PVC ${name} is standard and cannot change to fast without losing its data, so standard is kept: move the data to a new server to change it`,
        ),
      ),
    );
  });

  it('keeps the class the API server defaulted when the spec names none, without a warning', () => {
    const defaulted = clusterAfter({});
    const rsp = run({}, defaulted);
    expect((desiredObjects(rsp)['pvc-metadata']?.spec as JsonObject).storageClassName).toBe(
      'standard',
    );
    expect(rsp.results).toEqual([]);
  });

  it('maps deleteWithServer onto the Percona finalizers', () => {
    const finalizers = (spec: Overrides) =>
      (desiredObjects(run(spec)).postgres?.metadata as JsonObject).finalizers;
    expect(finalizers({ percona: { enabled: true } })).toBeUndefined();
    expect(finalizers({ percona: { enabled: true, deleteWithServer: true } })).toEqual([
      'percona.com/delete-pvc',
      'percona.com/delete-ssl',
    ]);
  });
});
