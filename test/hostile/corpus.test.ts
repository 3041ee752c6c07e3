/**
 * The bad-spec corpus (test/hostile/corpus/*.yaml) through the whole function: each case
 * gives exactly one FATAL result with its exact one-line message, nothing of ours in the
 * desired state (earlier steps' desired state comes back untouched), no conditions, no
 * requirements, and a response that survives protobuf encoding.
 */
import {
  Resource,
  RunFunctionResponse,
  Severity,
  Target,
  type RunFunctionRequest,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import type { JsonObject } from '../fixtures/xr.js';
import { desiredObjects, request, responseJson, TEST_SECRET_KEY } from '../support/request.js';
import { loadCorpus, type CorpusCase } from './support/corpus.js';

const corpus = loadCorpus();

/** What an earlier pipeline step desired: it must pass through a FATAL response unchanged. */
const EARLIER_RESOURCES: Record<string, JsonObject> = {
  'team-network-policy': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'demo-files', namespace: 'team-a' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
};
const EARLIER_COMPOSITE = Resource.fromJSON({
  resource: {
    apiVersion: 'storage.dittofs.com/v1alpha1',
    kind: 'DittoServer',
    status: { note: 'set by an earlier step' },
  },
});

/**
 * The request Crossplane would send. The XR is a protobuf Struct, so on the wire it is an
 * object or absent: `xr: null` stands for absent.
 */
function corpusRequest(entry: CorpusCase): RunFunctionRequest {
  const req = request({
    xr: entry.xr === null ? {} : (entry.xr as Record<string, unknown>),
    desired: EARLIER_RESOURCES,
    ...(entry.input === undefined ? {} : { input: entry.input as JsonObject }),
  });
  if (entry.xr === null && req.observed) req.observed.composite = undefined;
  if (req.desired) req.desired.composite = EARLIER_COMPOSITE;
  return req;
}

describe('the bad-spec corpus', () => {
  it('holds at least 60 cases, each with a distinct reason', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map(({ reason }) => reason)).size).toBe(corpus.length);
  });

  it.each(corpus)('$file: $reason', (entry) => {
    const rsp = callFunction(corpusRequest(entry), { secretKey: TEST_SECRET_KEY });

    expect(rsp.results).toEqual([
      {
        severity: Severity.SEVERITY_FATAL,
        reason: 'InvalidSpec',
        target: Target.TARGET_COMPOSITE_AND_CLAIM,
        message: entry.fatal,
      },
    ]);
    expect(entry.fatal).not.toMatch(/[\r\n]/);
    expect(desiredObjects(rsp)).toEqual(EARLIER_RESOURCES);
    expect(rsp.desired?.composite).toEqual(EARLIER_COMPOSITE);
    expect(rsp.conditions).toEqual([]);
    expect(rsp.requirements?.resources).toEqual({});

    const decoded = RunFunctionResponse.decode(RunFunctionResponse.encode(rsp).finish());
    expect(responseJson(decoded)).toEqual(responseJson(rsp));
  });
});
