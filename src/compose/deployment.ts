import type { DittoServer } from '../api/parse.js';
import { CONFIG_HASH_ANNOTATION, labels, serverSelector } from '../names.js';
import { dittofsContainer } from './dittofs-container.js';
import type { VolumeClaim } from '../safety/volumes.js';
import { podSecurityContext } from './security-context.js';
import type { Deployment } from './types.js';
import { waitForPostgresContainer } from './wait-for-postgres.js';

/**
 * The DittoFS Deployment `<n>`. Recreate, because the volumes are ReadWriteOnce: the old pod
 * must release them before the new one mounts them. The config hash in the pod template
 * rolls the pod when config.yaml changes.
 */
export function deployment(
  server: DittoServer,
  options: { configHash: string; volumes: readonly VolumeClaim[] },
): Deployment {
  const { spec, names } = server;
  const withPercona = server.database.type === 'postgres' && server.database.source === 'percona';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: names.deployment,
      namespace: server.namespace,
      labels: labels(server.name, 'server'),
    },
    spec: {
      replicas: spec.replicas,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: serverSelector(server.name) },
      template: {
        metadata: {
          labels: labels(server.name, 'server'),
          annotations: { [CONFIG_HASH_ANNOTATION]: options.configHash },
        },
        spec: {
          // The server never talks to the Kubernetes API, and needs no Service env vars.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurityContext(spec.podSecurityContext),
          terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
          ...(withPercona && { initContainers: [waitForPostgresContainer(server)] }),
          containers: [dittofsContainer(server, options.volumes)],
          volumes: [
            { name: 'config', configMap: { name: names.config } },
            // DittoFS's garbage collector writes under /tmp: a read-only root works.
            { name: 'tmp', emptyDir: {} },
            ...options.volumes.map((claim) => ({
              name: claim.volume,
              persistentVolumeClaim: { claimName: claim.name },
            })),
          ],
        },
      },
    },
  };
}
