/**
 * The Deployment held at 0 replicas while a restore or a major upgrade runs on its
 * database (api.md §8): everything else as composed, so the same pod comes back after.
 */
import type { Deployment } from './types.js';

export function heldAtZero(deployment: Deployment): Deployment {
  const { spec } = deployment;
  return spec ? { ...deployment, spec: { ...spec, replicas: 0 } } : deployment;
}
