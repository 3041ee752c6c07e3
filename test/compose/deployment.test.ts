import { describe, expect, it } from 'vitest';
import type { Overrides } from '../fixtures/xr.js';
import { DEMO_SELECTOR, demoLabels } from '../support/labels.js';
import {
  HASH,
  build,
  dig,
  HARDENED_POD,
  MOUNTS,
  VOLUMES,
  MINIMAL_CONTAINER,
} from './deployment-fixtures.js';

describe('deployment', () => {
  it('minimal: the whole Deployment', () => {
    expect(build()).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'demo', namespace: 'team-a', labels: demoLabels('server') },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: DEMO_SELECTOR },
        template: {
          metadata: {
            labels: demoLabels('server'),
            annotations: { 'dittofs.io/config-hash': HASH },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: HARDENED_POD,
            terminationGracePeriodSeconds: 105,
            containers: [MINIMAL_CONTAINER],
            volumes: VOLUMES,
          },
        },
      },
    });
  });

  it('pod labels include every selector label', () => {
    const d = build();
    const podLabels = dig(d, 'spec', 'template', 'metadata', 'labels') as Record<string, string>;
    const selector = dig(d, 'spec', 'selector', 'matchLabels') as Record<string, string>;
    expect(Object.entries(selector).filter(([k, v]) => podLabels[k] !== v)).toStrictEqual([]);
  });

  const workload: Record<
    string,
    { reason: string; spec: Overrides; input?: Overrides; path: string[]; want: unknown }
  > = {
    stopped: {
      reason: 'replicas 0 stops the server but keeps the Deployment',
      spec: { replicas: 0 },
      path: ['spec', 'replicas'],
      want: 0,
    },
    'grace period': {
      reason: 'terminationGracePeriodSeconds is copied',
      spec: { terminationGracePeriodSeconds: 300 },
      path: ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
      want: 300,
    },
    'image from spec': {
      reason: 'spec.image wins over the Input default',
      spec: { image: 'registry.local/dittofs:dev' },
      input: { images: { dittofs: 'mirror/dittofs:v0.29.0' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'image'],
      want: 'registry.local/dittofs:dev',
    },
    'image from Input': {
      reason: 'without spec.image the Input image is used',
      spec: {},
      input: { images: { dittofs: 'mirror/dittofs:v0.29.0' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'image'],
      want: 'mirror/dittofs:v0.29.0',
    },
    'content volume': {
      reason: 'the content volume is mounted at /data/store/block whatever its size',
      spec: { storage: { contentSize: '50Gi' } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'volumeMounts'],
      want: MOUNTS,
    },
    'content claim': {
      reason: 'the content volume is the PVC <n>-content',
      spec: { storage: { contentSize: '50Gi' } },
      path: ['spec', 'template', 'spec', 'volumes'],
      want: VOLUMES,
    },
    'ports: smb and metrics on, nfs off': {
      reason: 'one TCP port per enabled adapter and metrics, on the spec ports',
      spec: {
        adapters: { nfs: { enabled: false }, smb: { enabled: true, port: 1445 } },
        metrics: { enabled: true, port: 9100 },
        controlPlane: { port: 9000 },
      },
      path: ['spec', 'template', 'spec', 'containers', '0', 'ports'],
      want: [
        { name: 'api', containerPort: 9000, protocol: 'TCP' },
        { name: 'smb', containerPort: 1445, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      ],
    },
    resources: {
      reason: 'quantities become strings; only the given maps are written',
      spec: { resources: { requests: { cpu: 1, memory: '512Mi' } } },
      path: ['spec', 'template', 'spec', 'containers', '0', 'resources'],
      want: { requests: { cpu: '1', memory: '512Mi' } },
    },
    'empty resources': {
      reason: 'resources with no quantities are left out',
      spec: { resources: { limits: {} } },
      path: ['spec', 'template', 'spec', 'containers', '0'],
      want: MINIMAL_CONTAINER,
    },
  };
  it.each(Object.entries(workload))('%s', (_name, { spec, input, path, want }) => {
    expect(dig(build(spec, input), ...path)).toStrictEqual(want);
  });
});
