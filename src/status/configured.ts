/**
 * The `Configured` verdict (api.md §7) and the status fields of the configure step:
 * `configuration {applied, hash}` and `shares`, where clients mount each share.
 */
import type { DittoServer } from '../api/parse.js';
import type { DittoServerStatus } from '../api/status.js';
import { configureJobName } from '../names.js';
import { failureMessage, jobFailure } from '../observe/configure.js';
import type { Endpoint, Endpoints } from '../observe/endpoints.js';
import type { Observation } from '../observe/observe.js';
import { configureJobKey } from '../resources.js';
import type { Plan } from '../safety/plan.js';
import { ConditionStatus } from '../wire/types.js';

export type ConfiguredVerdict = {
  readonly status: ConditionStatus;
  readonly reason: 'Waiting' | 'Applying' | 'Applied' | 'Failed' | 'Stopped';
  readonly message: string;
};

const FALSE = ConditionStatus.FALSE;

export function configuredVerdict(
  { server, configure, lifecycle }: Plan,
  observation: Observation,
): ConfiguredVerdict {
  if (server.spec.replicas === 0) {
    return {
      status: FALSE,
      reason: 'Stopped',
      message: 'The server is stopped (spec.replicas is 0); it is configured again when it starts',
    };
  }
  const deployment = `Deployment ${server.names.deployment}`;
  const { hash } = configure;
  if (hash === undefined) {
    return {
      status: FALSE,
      reason: 'Waiting',
      message: `${deployment} does not exist yet; the server is configured once it is available`,
    };
  }
  // Held like a stopped server: even a completed Job no longer speaks for the server that
  // comes back (a restore rewrites its control-plane database; the scale bumps the hash).
  if (lifecycle.hold) {
    return {
      status: FALSE,
      reason: 'Waiting',
      message: `${deployment} is held at 0 replicas while ${lifecycle.hold.object} runs; the server is configured again once it is back`,
    };
  }
  const name = configureJobName(server.name, hash);
  const job = observation.configure.jobs.find(({ key }) => key === configureJobKey(hash));
  if (job?.state === 'complete') {
    return {
      status: ConditionStatus.TRUE,
      reason: 'Applied',
      message: `Job ${name} applied the spec: its stores, shares and adapters are configured`,
    };
  }
  if (!configure.serving) {
    return {
      status: FALSE,
      reason: 'Waiting',
      message: `${deployment} is not available yet; the server is configured once it is`,
    };
  }
  const said = failureMessage(observation.configure.pods, name);
  if (job?.state === 'failed') {
    // The program's own words; without them (a pod lost, a deadline), the Job's.
    const why = jobFailure(job.body);
    const message = said ?? `Job ${name} failed${why ? `: ${why}` : ''}`;
    return { status: FALSE, reason: 'Failed', message };
  }
  return {
    status: FALSE,
    reason: 'Applying',
    message: !job
      ? `Job ${name} is created to configure the server`
      : `Job ${name} is configuring the server${said ? `; an attempt failed: ${said}` : ''}`,
  };
}

/** `<host>:<port>:/<name>` and `//<host>:<port>/<name>` per share; empty for an adapter off. */
export function sharesStatus(
  server: DittoServer,
  endpoints: Endpoints,
): DittoServerStatus['shares'] {
  const at = (endpoint: Endpoint | undefined, format: (host: string, port: number) => string) =>
    endpoint ? format(endpoint.host, endpoint.port) : '';
  return server.shares.map(({ name }) => ({
    name,
    nfs: at(endpoints.nfs, (host, port) => `${host}:${port}:/${name}`),
    smb: at(endpoints.smb, (host, port) => `//${host}:${port}/${name}`),
  }));
}

/** Whether the current configuration is applied, and its hash ('' before a server exists). */
export function configurationStatus(
  { configure }: Plan,
  verdict: ConfiguredVerdict,
): DittoServerStatus['configuration'] {
  return { applied: verdict.reason === 'Applied', hash: configure.hash ?? '' };
}
