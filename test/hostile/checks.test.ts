/**
 * The checks the property tests rely on can fail: a secret is found wherever it leaks and
 * however it is written, but not in the Secret data that must carry it; an object the API
 * server would refuse is reported.
 */
import {
  Resource,
  RunFunctionResponse,
  Status,
  Target,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import { BACKUP_SPEC, xr } from '../fixtures/xr.js';
import { credentialsSecret, request, TEST_SECRET_KEY } from '../support/request.js';
import { composedProblems, generatedSecrets, leaks, publicView } from './support/checks.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const jsonCopy = (rsp: RunFunctionResponse): unknown =>
  JSON.parse(JSON.stringify(RunFunctionResponse.toJSON(rsp)));

/** A response the tests may tamper with: a copy, since composed objects are shared and frozen. */
const run = () =>
  RunFunctionResponse.fromJSON(
    jsonCopy(
      callFunction(
        request({
          xr: xr({ percona: { enabled: true, backup: BACKUP_SPEC } }),
          credentials: [credentialsSecret()],
        }),
        { secretKey: TEST_SECRET_KEY },
      ),
    ),
  );

describe('leaks', () => {
  const cases = [
    { reason: 'as written', text: `message: ${SECRET}`, want: [SECRET] },
    {
      reason: 'base64-encoded',
      text: Buffer.from(SECRET).toString('base64'),
      want: [SECRET],
    },
    {
      reason: 'escaped inside JSON',
      text: JSON.stringify({ m: 'a"b\\c-secret' }),
      want: ['a"b\\c-secret'],
    },
    { reason: 'absent', text: 'nothing to see', want: [] },
  ];
  it.each(cases)('finds a secret $reason', ({ text, want }) => {
    expect(leaks(text, [SECRET, 'a"b\\c-secret'])).toEqual(want);
  });

  it('ignores values too short to be told apart from ordinary text', () => {
    expect(leaks('admin', ['admin'])).toEqual([]);
  });
});

describe('publicView', () => {
  it('leaves out only the data of the Secrets that carry secrets', () => {
    const rsp = run();
    const [jwt = '', password = ''] = generatedSecrets(rsp);
    expect(leaks(publicView(rsp), [SECRET, jwt, password])).toEqual([]);

    rsp.conditions.push({
      type: 'Leaky',
      status: Status.STATUS_CONDITION_FALSE,
      reason: 'Leaky',
      message: `password ${password}`,
      target: Target.TARGET_COMPOSITE,
    });
    const config = rsp.desired?.resources.config?.resource as { data: Record<string, string> };
    config.data.leak = Buffer.from(SECRET).toString('base64');
    expect(leaks(publicView(rsp), [SECRET, jwt, password])).toEqual([SECRET, password]);
  });
});

describe('composedProblems', () => {
  it('reports an object the API server or the operator would refuse', () => {
    const rsp = run();
    const resources = rsp.desired?.resources ?? {};
    const service = resources['api-service']?.resource as { spec: { ports: unknown } };
    service.spec.ports = 'http';
    const cluster = resources.postgres?.resource as { spec: { crVersion?: string } };
    delete cluster.spec.crVersion;
    resources.extra = Resource.fromJSON({ resource: { kind: 'NotOurs' } });
    expect(composedProblems(rsp)).toEqual([
      'api-service: /spec/ports must be array',
      'postgres: spec.crVersion: must be pinned to a version such as 2.8.2 (unset, the operator writes its own)',
    ]);
  });
});
