/**
 * RunFunction for DittoServer, read top to bottom: parse the XR and the Input, observe
 * what exists, apply the data-safety rules, compose, judge, and respond.
 */
import { durationSeconds } from './api/input.js';
import { parseDittoServer } from './api/parse.js';
import { compose, connection } from './compose/index.js';
import { defaultSecretKey } from './compose/generated-values.js';
import { observe } from './observe/observe.js';
import { respond } from './response.js';
import { fatalResponse } from './wire/fatal.js';
import { requirements } from './requirements.js';
import { plan } from './safety/plan.js';
import { deriveConditions } from './status/conditions.js';
import { deriveResults } from './status/results.js';
import { deriveStatus } from './status/status.js';
import { judge } from './status/verdicts.js';
import { Ready, type FunctionRequest, type FunctionResponse } from './wire/types.js';

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

/** The whole pipeline. Never throws on any request; bad input gives one FATAL result. */
export function runFunction(req: FunctionRequest, options: FunctionOptions = {}): FunctionResponse {
  const parsed = parseDittoServer(req.observedComposite, req.input);
  if (!parsed.ok) return fatalResponse(req, parsed.message, FALLBACK_TTL_SECONDS, 'InvalidSpec');

  const observation = observe(req, parsed.server);
  const decided = plan(parsed.server, observation);
  const composition = compose(decided, observation, options.secretKey ?? defaultSecretKey());
  const verdicts = judge(decided, observation);
  return respond(req, {
    ttlSeconds: durationSeconds(decided.server.input.ttl),
    composed: [...composition].map(([key, manifest]) => ({
      key,
      resource: manifest,
      ready: observation.ready[key] === true ? Ready.TRUE : Ready.FALSE,
    })),
    status: deriveStatus(decided, observation, verdicts),
    // Only a legacy XR has connection details; a modern one has the connection Secret.
    connectionDetails: decided.server.composite.clusterScoped
      ? connection(decided, observation)
      : {},
    conditions: deriveConditions(verdicts),
    results: deriveResults(decided, observation),
    requirements: requirements(parsed.server),
  });
}
