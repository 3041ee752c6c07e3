/**
 * Readiness of each composed kind, from its observed state only (api.md §4). Each rule is
 * a small pure predicate over the observed object; a resource that is not observed is
 * never ready, which the caller enforces by not asking.
 */
import type { ResourceKey } from '../resources.js';
import { condition, integer, isFields, list, text, type Fields } from './fields.js';
import type { ObservedResources } from './observed.js';
import { perconaUpgradeReady } from './lifecycle.js';
import { perconaClusterReady } from './percona.js';

/**
 * A Deployment is ready when `spec.replicas` is 0 (stopped on purpose), or when the
 * controller has seen its latest generation and updated = available = spec.replicas,
 * with condition Available=True. `spec.replicas` defaults to 1 as in the API server.
 */
export function deploymentReady(deployment: Fields): boolean {
  const replicas = integer(deployment, 'spec', 'replicas') ?? 1;
  if (replicas === 0) return true;
  const generation = integer(deployment, 'metadata', 'generation') ?? 0;
  const observedGeneration = integer(deployment, 'status', 'observedGeneration') ?? -1;
  return (
    observedGeneration >= generation &&
    integer(deployment, 'status', 'updatedReplicas') === replicas &&
    integer(deployment, 'status', 'availableReplicas') === replicas &&
    condition(deployment, 'Available')?.status === 'True'
  );
}

/**
 * A PersistentVolumeClaim is ready when `status.phase` is Bound, or when the server is
 * stopped: with WaitForFirstConsumer storage a claim stays Pending until a pod uses it.
 */
export function persistentVolumeClaimReady(claim: Fields, serverStopped: boolean): boolean {
  return serverStopped || text(claim, 'status', 'phase') === 'Bound';
}

/**
 * A Service is ready once it exists; a LoadBalancer Service once
 * `status.loadBalancer.ingress` holds an address.
 */
export function serviceReady(service: Fields): boolean {
  if (text(service, 'spec', 'type') !== 'LoadBalancer') return true;
  return loadBalancerAddress(service) !== undefined;
}

/** Secrets, ConfigMaps, NetworkPolicies and Usages are ready once they exist. */
export function exists(_object: Fields): boolean {
  return true;
}

/**
 * A Job is ready once it completed: condition Complete=True, or `status.succeeded` >= 1 (a
 * controller that has counted the success but not yet written the condition).
 */
export function jobReady(job: Fields): boolean {
  return (
    condition(job, 'Complete')?.status === 'True' || (integer(job, 'status', 'succeeded') ?? 0) >= 1
  );
}

/** The first ingress IP or hostname of a LoadBalancer Service. */
export function loadBalancerAddress(service: Fields): string | undefined {
  for (const ingress of list(service, 'status', 'loadBalancer', 'ingress')) {
    if (!isFields(ingress)) continue;
    const address = text(ingress, 'ip') ?? text(ingress, 'hostname');
    if (address) return address;
  }
  return undefined;
}

const RULES: Readonly<Record<ResourceKey, (object: Fields, serverStopped: boolean) => boolean>> = {
  config: exists,
  'pvc-controlplane': persistentVolumeClaimReady,
  'pvc-metadata': persistentVolumeClaimReady,
  'pvc-content': persistentVolumeClaimReady,
  'jwt-secret': exists,
  'admin-secret': exists,
  'api-service': serviceReady,
  'nfs-service': serviceReady,
  'smb-service': serviceReady,
  'metrics-service': serviceReady,
  postgres: perconaClusterReady,
  'backup-secret': exists,
  deployment: deploymentReady,
  'configure-spec': exists,
  'network-policy': exists,
  connection: exists,
  'deletion-protection': exists,
  upgrade: perconaUpgradeReady,
};

/** Readiness of the resource composed under `key`: never ready until it is observed. */
export function composedReady(
  key: ResourceKey,
  observed: ObservedResources,
  serverStopped: boolean,
): boolean {
  const object = observed[key];
  return object !== undefined && RULES[key](object, serverStopped);
}
