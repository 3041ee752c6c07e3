import { describe, expect, it } from 'vitest';
import { persistentVolumeClaim } from '../../src/compose/pvc.js';
import { volumeClaims, type VolumeClaim } from '../../src/safety/volumes.js';
import { server, type Overrides } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';
import { demoLabels } from '../support/labels.js';

const controlplane = (storageClassName?: string): VolumeClaim => ({
  key: 'pvc-controlplane',
  name: 'demo-controlplane',
  volume: 'controlplane',
  mountPath: '/data/controlplane',
  size: '1Gi',
  storageClassName,
});
const metadata = (storageClassName?: string): VolumeClaim => ({
  key: 'pvc-metadata',
  name: 'demo-metadata',
  volume: 'metadata',
  mountPath: '/data/store/metadata',
  size: '10Gi',
  storageClassName,
});
const content = (storageClassName?: string, size = '50Gi'): VolumeClaim => ({
  key: 'pvc-content',
  name: 'demo-content',
  volume: 'content',
  mountPath: '/data/store/block',
  size,
  storageClassName,
});

describe('volumeClaims', () => {
  const cases: Record<
    string,
    { reason: string; spec: Overrides; input?: Overrides; want: VolumeClaim[] }
  > = {
    minimal: {
      reason: 'controlplane (1Gi default), metadata and content (10Gi default)',
      spec: {},
      want: [controlplane(), metadata(), content(undefined, '10Gi')],
    },
    'with content': {
      reason: 'contentSize sizes the local block store volume, last',
      spec: { storage: { contentSize: '50Gi' } },
      want: [controlplane(), metadata(), content()],
    },
    'sizes and class': {
      reason: 'controlPlaneSize and the spec storage class apply',
      spec: { storage: { controlPlaneSize: '2Gi', storageClassName: 'fast' } },
      want: [{ ...controlplane('fast'), size: '2Gi' }, metadata('fast'), content('fast', '10Gi')],
    },
    'class from Input': {
      reason: 'the resolved class (here the Input default) is used on every volume',
      spec: { storage: { contentSize: '50Gi' } },
      input: { defaults: { storageClassName: 'standard' } },
      want: [controlplane('standard'), metadata('standard'), content('standard')],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { spec, input, want }) => {
    expect(volumeClaims(server(spec, input))).toStrictEqual(want);
  });
});

describe('persistentVolumeClaim', () => {
  const pvc = (spec: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'demo-metadata', namespace: 'team-a', labels: demoLabels('storage') },
    spec,
  });
  const cases: Record<string, { reason: string; claim: VolumeClaim; want: object }> = {
    'default class': {
      reason: 'no storageClassName key at all, so the cluster default class applies',
      claim: metadata(),
      want: pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } }),
    },
    'named class': {
      reason: 'the claim class is written as is',
      claim: { ...metadata('fast'), size: '20Gi' },
      want: pvc({
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: '20Gi' } },
      }),
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { claim, want }) => {
    const got = persistentVolumeClaim(server(), claim);
    expect(got).toStrictEqual(want);
    expect(validateKubeObject(got)).toEqual([]);
  });
});
