/**
 * The warm-up requests the code cache is cut after (src/warm-up/): they must take the function
 * through the paths real calls take, or the cache leaves those to compile at the first call.
 * Each is summarised as the function answers it in-process.
 */
import {
  Ready,
  RunFunctionRequest,
  Severity,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runSdk } from '../../src/wire/sdk-handler.js';
import { warmUpRequests, warmUpRequestsJson } from '../../src/warm-up/warm-up.js';

function summary(json: Record<string, unknown>, rsp: RunFunctionResponse) {
  const request = RunFunctionRequest.fromJSON(json);
  const desired = Object.values(rsp.desired?.resources ?? {});
  return {
    xr: (request.observed?.composite?.resource?.metadata as { name?: string } | undefined)?.name,
    observed: Object.keys(request.observed?.resources ?? {}).length,
    credentials: Object.keys(request.requiredResources).length,
    results: rsp.results.map((result) => `${Severity[result.severity]} ${result.reason ?? ''}`),
    desired: desired.length,
    ready: desired.filter((resource) => resource.ready === Ready.READY_TRUE).length,
    available: rsp.conditions.find((condition) => condition.type === 'Available')?.reason,
  };
}

describe('warm-up requests', () => {
  it('reconcile Percona with backups and an external database to ready, and an invalid XR', () => {
    const requests = warmUpRequestsJson();
    expect(
      requests.map((json) => summary(json, runSdk(RunFunctionRequest.fromJSON(json)))),
    ).toEqual([
      // reason: first reconcile, the credentials Secret not yet fetched (warning path)
      {
        xr: 'percona',
        observed: 0,
        credentials: 0,
        results: ['SEVERITY_WARNING CredentialsNotFound'],
        desired: 11,
        ready: 0,
        available: 'WaitingForDatabase',
      },
      // reason: the database is ready and the credentials found: Deployment and backup Secret follow
      {
        xr: 'percona',
        observed: 11,
        credentials: 1,
        results: [],
        desired: 13,
        ready: 11,
        available: 'Creating',
      },
      // reason: everything observed ready
      {
        xr: 'percona',
        observed: 13,
        credentials: 1,
        results: [],
        desired: 13,
        ready: 13,
        available: 'Available',
      },
      // reason: external PostgreSQL, nothing observed (the content volume is composed by default)
      {
        xr: 'external',
        observed: 0,
        credentials: 0,
        results: [],
        desired: 8,
        ready: 0,
        available: 'Creating',
      },
      // reason: external PostgreSQL, everything observed ready
      {
        xr: 'external',
        observed: 8,
        credentials: 1,
        results: [],
        desired: 8,
        ready: 8,
        available: 'Available',
      },
      // reason: steady state, the path of every later reconcile
      {
        xr: 'external',
        observed: 8,
        credentials: 1,
        results: [],
        desired: 8,
        ready: 8,
        available: 'Available',
      },
      // reason: the FATAL path with its field-by-field message
      {
        xr: 'invalid',
        observed: 0,
        credentials: 0,
        results: ['SEVERITY_FATAL InvalidSpec'],
        desired: 0,
        ready: 0,
        available: undefined,
      },
    ]);
  });

  it('are sent as the protobuf encoding of those requests', () => {
    expect(
      warmUpRequests().map((bytes) => RunFunctionRequest.toJSON(RunFunctionRequest.decode(bytes))),
    ).toEqual(
      warmUpRequestsJson().map((json) =>
        RunFunctionRequest.toJSON(RunFunctionRequest.fromJSON(json)),
      ),
    );
  });
});
