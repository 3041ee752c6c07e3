/**
 * compose: the objects this function desires, from the plan the data-safety step made and
 * what is observed, in the stable order of RESOURCE_KEYS. Every object comes from a pure
 * builder; nothing is cached, so every call builds from its own inputs.
 */
import type { Observation } from '../observe/observe.js';
import { serverEndpoints } from '../observe/endpoints.js';
import { RESOURCE_KEYS, type ComposedKey, type ResourceKey } from '../resources.js';
import type { Plan } from '../safety/plan.js';
import { backupSecret } from './backup-secret.js';
import { configureJob, configureSpec } from './configure-job.js';
import { connectionSecret, connectionValues } from './connection-secret.js';
import { configHash, configMap, dittofsConfig } from './config-map.js';
import { deletionProtection } from './deletion-protection.js';
import { deployment } from './deployment.js';
import { generatedSecretData } from './generated-values.js';
import { keptJob } from './kept-job.js';
import { networkPolicy } from './network-policy.js';
import { heldAtZero } from './held.js';
import { ADMIN_PASSWORD_KEY, adminSecret, JWT_SECRET_KEY, jwtSecret } from './identity-secrets.js';
import { perconaPGCluster } from './percona-pg-cluster.js';
import { perconaPGRestore } from './percona-restore.js';
import { perconaPGUpgrade } from './percona-upgrade.js';
import { persistentVolumeClaim } from './pvc.js';
import { adapterService, apiService, metricsService } from './services.js';
import type { Manifest } from './types.js';

export type Composition = ReadonlyMap<ComposedKey, Manifest>;

type Desired = Partial<Record<ResourceKey, Manifest>>;

/**
 * The function's own JWT and admin Secrets: generated once, then carried over from the
 * Secret of that name, observed or fetched by name, so their values never change.
 */
function composeIdentitySecrets(
  { server, generatedSecrets }: Plan,
  { resources, identity }: Observation,
  secretKey: Buffer,
  desired: Desired,
): void {
  // While the server reads our Secret, `identity` holds it (observed or fetched); once the
  // XR names its own, ours is kept as observed.
  const jwt = identity.jwt.generated ? identity.jwt.secret : resources['jwt-secret'];
  const admin = identity.admin.generated ? identity.admin.secret : resources['admin-secret'];
  if (generatedSecrets.jwt) {
    desired['jwt-secret'] = jwtSecret(
      server,
      generatedSecretData(server, secretKey, jwt, [
        { key: JWT_SECRET_KEY, value: (derived) => derived },
      ]),
    );
  }
  if (generatedSecrets.admin) {
    desired['admin-secret'] = adminSecret(
      server,
      generatedSecretData(server, secretKey, admin, [
        { key: 'username', value: () => 'admin' },
        { key: ADMIN_PASSWORD_KEY, value: (derived) => derived },
      ]),
    );
  }
}

function composeServices({ server }: Plan, desired: Desired): void {
  desired['api-service'] = apiService(server);
  for (const adapter of ['nfs', 'smb'] as const) {
    if (server.spec.adapters[adapter].enabled) {
      desired[`${adapter}-service`] = adapterService(server, adapter);
    }
  }
  if (server.spec.metrics.enabled) desired['metrics-service'] = metricsService(server);
}

function composeDatabase({ server, backup, lifecycle }: Plan, desired: Desired): void {
  if (backup.s3Conf !== undefined) {
    desired['backup-secret'] = backupSecret(server, backup.s3Conf);
  }
  if (server.percona && !lifecycle.clusterHeld) {
    desired.postgres = perconaPGCluster(
      server,
      server.percona,
      backup.enabled ? backup.secretName : undefined,
      lifecycle.dataSource,
    );
  }
  if (lifecycle.upgrade) desired.upgrade = perconaPGUpgrade(server, lifecycle.upgrade);
}

/** The configure Jobs the plan keeps or adds (api.md §7), in key order. */
function configureJobs({ server, configure }: Plan): [ComposedKey, Manifest][] {
  return configure.jobs.map((job) => [
    job.key,
    job.origin === 'new' ? configureJob(server, job.hash) : keptJob(server, job.observed),
  ]);
}

/** The connection values (api.md §3), from the endpoints and the admin Secret observed. */
export function connection(plan: Plan, observation: Observation) {
  const endpoints = serverEndpoints(plan.server, observation.resources);
  return connectionValues(plan.server, endpoints, observation.identity.admin);
}

export function compose(plan: Plan, observation: Observation, secretKey: Buffer): Composition {
  const { server, volumes } = plan;
  const desired: Desired = {};
  const configYaml = dittofsConfig(server);
  desired.config = configMap(server, configYaml);
  for (const volume of volumes) desired[volume.key] = persistentVolumeClaim(server, volume);
  composeIdentitySecrets(plan, observation, secretKey, desired);
  composeServices(plan, desired);
  composeDatabase(plan, desired);
  if (server.spec.deletionProtection) desired['deletion-protection'] = deletionProtection(server);
  if (plan.deploymentHeld === undefined) {
    const built = deployment(server, { configHash: configHash(configYaml), volumes });
    desired.deployment = plan.lifecycle.hold ? heldAtZero(built) : built;
  }
  desired['configure-spec'] = configureSpec(server, plan.configure.desiredJson);
  if (server.spec.networkPolicy.enabled) desired['network-policy'] = networkPolicy(server);
  desired.connection = connectionSecret(server, connection(plan, observation));
  const composition = new Map<ComposedKey, Manifest>();
  for (const key of RESOURCE_KEYS) {
    const manifest = desired[key];
    if (manifest) composition.set(key, manifest);
    // Each Job right after the desired.json it runs on.
    if (key === 'configure-spec')
      for (const [job, body] of configureJobs(plan)) composition.set(job, body);
  }
  for (const restore of plan.lifecycle.restores) {
    composition.set(restore.key, perconaPGRestore(server, restore));
  }
  return composition;
}
