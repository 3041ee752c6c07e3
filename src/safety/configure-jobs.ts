/**
 * Which configure Jobs are composed (api.md §7). A Job for the current hash only while the
 * server is observed available, so a Job never runs against a server that is not there; at
 * any other time every observed configure Job is kept exactly as observed and none is
 * added. An observed Job is dropped only in the response that composes its successor.
 */
import { createHash } from 'node:crypto';
import type { DittoServer } from '../api/parse.js';
import { desiredJson } from '../configure/desired.js';
import { CONFIGURE_HASH_LENGTH } from '../names.js';
import type { ObservedJob, ServerIdentity } from '../observe/configure.js';
import type { Fields } from '../observe/fields.js';
import type { Observation } from '../observe/observe.js';
import { configureJobKey, type ConfigureJobKey } from '../resources.js';

export type PlannedJob =
  /** Built from today's spec: the current hash's Job, not observed yet. */
  | { readonly key: ConfigureJobKey; readonly origin: 'new'; readonly hash: string }
  /** Rebuilt from what is observed, never from today's spec. */
  | { readonly key: ConfigureJobKey; readonly origin: 'kept'; readonly observed: Fields };

export type ConfigurePlan = {
  /** The bytes of desired.json, as ConfigMap `<n>-configure` carries them. */
  readonly desiredJson: string;
  /** The hash of desired.json and the observed server; undefined until one is observed. */
  readonly hash: string | undefined;
  /** Whether the observed server can be configured now (replicas, available). */
  readonly serving: boolean;
  readonly jobs: readonly PlannedJob[];
};

/**
 * 10 hex characters of SHA-256 over desired.json, the Deployment's uid and its generation,
 * NUL-separated: a changed configuration, a re-created or a rolled server each give a new
 * hash, and so a new Job.
 */
export function configureHash(
  json: string,
  server: Pick<ServerIdentity, 'uid' | 'generation'>,
): string {
  return createHash('sha256')
    .update(`${json}\0${server.uid}\0${server.generation}`)
    .digest('hex')
    .slice(0, CONFIGURE_HASH_LENGTH);
}

const kept = (job: ObservedJob): PlannedJob => ({
  key: job.key,
  origin: 'kept',
  observed: job.body,
});

export function planConfigure(
  server: DittoServer,
  { configure }: Observation,
  held: boolean,
): ConfigurePlan {
  const json = desiredJson(server.configuration);
  const identity = configure.server;
  const hash = identity && configureHash(json, identity);
  // A server being held at 0 replicas (a restore, an upgrade) is going away: no new Job.
  const serving = identity?.serving === true && !held;
  if (hash === undefined || !serving) {
    return { desiredJson: json, hash, serving, jobs: configure.jobs.map(kept) };
  }
  const key = configureJobKey(hash);
  const current = configure.jobs.find((job) => job.key === key);
  return {
    desiredJson: json,
    hash,
    serving,
    jobs: [current ? kept(current) : { key, origin: 'new', hash }],
  };
}
