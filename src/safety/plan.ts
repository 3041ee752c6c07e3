/**
 * The data-safety and ordering step: from the server the spec asks for and what is
 * observed, the server to compose. Changes that would destroy data are kept back with a
 * Notice saying what to do (api.md §6); the Deployment waits for its database and for
 * identity Secrets DittoFS accepts (api.md §5, §6).
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import type { Observation } from '../observe/observe.js';
import { planBackup, type BackupPlan } from './backup.js';
import { planConfigure, type ConfigurePlan } from './configure-jobs.js';
import { keepGeneratedSecrets, type GeneratedSecrets } from './keep-identity.js';
import { keepPercona } from './keep-percona.js';
import { keepUnaskedVolumes, keepVolume } from './keep-volumes.js';
import { planLifecycle, type LifecyclePlan } from './lifecycle.js';
import { volumeClaims, type VolumeClaim } from './volumes.js';

/** Why a Deployment that is not observed yet is not composed on this call. */
export type DeploymentHold = 'database' | 'identity' | 'restore' | 'upgrade' | undefined;

export type Plan = {
  /** The server after the data-safety rules: what is actually composed. */
  readonly server: DittoServer;
  readonly volumes: readonly VolumeClaim[];
  readonly backup: BackupPlan;
  readonly generatedSecrets: GeneratedSecrets;
  /** The Deployment is first composed once its database is ready and its Secrets valid. */
  readonly deploymentHeld: DeploymentHold;
  /** desired.json, its hash and the configure Jobs to compose (api.md §7). */
  readonly configure: ConfigurePlan;
  /** Restores, upgrade, bootstrap, and the server held at 0 replicas meanwhile (api.md §8). */
  readonly lifecycle: LifecyclePlan;
  /** What a human must act on, from parsing and from the rules here. */
  readonly notices: readonly Notice[];
};

function deploymentHold(
  server: DittoServer,
  observation: Observation,
  lifecycle: LifecyclePlan,
): DeploymentHold {
  if (observation.resources.deployment) return undefined;
  if (lifecycle.hold) return lifecycle.hold.operation;
  if (server.percona && !observation.percona.ready) return 'database';
  const { jwt, admin } = observation.identity;
  return jwt.problem !== undefined || admin.problem !== undefined ? 'identity' : undefined;
}

export function plan(asked: DittoServer, observation: Observation): Plan {
  const { resources, percona } = observation;
  const kept = keepPercona(asked, resources, percona.spec);
  const backup = planBackup(
    kept.value,
    observation.credentials,
    resources['backup-secret'],
    percona,
  );
  const lifecycle = planLifecycle(kept.value, observation, backup.value);
  const { server } = lifecycle.value;
  const volumes = volumeClaims(server).map((claim) => keepVolume(claim, resources[claim.key]));
  const asking = volumes.map(({ value }) => value);
  const unasked = keepUnaskedVolumes(asking, resources);
  const secrets = keepGeneratedSecrets(server, resources, observation.identity);
  return {
    server,
    volumes: [...asking, ...unasked.value],
    backup: backup.value,
    generatedSecrets: secrets.value,
    deploymentHeld: deploymentHold(server, observation, lifecycle.value.lifecycle),
    configure: planConfigure(server, observation, lifecycle.value.lifecycle.hold !== undefined),
    lifecycle: lifecycle.value.lifecycle,
    notices: [
      ...server.notices,
      ...kept.notices,
      ...volumes.flatMap(({ notices }) => notices),
      ...unasked.notices,
      ...backup.notices,
      ...secrets.notices,
      ...lifecycle.notices,
    ],
  };
}
