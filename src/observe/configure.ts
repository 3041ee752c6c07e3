/**
 * What is observed of the configure step (api.md §7): the configure Jobs under their
 * `configure-<hash>` keys, the Deployment they configure, and the Jobs' pods, which
 * Crossplane fetches by label so a failed Job can say why in the program's own words.
 */
import { CONFIGURE_PODS_REQUIREMENT } from '../names.js';
import { isConfigureJobKey, type ConfigureJobKey } from '../resources.js';
import type { FunctionRequest } from '../wire/types.js';
import { condition, integer, isFields, list, text, type Fields } from './fields.js';
import { isConfigureJob } from './observed.js';
import { deploymentReady, jobReady } from './readiness.js';
import { requiredObjects } from './required.js';

/** Where a configure Job stands, as its controller reports it. */
export type JobState = 'running' | 'complete' | 'failed';

export type ObservedJob = {
  readonly key: ConfigureJobKey;
  readonly name: string;
  /** The Job as observed, which a kept Job is rebuilt from. */
  readonly body: Fields;
  readonly state: JobState;
};

/** The observed Deployment as the configure step reads it. */
export type ServerIdentity = {
  /** `metadata.uid` and `metadata.generation`: a new or rolled server is configured again. */
  readonly uid: string;
  readonly generation: number;
  /** Observed with replicas and available: a Job can reach its API. */
  readonly serving: boolean;
};

export type ConfigureObservation = {
  /** The configure Jobs observed, by key. */
  readonly jobs: readonly ObservedJob[];
  /** Undefined until a Deployment with a uid is observed. */
  readonly server: ServerIdentity | undefined;
  /** The configure Jobs' pods Crossplane fetched (every hash's). */
  readonly pods: readonly Fields[];
};

/** The name of the program's container in the Job's pod. */
export const CONFIGURE_CONTAINER = 'configure';

/** A termination message is the program's one line; anything longer is cut to this. */
const MESSAGE_LIMIT = 400;

function jobState(job: Fields): JobState {
  if (jobReady(job)) return 'complete';
  return condition(job, 'Failed')?.status === 'True' ? 'failed' : 'running';
}

/** Observed configure Jobs, in key order; what is not one is reported by observedResources. */
export function observedJobs(observed: Readonly<Record<string, Fields>>): readonly ObservedJob[] {
  return Object.keys(observed)
    .filter(isConfigureJobKey)
    .sort()
    .flatMap((key) => {
      const body = observed[key];
      if (!body || !isConfigureJob(body)) return [];
      return [{ key, name: text(body, 'metadata', 'name') ?? '', body, state: jobState(body) }];
    });
}

function serverIdentity(
  deployment: Fields | undefined,
  wanted: boolean,
): ServerIdentity | undefined {
  const uid = text(deployment, 'metadata', 'uid');
  if (!deployment || uid === undefined || uid === '') return undefined;
  const replicas = integer(deployment, 'spec', 'replicas') ?? 1;
  return {
    uid,
    generation: integer(deployment, 'metadata', 'generation') ?? 0,
    // deploymentReady counts a Deployment at 0 replicas as ready: no server to configure.
    serving: wanted && replicas > 0 && deploymentReady(deployment),
  };
}

export function observeConfigure(
  req: FunctionRequest,
  jobs: readonly ObservedJob[],
  deployment: Fields | undefined,
  replicas: number,
): ConfigureObservation {
  return {
    jobs,
    server: serverIdentity(deployment, replicas > 0),
    pods: requiredObjects(req, CONFIGURE_PODS_REQUIREMENT),
  };
}

type Termination = { readonly message: string; readonly finishedAt: string; readonly pod: string };

/** The program's last words in a pod: a non-zero exit's message, now or in its last state. */
function termination(pod: Fields): Termination | undefined {
  const container = list(pod, 'status', 'containerStatuses').find(
    (entry) => text(entry, 'name') === CONFIGURE_CONTAINER,
  );
  for (const state of ['state', 'lastState']) {
    const ended = isFields(container) ? container[state] : undefined;
    const message = text(ended, 'terminated', 'message')?.trim();
    if (!message || integer(ended, 'terminated', 'exitCode') === 0) continue;
    return {
      message,
      finishedAt: text(ended, 'terminated', 'finishedAt') ?? '',
      pod: text(pod, 'metadata', 'name') ?? '',
    };
  }
  return undefined;
}

/** The first line of `message`, at most MESSAGE_LIMIT characters. */
function oneLine(message: string): string {
  const line = message.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT)}…` : line;
}

/**
 * Why the Job `jobName` failed in the program's words: the termination message of its pod
 * that ended last (by finish time, then name, so the choice never depends on order).
 */
export function failureMessage(pods: readonly Fields[], jobName: string): string | undefined {
  const ends = pods
    .filter((pod) => {
      const labels = (key: string) => text(pod, 'metadata', 'labels', key);
      return labels('batch.kubernetes.io/job-name') === jobName || labels('job-name') === jobName;
    })
    .flatMap((pod) => termination(pod) ?? []);
  const last = ends.reduce<Termination | undefined>((latest, end) => {
    if (!latest) return end;
    const later = end.finishedAt > latest.finishedAt;
    const tie = end.finishedAt === latest.finishedAt && end.pod > latest.pod;
    return later || tie ? end : latest;
  }, undefined);
  return last && oneLine(last.message);
}

/** The Job's own reason for failing (`BackoffLimitExceeded: ...`); '' when it gives none. */
export function jobFailure(job: Fields): string {
  for (const entry of list(job, 'status', 'conditions')) {
    if (text(entry, 'type') !== 'Failed') continue;
    const reason = text(entry, 'reason') ?? '';
    const message = oneLine(text(entry, 'message') ?? '');
    return [reason, message].filter((part) => part !== '').join(': ');
  }
  return '';
}
