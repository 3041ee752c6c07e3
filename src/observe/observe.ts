/**
 * observe: everything the function knows about what exists, read once per call from the
 * request: our observed objects (kind-checked), the Percona cluster's state, the backup
 * credentials Crossplane fetched for us, and the readiness of each observed object.
 * Nothing downstream reads the request again.
 */
import type { DittoServer } from '../api/parse.js';
import { ADMIN_REQUIREMENT, CREDENTIALS_REQUIREMENT, JWT_REQUIREMENT } from '../names.js';
import { RESOURCE_KEYS, type ComposedKey } from '../resources.js';
import type { FunctionRequest } from '../wire/types.js';
import { observeConfigure, observedJobs, type ConfigureObservation } from './configure.js';
import { readCredentials, type Credentials } from './credentials.js';
import { readIdentity, type Identity } from './identity.js';
import { readLifecycle, restoreReady, type LifecycleView } from './lifecycle.js';
import { observedResources, type ObservedResources, type UnexpectedKind } from './observed.js';
import { perconaView, type PerconaView } from './percona.js';
import { composedReady } from './readiness.js';
import { requiredObject } from './required.js';

export type Observation = {
  readonly resources: ObservedResources;
  readonly unexpected: readonly UnexpectedKind[];
  readonly percona: PerconaView;
  /** The S3 credentials Secret as pgBackRest can use it; undefined without backups. */
  readonly credentials: Credentials | undefined;
  /** The JWT key and admin password Secrets, and whether DittoFS would accept them. */
  readonly identity: Identity;
  /** The configure Jobs, their pods and the server they configure (api.md §7). */
  readonly configure: ConfigureObservation;
  /** Restores, upgrade and backups of the Percona cluster (api.md §8). */
  readonly lifecycle: LifecycleView;
  /** The readiness of each observed object (api.md §4); absent means not observed. */
  readonly ready: Readonly<Partial<Record<ComposedKey, boolean>>>;
};

export function observe(req: FunctionRequest, server: DittoServer): Observation {
  const { resources, unexpected } = observedResources(req.observedResources);
  const stopped = server.spec.replicas === 0;
  // Read whenever the spec configures backups, so a cluster kept by data safety has them too.
  const ref = server.perconaSettings.backup?.credentialsSecretRef;
  const ready: Partial<Record<ComposedKey, boolean>> = {};
  for (const key of RESOURCE_KEYS) {
    if (resources[key]) ready[key] = composedReady(key, resources, stopped);
  }
  const jobs = observedJobs(req.observedResources);
  for (const job of jobs) ready[job.key] = job.state === 'complete';
  const lifecycle = readLifecycle(req, server, resources);
  for (const restore of lifecycle.restores) ready[restore.key] = restoreReady(restore);
  return {
    resources,
    unexpected,
    percona: perconaView(resources.postgres),
    credentials: ref && readCredentials(requiredObject(req, CREDENTIALS_REQUIREMENT), ref),
    identity: readIdentity(server, {
      // Our own Secret when the server reads it and it is observed; else fetched by name.
      jwt:
        (server.spec.identity.jwt ? undefined : resources['jwt-secret']) ??
        requiredObject(req, JWT_REQUIREMENT),
      admin:
        (server.spec.identity.admin ? undefined : resources['admin-secret']) ??
        requiredObject(req, ADMIN_REQUIREMENT),
    }),
    configure: observeConfigure(req, jobs, resources.deployment, server.spec.replicas),
    lifecycle,
    ready,
  };
}
