/**
 * `spec.deletionProtection`: a Crossplane Usage that protects the XR itself, so deleting a
 * DittoServer (and with it, through owner references, its volumes) is refused until the
 * protection is turned off (api.md §6). A legacy XR is cluster-scoped: a ClusterUsage.
 */
import type { DittoServer } from '../api/parse.js';
import type { ClusterUsage, Usage } from '../generated/crossplane.js';
import { labels } from '../names.js';
import type { ObjectMeta } from './types.js';

export type DeletionProtection =
  | (Omit<Usage, 'metadata' | 'status' | 'apiVersion' | 'kind'> & {
      apiVersion: 'protection.crossplane.io/v1beta1';
      kind: 'Usage';
      metadata: ObjectMeta;
    })
  | (Omit<ClusterUsage, 'metadata' | 'status' | 'apiVersion' | 'kind'> & {
      apiVersion: 'protection.crossplane.io/v1beta1';
      kind: 'ClusterUsage';
      metadata: Omit<ObjectMeta, 'namespace'>;
    });

export function deletionProtection(server: DittoServer): DeletionProtection {
  const { composite, name } = server;
  const spec = {
    of: { apiVersion: composite.apiVersion, kind: composite.kind, resourceRef: { name } },
    reason: `spec.deletionProtection is true: deleting ${composite.kind} ${name} would delete its volumes; set it to false first`,
  };
  const metadata = { name: server.names.deletionProtection, labels: labels(name, 'protection') };
  return composite.clusterScoped
    ? { apiVersion: 'protection.crossplane.io/v1beta1', kind: 'ClusterUsage', metadata, spec }
    : {
        apiVersion: 'protection.crossplane.io/v1beta1',
        kind: 'Usage',
        metadata: { ...metadata, namespace: server.namespace },
        spec,
      };
}
