/**
 * RunFunction for DittoServer, read top to bottom: parse the XR and Input, observe what
 * exists, compose the desired objects, judge their readiness, derive status, respond.
 */
import type {
  FunctionHandler,
  Logger,
  ResourceSelector,
  RunFunctionRequest,
  RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { durationSeconds } from './api/input.js';
import { parseDittoServer, type DittoServer } from './api/parse.js';
import { compose } from './compose/index.js';
import { defaultSecretKey } from './compose/generated-values.js';
import { CREDENTIALS_REQUIREMENT } from './names.js';
import { observe } from './observe/observed.js';
import { composedReady } from './observe/readiness.js';
import { fatalResponse, respond } from './response.js';
import { deriveConditions } from './status/conditions.js';
import { deriveResults } from './status/results.js';
import { deriveStatus } from './status/status.js';

export type FunctionOptions = {
  /**
   * Key from which generated Secret values (JWT key, admin password) are derived before
   * they exist. Defaults to 32 random bytes per process; tests and `render --seed` pass one
   * so their output is reproducible.
   */
  readonly secretKey?: Buffer;
};

/** Used when the Input cannot be read: the SDK's and Crossplane's customary 60 s. */
const FALLBACK_TTL_SECONDS = 60;

/** The backup credentials Secret, asked for identically on every call while backups are on. */
function requirements(server: DittoServer): Record<string, ResourceSelector> {
  const ref = server.percona?.backup?.credentialsSecretRef;
  if (!ref) return {};
  return {
    [CREDENTIALS_REQUIREMENT]: {
      apiVersion: 'v1',
      kind: 'Secret',
      matchName: ref.name,
      namespace: server.namespace,
    },
  };
}

/** The whole pipeline. Never throws on any request; bad input gives one FATAL result. */
export function runFunction(
  req: RunFunctionRequest,
  options: FunctionOptions = {},
): RunFunctionResponse {
  const parsed = parseDittoServer(req.observed?.composite?.resource, req.input);
  if (!parsed.ok) return fatalResponse(req, parsed.message, FALLBACK_TTL_SECONDS);

  const observation = observe(req);
  const observed = observation.resources;
  const composition = compose(
    req,
    parsed.server,
    observed,
    options.secretKey ?? defaultSecretKey(),
  );
  const { server } = composition;
  const stopped = server.spec.replicas === 0;
  const resources = new Map(
    [...composition.resources].map(([key, object]) => [
      key,
      { object, ready: composedReady(key, observed, stopped) },
    ]),
  );
  return respond(req, {
    ttlSeconds: durationSeconds(server.input.ttl),
    resources,
    status: deriveStatus(composition, observed),
    conditions: deriveConditions(composition, observed),
    results: deriveResults(composition, observation),
    requirements: requirements(server),
  });
}

/** The gRPC-facing handler, for the SDK's FunctionRunner. */
export class DittoServerFunction implements FunctionHandler {
  constructor(private readonly options: FunctionOptions = {}) {}

  RunFunction(req: RunFunctionRequest, _logger?: Logger): Promise<RunFunctionResponse> {
    return Promise.resolve(runFunction(req, this.options));
  }
}
