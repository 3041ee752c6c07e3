/**
 * NetworkPolicy `<n>` (api.md §3): the server pod takes connections only on the API port,
 * the enabled adapters' ports and the metrics port when enabled. Everything else it may
 * listen on (a disabled adapter, SMB's first-boot port 1445 before the configure step moves
 * it) is unreachable. Sources are not restricted: clients of a file server come from
 * anywhere the Services let them.
 */
import type { DittoServer } from '../api/parse.js';
import { labels, serverSelector } from '../names.js';
import type { NetworkPolicy } from './types.js';

export function networkPolicy(server: DittoServer): NetworkPolicy {
  const { controlPlane, adapters, metrics } = server.spec;
  const ports: [boolean, number][] = [
    [true, controlPlane.port],
    [adapters.nfs.enabled, adapters.nfs.port],
    [adapters.smb.enabled, adapters.smb.port],
    [metrics.enabled, metrics.port],
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: server.names.networkPolicy,
      namespace: server.namespace,
      labels: labels(server.name, 'network'),
    },
    spec: {
      podSelector: { matchLabels: serverSelector(server.name) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          ports: ports
            .filter(([enabled]) => enabled)
            .map(([, port]) => ({ protocol: 'TCP', port })),
        },
      ],
    },
  };
}
