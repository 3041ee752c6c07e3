import { describe, expect, it } from 'vitest';
import { validateKubeObject } from './kube-schema.js';

const meta = { name: 'demo-config', namespace: 'team-a' };

const cases: Record<string, { reason: string; object: unknown; want: string[] }> = {
  'valid ConfigMap': {
    reason: 'a well-formed object of a known kind has no errors',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta,
      data: { 'config.yaml': 'a: 1\n' },
    },
    want: [],
  },
  'valid Deployment': {
    reason: 'apps/v1 Deployments are known too',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta,
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x' }] } },
      },
    },
    want: [],
  },
  'wrong type': {
    reason: 'a port given as a string is not an integer',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: { ports: [{ port: '80' }] },
    },
    want: ['/spec/ports/0/port must be integer'],
  },
  'Secret data not a string': {
    reason: 'Secret.data values must be strings',
    object: { apiVersion: 'v1', kind: 'Secret', metadata: meta, data: { password: 1 } },
    want: ['/data/password must be string'],
  },
  'undefined value': {
    reason:
      'undefined and null cannot become protobuf Struct values, even where the schema allows them (apiGroup is nullable)',
    object: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta,
      spec: { storageClassName: undefined, dataSource: { kind: 'x', name: 'y', apiGroup: null } },
    },
    want: [
      'spec.storageClassName: must not be undefined',
      'spec.dataSource.apiGroup: must not be null',
    ],
  },
  'unknown kind': {
    reason: 'objects this helper cannot check are reported, never silently passed',
    object: { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGCluster', metadata: meta },
    want: ['unknown kind pgv2.percona.com/v2/PerconaPGCluster'],
  },
  'not an object': {
    reason: 'a non-object is rejected outright',
    object: ['v1', 'ConfigMap'],
    want: ['the object must be a plain object'],
  },
};

describe('validateKubeObject', () => {
  it.each(Object.entries(cases))('%s', (_name, { object, want }) => {
    expect(validateKubeObject(object)).toEqual(want);
  });
});
