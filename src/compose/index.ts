/**
 * compose: from the parsed DittoServer and what Crossplane observes, the objects this
 * function desires, in the stable order of RESOURCE_KEYS. Data safety and ordering rules
 * are applied here; every object itself comes from a pure builder.
 */
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import { readCredentials, type Credentials } from '../observe/credentials.js';
import { at, text } from '../observe/fields.js';
import type { ObservedResources } from '../observe/observed.js';
import { perconaClusterReady } from '../observe/readiness.js';
import { RESOURCE_KEYS, type ResourceKey } from '../names.js';
import { backupSecret, s3Conf } from './backup-secret.js';
import { configHash, configMap, dittofsConfig } from './config-map.js';
import { keepPerconaCluster, keepVolume } from './data-safety.js';
import { deployment } from './deployment.js';
import { generatedSecretData } from './generated-values.js';
import { adminSecret, jwtSecret } from './identity-secrets.js';
import { perconaPGCluster } from './percona-pg-cluster.js';
import { persistentVolumeClaim, volumeClaims } from './pvc.js';
import { reuse } from './reuse.js';
import { adapterService, apiService, metricsService } from './services.js';
import type { KubeObject } from './types.js';

export type BackupPlan =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly credentials: Credentials; readonly secretName: string };

export type Composition = {
  /** The server after data-safety rules: what was actually composed. */
  readonly server: DittoServer;
  readonly resources: ReadonlyMap<ResourceKey, KubeObject>;
  readonly backup: BackupPlan;
  /** With Percona, the Deployment waits until the cluster is first observed ready. */
  readonly deploymentDeferred: boolean;
  readonly notices: readonly Notice[];
};

type Desired = Partial<Record<ResourceKey, KubeObject>>;

function composeBackup(
  req: RunFunctionRequest,
  server: DittoServer,
  observed: ObservedResources,
  desired: Desired,
): BackupPlan {
  const backup = server.percona?.backup;
  if (!backup) return { enabled: false };
  const credentials = readCredentials(req, backup.credentialsSecretRef);
  if (credentials.state === 'conf')
    return { enabled: true, credentials, secretName: backup.credentialsSecretRef.name };
  if (credentials.state === 'keys') {
    desired['backup-secret'] = backupSecret(
      server,
      s3Conf(credentials.accessKeyId, credentials.secretAccessKey),
    );
  } else {
    // Credentials are gone or broken: keep the s3.conf pgBackRest already uses, as it is.
    // An observed Secret without one has nothing worth keeping.
    const kept = text(at(observed['backup-secret'], 'data'), 's3.conf');
    if (kept !== undefined) {
      desired['backup-secret'] = backupSecret(server, Buffer.from(kept, 'base64').toString('utf8'));
    }
  }
  return { enabled: true, credentials, secretName: server.names.backupSecret };
}

/** The JWT and admin Secrets, unless the XR names its own: generated once, then carried over. */
function composeIdentitySecrets(
  server: DittoServer,
  observed: ObservedResources,
  secretKey: Buffer,
  desired: Desired,
): void {
  if (!server.spec.identity.jwt) {
    desired['jwt-secret'] = jwtSecret(
      server,
      generatedSecretData(server, secretKey, observed['jwt-secret'], [
        { key: 'jwt-secret', value: (derived) => derived },
      ]),
    );
  }
  if (!server.spec.identity.admin) {
    desired['admin-secret'] = adminSecret(
      server,
      generatedSecretData(server, secretKey, observed['admin-secret'], [
        { key: 'username', value: () => 'admin' },
        { key: 'password', value: (derived) => derived },
      ]),
    );
  }
}

export function compose(
  req: RunFunctionRequest,
  parsed: DittoServer,
  observed: ObservedResources,
  secretKey: Buffer,
): Composition {
  const { value: server, notices: perconaNotices } = keepPerconaCluster(parsed, observed);
  const notices: Notice[] = [...server.notices, ...perconaNotices];
  const desired: Desired = {};

  const config = reuse(server, 'config.yaml', () => {
    const text = dittofsConfig(server);
    return { text, hash: configHash(text) };
  });
  desired.config = reuse(server, 'config', () => configMap(server, config.text));
  const volumes = volumeClaims(server).map((claim) => {
    const kept = keepVolume(claim, observed[claim.key]);
    notices.push(...kept.notices);
    const volume = kept.value;
    desired[claim.key] = reuse(server, `pvc ${JSON.stringify(volume)}`, () =>
      persistentVolumeClaim(server, volume),
    );
    return volume;
  });
  composeIdentitySecrets(server, observed, secretKey, desired);
  desired['api-service'] = reuse(server, 'api-service', () => apiService(server));
  for (const adapter of ['nfs', 'smb'] as const) {
    if (!server.spec.adapters[adapter].enabled) continue;
    desired[`${adapter}-service`] = reuse(server, adapter, () => adapterService(server, adapter));
  }
  if (server.spec.metrics.enabled) {
    desired['metrics-service'] = reuse(server, 'metrics-service', () => metricsService(server));
  }

  const backup = composeBackup(req, server, observed, desired);
  const { percona } = server;
  if (percona) {
    const secretName = backup.enabled ? backup.secretName : undefined;
    desired.postgres = reuse(server, `postgres ${secretName ?? ''}`, () =>
      perconaPGCluster(server, percona, secretName),
    );
  }
  const deploymentDeferred =
    server.percona !== undefined &&
    !observed.deployment &&
    !(observed.postgres && perconaClusterReady(observed.postgres));
  if (!deploymentDeferred) {
    desired.deployment = reuse(server, `deployment ${JSON.stringify(volumes)}`, () =>
      deployment(server, { configHash: config.hash, volumes }),
    );
  }

  const resources = new Map<ResourceKey, KubeObject>();
  for (const key of RESOURCE_KEYS) {
    const object = desired[key];
    if (object) resources.set(key, object);
  }
  return { server, resources, backup, deploymentDeferred, notices };
}
