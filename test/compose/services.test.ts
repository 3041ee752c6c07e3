import { describe, expect, it } from 'vitest';
import { adapterService, apiService, metricsService } from '../../src/compose/services.js';
import type { Service } from '../../src/compose/types.js';
import { server } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';
import { DEMO_SELECTOR, demoLabels } from '../support/labels.js';

const svc = (options: {
  name: string;
  component: string;
  type: string;
  port: [string, number];
  annotations?: Record<string, string>;
}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: options.name,
    namespace: 'team-a',
    labels: demoLabels(options.component),
    ...(options.annotations && { annotations: options.annotations }),
  },
  spec: {
    type: options.type,
    selector: DEMO_SELECTOR,
    ports: [
      {
        name: options.port[0],
        protocol: 'TCP',
        port: options.port[1],
        targetPort: options.port[0],
      },
    ],
  },
});

const LB = { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' };

const cases: Record<string, { reason: string; build: () => Service; want: object }> = {
  'api default': {
    reason: 'ClusterIP on 8080 targeting the named api port, no annotations key',
    build: () => apiService(server()),
    want: svc({ name: 'demo-api', component: 'api', type: 'ClusterIP', port: ['api', 8080] }),
  },
  'api custom': {
    reason: 'spec.service type and annotations, and the control-plane port',
    build: () =>
      apiService(
        server({
          service: { type: 'LoadBalancer', annotations: LB },
          controlPlane: { port: 9000 },
        }),
      ),
    want: svc({
      name: 'demo-api',
      component: 'api',
      type: 'LoadBalancer',
      port: ['api', 9000],
      annotations: LB,
    }),
  },
  'api empty annotations': {
    reason: 'an empty annotation map is left out rather than written as {}',
    build: () => apiService(server({ service: { annotations: {} } })),
    want: svc({ name: 'demo-api', component: 'api', type: 'ClusterIP', port: ['api', 8080] }),
  },
  'nfs default': {
    reason: 'adapter Services default to LoadBalancer on the NFS port 12049',
    build: () => adapterService(server(), 'nfs'),
    want: svc({ name: 'demo-nfs', component: 'nfs', type: 'LoadBalancer', port: ['nfs', 12049] }),
  },
  'smb custom': {
    reason: 'spec.adapterServices type and annotations, and the SMB port',
    build: () =>
      adapterService(
        server({
          adapters: { smb: { enabled: true, port: 1445 } },
          adapterServices: { type: 'NodePort', annotations: LB },
        }),
        'smb',
      ),
    want: svc({
      name: 'demo-smb',
      component: 'smb',
      type: 'NodePort',
      port: ['smb', 1445],
      annotations: LB,
    }),
  },
  metrics: {
    reason: 'always ClusterIP, with Prometheus discovery annotations naming port and path',
    build: () => metricsService(server({ metrics: { enabled: true, port: 9100 } })),
    want: svc({
      name: 'demo-metrics',
      component: 'metrics',
      type: 'ClusterIP',
      port: ['metrics', 9100],
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9100',
        'prometheus.io/path': '/metrics',
      },
    }),
  },
};

describe('Services', () => {
  it.each(Object.entries(cases))('%s', (_name, { build, want }) => {
    const got = build();
    expect(got).toStrictEqual(want);
    expect(validateKubeObject(got)).toEqual([]);
  });
});
