/**
 * The connection Secret `<n>-connection` (api.md §3) and, for a legacy XR, the same values
 * as connection details, so a claim's writeConnectionSecretToRef gets them.
 */
import { readFileSync } from 'node:fs';
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { observeDesired } from '../fixtures/observed.js';
import { legacyXr, xr, type JsonObject } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { desiredObjects, request, TEST_SECRET_KEY, userSecret } from '../support/request.js';

const run = (parts: Parameters<typeof request>[0]) =>
  callFunction(request(parts), { secretKey: TEST_SECRET_KEY });

/** The connection Secret's values, decoded. */
function connection(rsp: RunFunctionResponse): Record<string, string> {
  const data = (desiredObjects(rsp).connection?.data ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
  );
}

/** The generated admin password, as the function composed it. */
function generatedPassword(rsp: RunFunctionResponse): string {
  const data = desiredObjects(rsp)['admin-secret']?.data as Record<string, string>;
  return Buffer.from(data.password ?? '', 'base64').toString();
}

describe('the connection Secret', () => {
  it('first call: endpoints, shares and the user; no password before the admin Secret exists', () => {
    expect(
      connection(run({ xr: xr({ shares: [{ name: 'export' }, { name: 'media' }] }) })),
    ).toEqual({
      'api-url': 'http://demo-api.team-a.svc:8080',
      'nfs-endpoint': 'demo-nfs.team-a.svc:12049',
      shares: 'export,media',
      username: 'admin',
    });
  });

  it('the generated admin Secret observed: its password; addresses from the load balancers', () => {
    const spec = { adapters: { smb: { enabled: true } } };
    const first = run({ xr: xr(spec) });
    const observed = observeDesired(desiredObjects(first), { addresses: true });
    expect(connection(run({ xr: xr(spec), observed }))).toEqual({
      'api-url': 'http://demo-api.team-a.svc:8080',
      'nfs-endpoint': '203.0.113.2:12049',
      'smb-endpoint': '203.0.113.3:12445',
      shares: 'export',
      username: 'admin',
      password: generatedPassword(first),
    });
  });

  it("the XR's own admin Secret: never its password", () => {
    const spec = { identity: { admin: { passwordSecretRef: { name: 'team-admin', key: 'pw' } } } };
    const required = {
      'admin-secret': [userSecret('team-admin', { pw: 'correct horse battery' })],
    };
    expect(connection(run({ xr: xr(spec), required }))).toEqual({
      'api-url': 'http://demo-api.team-a.svc:8080',
      'nfs-endpoint': 'demo-nfs.team-a.svc:12049',
      shares: 'export',
      username: 'admin',
    });
  });

  it('a modern XR returns no connection details (Crossplane v2 ignores them)', () => {
    const rsp = run({ xr: xr() });
    expect(rsp.desired?.composite?.connectionDetails).toEqual({});
  });

  it('a legacy XR returns the same values as connection details, under the declared keys', () => {
    const first = run({ xr: legacyXr({}, 'team-b') });
    const observed = observeDesired(desiredObjects(first), { addresses: false });
    const rsp = run({ xr: legacyXr({}, 'team-b'), observed });
    const details = Object.fromEntries(
      Object.entries(rsp.desired?.composite?.connectionDetails ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString(),
      ]),
    );
    expect(details).toEqual({
      'api-url': 'http://demo-x7k2p-api.team-b.svc:8080',
      'nfs-endpoint': 'demo-x7k2p-nfs.team-b.svc:12049',
      shares: 'export',
      username: 'admin',
      password: generatedPassword(first),
    });
    expect(connection(rsp)).toEqual(details);
    const xrd = parse(
      readFileSync('package/configuration/legacy/definition.yaml', 'utf8'),
    ) as JsonObject;
    expect((xrd.spec as JsonObject).connectionSecretKeys).toEqual([
      'api-url',
      'nfs-endpoint',
      'smb-endpoint',
      'shares',
      'username',
      'password',
    ]);
  });
});
