/**
 * The data-safety and ordering step: from the server the spec asks for and what is
 * observed, the server to compose. Changes that would destroy data are kept back with a
 * Notice saying what to do (api.md §6); the Deployment waits for its database (api.md §5).
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import type { Observation } from '../observe/observe.js';
import { planBackup, type BackupPlan } from './backup.js';
import { keepPerconaCluster, keepVolume } from './keep.js';
import { volumeClaims, type VolumeClaim } from './volumes.js';

export type Plan = {
  /** The server after the data-safety rules: what is actually composed. */
  readonly server: DittoServer;
  readonly volumes: readonly VolumeClaim[];
  readonly backup: BackupPlan;
  /** With Percona, the Deployment is first composed once the cluster is observed ready. */
  readonly deploymentDeferred: boolean;
  /** What a human must act on, from parsing and from the rules here. */
  readonly notices: readonly Notice[];
};

export function plan(asked: DittoServer, observation: Observation): Plan {
  const { resources } = observation;
  const percona = keepPerconaCluster(asked, resources);
  const server = percona.value;
  const volumes = volumeClaims(server).map((claim) => keepVolume(claim, resources[claim.key]));
  return {
    server,
    volumes: volumes.map(({ value }) => value),
    backup: planBackup(server, observation.credentials, resources['backup-secret']),
    deploymentDeferred:
      server.percona !== undefined && !resources.deployment && !observation.percona.ready,
    notices: [...server.notices, ...percona.notices, ...volumes.flatMap(({ notices }) => notices)],
  };
}
