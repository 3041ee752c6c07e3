/** The `dittofs` server container of the Deployment. */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { DittoServer } from '../api/parse.js';
import { CONFIG_KEY } from './config-map.js';
import { databaseEnv } from './database-env.js';
import { fromSecret, type EnvVar } from './env.js';
import { ADMIN_PASSWORD_KEY, JWT_SECRET_KEY } from './identity-secrets.js';
import { serverProbes } from './probes.js';
import { resourceRequirements } from './resource-requirements.js';
import type { VolumeClaim } from '../safety/volumes.js';
import { containerSecurityContext } from './security-context.js';

/** Where the ConfigMap is mounted; the server reads `/config/config.yaml`. */
export const CONFIG_DIR = '/config';

/** The JWT signing key and the first-boot admin password, from the user's or our Secrets. */
function identityEnv(server: DittoServer): EnvVar[] {
  const { jwt, admin } = server.spec.identity;
  const jwtRef = jwt?.secretRef ?? { name: server.names.jwtSecret, key: JWT_SECRET_KEY };
  const adminRef = admin?.passwordSecretRef ?? {
    name: server.names.adminSecret,
    key: ADMIN_PASSWORD_KEY,
  };
  return [
    fromSecret('DITTOFS_CONTROLPLANE_SECRET', jwtRef.name, jwtRef.key),
    // Read on first boot only; without it the server invents a password nobody can see.
    fromSecret('DITTOFS_ADMIN_INITIAL_PASSWORD', adminRef.name, adminRef.key),
  ];
}

/** The container ports; the adapters' must match the ports configured in the server. */
function containerPorts(server: DittoServer): IContainerPort[] {
  const { controlPlane, adapters, metrics } = server.spec;
  const ports: [boolean, string, number][] = [
    [true, 'api', controlPlane.port],
    [adapters.nfs.enabled, 'nfs', adapters.nfs.port],
    [adapters.smb.enabled, 'smb', adapters.smb.port],
    [metrics.enabled, 'metrics', metrics.port],
  ];
  return ports
    .filter(([enabled]) => enabled)
    .map(([, name, containerPort]) => ({ name, containerPort, protocol: 'TCP' }));
}

export function dittofsContainer(server: DittoServer, volumes: readonly VolumeClaim[]): IContainer {
  return {
    name: 'dittofs',
    image: server.image,
    imagePullPolicy: 'IfNotPresent',
    command: ['/app/dfs'],
    args: ['start', '--foreground', '--config', `${CONFIG_DIR}/${CONFIG_KEY}`],
    ports: containerPorts(server),
    env: [...identityEnv(server), ...databaseEnv(server)],
    ...resourceRequirements(server.spec.resources),
    securityContext: containerSecurityContext(server.spec.securityContext),
    volumeMounts: [
      { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
      ...volumes.map((claim) => ({ name: claim.volume, mountPath: claim.mountPath })),
    ],
    ...serverProbes(),
    // Lets endpoints drop the pod before SIGTERM, so no new NFS/SMB clients arrive mid-flush.
    lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 5'] } } },
  };
}
