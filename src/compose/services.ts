import type { SERVICE_TYPES } from '../api/kube.js';
import type { DittoServer } from '../api/parse.js';
import { labels, serverSelector, type Component } from '../names.js';
import { METRICS_PATH } from './config-map.js';
import type { Service } from './types.js';

type ServicePort = 'api' | 'nfs' | 'smb' | 'metrics';

/** Each port targets the container port of the same name, so a port change follows through. */
function service(
  server: DittoServer,
  options: {
    name: string;
    component: Component;
    type: (typeof SERVICE_TYPES)[number];
    annotations: Record<string, string> | undefined;
    port: { name: ServicePort; number: number };
  },
): Service {
  const { name, component, type, annotations, port } = options;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: server.namespace,
      labels: labels(server.name, component),
      ...(annotations !== undefined &&
        Object.keys(annotations).length > 0 && { annotations: { ...annotations } }),
    },
    spec: {
      type,
      selector: serverSelector(server.name),
      ports: [{ name: port.name, protocol: 'TCP', port: port.number, targetPort: port.name }],
    },
  };
}

/** Service `<n>-api`: the REST API and health endpoints. */
export function apiService(server: DittoServer): Service {
  const { service: spec, controlPlane } = server.spec;
  return service(server, {
    name: server.names.apiService,
    component: 'api',
    type: spec.type,
    annotations: spec.annotations,
    port: { name: 'api', number: controlPlane.port },
  });
}

/** Service `<n>-nfs` or `<n>-smb`, typed and annotated by spec.adapterServices. */
export function adapterService(server: DittoServer, adapter: 'nfs' | 'smb'): Service {
  const { adapterServices, adapters } = server.spec;
  return service(server, {
    name: adapter === 'nfs' ? server.names.nfsService : server.names.smbService,
    component: adapter,
    type: adapterServices.type,
    annotations: adapterServices.annotations,
    port: { name: adapter, number: adapters[adapter].port },
  });
}

/** Service `<n>-metrics`: cluster-internal, annotated for Prometheus discovery. */
export function metricsService(server: DittoServer): Service {
  const { port } = server.spec.metrics;
  return service(server, {
    name: server.names.metricsService,
    component: 'metrics',
    type: 'ClusterIP',
    annotations: {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': METRICS_PATH,
    },
    port: { name: 'metrics', number: port },
  });
}
