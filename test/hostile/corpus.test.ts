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
import { runFunction } from '../../src/function.js';
import type { JsonObject } from '../fixtures/xr.js';
import { desiredObjects, request, responseJson, TEST_SECRET_KEY } from '../support/request.js';
import { loadCorpus, type CorpusCase } from './support/corpus.js';

const corpus = loadCorpus();

/** What an earlier pipeline step desired: it must pass through a FATAL response unchanged. */
const EARLIER_RESOURCES: Record<string, JsonObject> = {
  'network-policy': {
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
 * The request Crossplane would send. A non-object XR cannot come over the wire (the XR is
 * a protobuf Struct) but can reach runFunction in process, so it is set after building.
 */
function corpusRequest(entry: CorpusCase): RunFunctionRequest {
  const isObject = typeof entry.xr === 'object' && entry.xr !== null && !Array.isArray(entry.xr);
  const req = request({
    xr: isObject ? (entry.xr as Record<string, unknown>) : {},
    desired: EARLIER_RESOURCES,
    ...(entry.input === undefined ? {} : { input: entry.input as JsonObject }),
  });
  if (!isObject && req.observed?.composite) {
    // Deliberately ill-typed: the point is a value the type does not allow.
    req.observed.composite.resource = entry.xr as Record<string, unknown>;
  }
  if (req.desired) req.desired.composite = EARLIER_COMPOSITE;
  return req;
}

describe('the bad-spec corpus', () => {
  it('holds at least 60 cases, each with a distinct reason', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map(({ reason }) => reason)).size).toBe(corpus.length);
  });

  it.each(corpus)('$file: $reason', (entry) => {
    const rsp = runFunction(corpusRequest(entry), { secretKey: TEST_SECRET_KEY });

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
