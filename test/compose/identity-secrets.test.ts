import { describe, expect, it } from 'vitest';
import { adminSecret, jwtSecret } from '../../src/compose/identity-secrets.js';
import { server } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';
import { demoLabels } from '../support/labels.js';

const secret = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'team-a', labels: demoLabels('identity') },
  type: 'Opaque',
  data,
});

describe('identity Secrets', () => {
  const jwtData = { 'jwt-secret': 'a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0x' };
  const adminData = { username: 'YWRtaW4=', password: 'c2VjcmV0' };
  const cases: Record<string, { reason: string; build: () => unknown; want: object }> = {
    jwt: {
      reason: '<n>-jwt-secret carries the given base64 data unchanged',
      build: () => jwtSecret(server(), jwtData),
      want: secret('demo-jwt-secret', jwtData),
    },
    admin: {
      reason: '<n>-admin-bootstrap-credentials carries username and password unchanged',
      build: () => adminSecret(server(), adminData),
      want: secret('demo-admin-bootstrap-credentials', adminData),
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { build, want }) => {
    const got = build();
    expect(got).toStrictEqual(want);
    expect(validateKubeObject(got)).toEqual([]);
  });

  it('copies the data, so the caller cannot change a built Secret', () => {
    const data = { ...jwtData };
    const got = jwtSecret(server(), data);
    data['jwt-secret'] = 'changed';
    expect(got.data).toEqual(jwtData);
  });
});
