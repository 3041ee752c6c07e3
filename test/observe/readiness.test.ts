import { describe, expect, it } from 'vitest';
import type { Fields } from '../../src/observe/fields.js';
import {
  composedReady,
  deploymentReady,
  loadBalancerAddress,
  persistentVolumeClaimReady,
  serviceReady,
} from '../../src/observe/readiness.js';
import { perconaClusterReady } from '../../src/observe/percona.js';

type Case = { reason: string; object: Fields; want: boolean };

describe('perconaClusterReady', () => {
  const cluster = (status: Fields, generation = 1): Fields => ({
    metadata: { generation },
    status,
  });
  const cases: Case[] = [
    {
      reason: 'ready and current',
      object: cluster({ state: 'ready', observedGeneration: 1 }),
      want: true,
    },
    {
      reason: 'ready without observedGeneration (older operators)',
      object: cluster({ state: 'ready' }),
      want: true,
    },
    {
      reason: 'initializing',
      object: cluster({ state: 'initializing', observedGeneration: 1 }),
      want: false,
    },
    { reason: 'paused', object: cluster({ state: 'paused', observedGeneration: 1 }), want: false },
    {
      reason: 'ready but stale after a spec change',
      object: cluster({ state: 'ready', observedGeneration: 1 }, 2),
      want: false,
    },
    { reason: 'empty status at first creation', object: cluster({}), want: false },
    { reason: 'no status at all', object: { metadata: { generation: 1 } }, want: false },
    { reason: 'state of the wrong type', object: cluster({ state: 42 }), want: false },
    {
      reason: 'observedGeneration of the wrong type reads as absent',
      object: cluster({ state: 'ready', observedGeneration: '1' }),
      want: true,
    },
  ];
  it.each(cases)('$reason', ({ object, want }) => {
    expect(perconaClusterReady(object)).toBe(want);
  });
});

describe('deploymentReady', () => {
  const deployment = (replicas: number | undefined, status: Fields, generation = 2): Fields => ({
    metadata: { generation },
    spec: replicas === undefined ? {} : { replicas },
    status,
  });
  const available = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' };
  const rolledOut = {
    observedGeneration: 2,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [available],
  };
  const cases: Case[] = [
    { reason: 'rolled out and available', object: deployment(1, rolledOut), want: true },
    { reason: 'spec.replicas defaults to 1', object: deployment(undefined, rolledOut), want: true },
    {
      reason: 'scaled to zero is ready',
      object: deployment(0, { observedGeneration: 1 }),
      want: true,
    },
    {
      reason: 'generation not observed yet',
      object: deployment(1, { ...rolledOut, observedGeneration: 1 }),
      want: false,
    },
    {
      reason: 'not yet available',
      object: deployment(1, { ...rolledOut, availableReplicas: 0 }),
      want: false,
    },
    {
      reason: 'old replica set still serving',
      object: deployment(1, { ...rolledOut, updatedReplicas: 0 }),
      want: false,
    },
    {
      reason: 'Available condition False',
      object: deployment(1, { ...rolledOut, conditions: [{ ...available, status: 'False' }] }),
      want: false,
    },
    {
      reason: 'no conditions',
      object: deployment(1, { ...rolledOut, conditions: [] }),
      want: false,
    },
    { reason: 'no status', object: deployment(1, {}), want: false },
    {
      reason: 'malformed conditions are skipped',
      object: deployment(1, { ...rolledOut, conditions: ['Available', null, available] }),
      want: true,
    },
  ];
  it.each(cases)('$reason', ({ object, want }) => {
    expect(deploymentReady(object)).toBe(want);
  });
});

describe('persistentVolumeClaimReady', () => {
  const cases: (Case & { stopped: boolean })[] = [
    { reason: 'bound', object: { status: { phase: 'Bound' } }, stopped: false, want: true },
    { reason: 'pending', object: { status: { phase: 'Pending' } }, stopped: false, want: false },
    {
      reason: 'pending while the server is stopped (WaitForFirstConsumer)',
      object: { status: { phase: 'Pending' } },
      stopped: true,
      want: true,
    },
    { reason: 'lost', object: { status: { phase: 'Lost' } }, stopped: false, want: false },
    { reason: 'no status', object: {}, stopped: false, want: false },
  ];
  it.each(cases)('$reason', ({ object, stopped, want }) => {
    expect(persistentVolumeClaimReady(object, stopped)).toBe(want);
  });
});

describe('serviceReady', () => {
  const cases: Case[] = [
    {
      reason: 'ClusterIP exists',
      object: { spec: { type: 'ClusterIP' }, status: { loadBalancer: {} } },
      want: true,
    },
    { reason: 'NodePort exists', object: { spec: { type: 'NodePort' } }, want: true },
    {
      reason: 'LoadBalancer without ingress',
      object: { spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } },
      want: false,
    },
    {
      reason: 'LoadBalancer with an IP',
      object: {
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
      },
      want: true,
    },
    {
      reason: 'LoadBalancer with a hostname',
      object: {
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress: [{ hostname: 'a.elb.example' }] } },
      },
      want: true,
    },
    {
      reason: 'LoadBalancer with an empty ingress entry',
      object: { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{}] } } },
      want: false,
    },
  ];
  it.each(cases)('$reason', ({ object, want }) => {
    expect(serviceReady(object)).toBe(want);
  });

  it('reads the first usable load balancer address', () => {
    expect(
      loadBalancerAddress({
        status: {
          loadBalancer: { ingress: [{}, { hostname: 'lb.example' }, { ip: '203.0.113.1' }] },
        },
      }),
    ).toBe('lb.example');
  });
});

describe('composedReady', () => {
  const cases: {
    reason: string;
    key: Parameters<typeof composedReady>[0];
    observed: Parameters<typeof composedReady>[1];
    want: boolean;
  }[] = [
    { reason: 'nothing observed is never ready', key: 'config', observed: {}, want: false },
    {
      reason: 'an observed ConfigMap is ready',
      key: 'config',
      observed: { config: { kind: 'ConfigMap' } },
      want: true,
    },
    {
      reason: 'an observed Secret is ready',
      key: 'jwt-secret',
      observed: { 'jwt-secret': { kind: 'Secret' } },
      want: true,
    },
    {
      reason: 'the PerconaPGCluster rule applies to postgres',
      key: 'postgres',
      observed: { postgres: { status: { state: 'initializing' } } },
      want: false,
    },
  ];
  it.each(cases)('$reason', ({ key, observed, want }) => {
    expect(composedReady(key, observed, false)).toBe(want);
  });
});
