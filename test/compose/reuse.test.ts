/**
 * Objects built for a changed input are built again, and encode to the same bytes as the
 * SDK's encoder. (Without the parse cache, reuse() no longer hits across calls.)
 */
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../src/function.js';
import { encodeRunFunctionResponseFast } from '../../src/proto/encode-response.js';
import { observeDesired } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr } from '../fixtures/xr.js';
import { credentialsSecret, desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC }, metrics: { enabled: true } };
const run = (spec = SPEC, observed = {}) =>
  runFunction(request({ xr: xr(spec), observed, credentials: [credentialsSecret()] }), {
    secretKey: TEST_SECRET_KEY,
  });
const cluster = observeDesired(desiredObjects(run()), {
  percona: { state: 'ready' },
  deployment: 'available',
});

describe('reuse across calls', () => {
  it('builds again what another input changes', () => {
    const before = desiredObjects(run(SPEC, cluster));
    const bigger = { ...SPEC, storage: { metadataSize: '20Gi' } };
    const after = desiredObjects(run(bigger, cluster));
    expect(
      ['config', 'pvc-metadata', 'deployment'].map((key) => before[key] === after[key]),
    ).toEqual([false, false, false]);
  });

  it('encodes reused objects to the SDK bytes, first and second time', () => {
    const sdk = (rsp: RunFunctionResponse) => Buffer.from(RunFunctionResponse.encode(rsp).finish());
    const first = run(SPEC, cluster);
    const second = run(SPEC, cluster);
    expect(encodeRunFunctionResponseFast(first).equals(sdk(first))).toBe(true);
    expect(encodeRunFunctionResponseFast(second).equals(sdk(second))).toBe(true);
    expect(encodeRunFunctionResponseFast(second).equals(encodeRunFunctionResponseFast(first))).toBe(
      true,
    );
  });
});
