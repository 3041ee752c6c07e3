/**
 * RunFunction end to end, in process: whole responses compared, one `reason` per case.
 * Resource bodies come from the reviewed golden files; everything else is spelled out.
 */
import {
  Resource,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
  Target,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction, callFunctionBytes } from './support/call.js';
import { observedPerconaCluster } from './fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject } from './fixtures/xr.js';
import {
  BACKUP_KEYS,
  BACKUPS_REQUIREMENT,
  condition,
  type Expected,
  expectedResponse,
  golden,
  IDENTITY_REQUIREMENTS,
  MINIMAL_KEYS,
  secretRequirement,
  status,
  warning,
} from './support/expected.js';
import {
  credentialsSecret,
  desiredObjects,
  request,
  responseJson,
  TEST_SECRET_KEY,
  type RequestParts,
} from './support/request.js';

const BACKUP = { percona: { enabled: true, backup: BACKUP_SPEC } };

const WAITING = condition(
  'Configured',
  'False',
  'Waiting',
  'Deployment demo does not exist yet; the server is configured once it is available',
);

const run = (parts: RequestParts) => callFunction(request(parts), { secretKey: TEST_SECRET_KEY });

const earlierStep: Record<string, JsonObject> = {
  'team-network-policy': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'demo-files', namespace: 'team-a' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
};

const readyPercona = (() => {
  const postgres = desiredObjects(
    run({ xr: xr(BACKUP), credentials: [credentialsSecret()] }),
  ).postgres;
  if (!postgres) throw new Error('no PerconaPGCluster composed');
  return observedPerconaCluster(postgres, { state: 'ready', backup: 'ready' });
})();

const credentialsRequirement = {
  'backup-credentials': secretRequirement('s3-credentials'),
  backups: BACKUPS_REQUIREMENT,
  ...IDENTITY_REQUIREMENTS,
};

const perconaStatus = {
  database: {
    type: 'postgres' as const,
    clusterName: 'demo-postgres',
    state: 'ready',
    host: 'demo-postgres-pgbouncer.team-a.svc',
    secretName: 'demo-postgres-pguser-dittofs',
    ready: true,
  },
  backup: {
    enabled: true,
    ready: true,
    stanzaCreated: true,
    repoPath: '/pgbackrest/team-a/demo/repo1',
  },
};

const cases: { reason: string; parts: RequestParts; want: Expected }[] = [
  {
    reason: 'First call for a minimal XR: everything composed, nothing ready, no results',
    parts: { xr: xr() },
    want: {
      resources: golden('minimal', MINIMAL_KEYS),
      ready: [],
      status: status(),
      conditions: [
        condition(
          'DatabaseReady',
          'True',
          'SQLite',
          'The control plane uses its embedded SQLite database',
        ),
        condition('BackupReady', 'False', 'BackupDisabled', 'Backups are not enabled'),
        condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
        WAITING,
      ],
    },
  },
  {
    reason: 'Desired state of earlier steps passes through; the tag and the Input TTL are used',
    parts: {
      xr: xr(),
      desired: earlierStep,
      tag: 'c0ffee',
      input: { apiVersion: 'dittoserver.fn.dittofs.com/v1beta1', kind: 'Input', ttl: '2m' },
    },
    want: {
      tag: 'c0ffee',
      ttlSeconds: 120,
      resources: golden('minimal', MINIMAL_KEYS),
      passedThrough: earlierStep,
      ready: [],
      status: status(),
      conditions: [
        condition(
          'DatabaseReady',
          'True',
          'SQLite',
          'The control plane uses its embedded SQLite database',
        ),
        condition('BackupReady', 'False', 'BackupDisabled', 'Backups are not enabled'),
        condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
        WAITING,
      ],
    },
  },
  {
    reason:
      'Backups with plain-key credentials once Percona is ready: Secret composed, requirement declared',
    parts: {
      xr: xr(BACKUP),
      credentials: [credentialsSecret()],
      observed: { postgres: readyPercona },
    },
    want: {
      resources: golden('percona-backup-plain-keys', BACKUP_KEYS),
      ready: ['postgres'],
      status: status(perconaStatus),
      conditions: [
        condition(
          'DatabaseReady',
          'True',
          'PerconaReady',
          'PerconaPGCluster demo-postgres is ready',
        ),
        condition(
          'BackupReady',
          'True',
          'BackupReady',
          'Percona is ready for backups and the repo1 stanza exists',
        ),
        condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
        WAITING,
      ],
      requirements: credentialsRequirement,
    },
  },
  {
    reason:
      'Credentials Secret not found: the rest is composed, BackupReady False, a Warning for the human',
    parts: { xr: xr(BACKUP), credentials: [], observed: { postgres: readyPercona } },
    want: {
      resources: golden(
        'credentials-missing',
        BACKUP_KEYS.filter((key) => key !== 'backup-secret'),
      ),
      ready: ['postgres'],
      status: status({ ...perconaStatus, backup: { ...perconaStatus.backup, ready: false } }),
      conditions: [
        condition(
          'DatabaseReady',
          'True',
          'PerconaReady',
          'PerconaPGCluster demo-postgres is ready',
        ),
        condition(
          'BackupReady',
          'False',
          'CredentialsNotFound',
          'Secret s3-credentials with the S3 credentials was not found in namespace team-a',
        ),
        condition('Available', 'False', 'Creating', 'Deployment demo does not exist yet'),
        WAITING,
      ],
      results: [
        warning(
          'CredentialsNotFound',
          'Secret s3-credentials with the S3 credentials was not found in namespace team-a: create it or fix spec.percona.backup.credentialsSecretRef; backups cannot run until then',
        ),
      ],
      requirements: credentialsRequirement,
    },
  },
];

describe('runFunction', () => {
  it.each(cases)('$reason', ({ parts, want }) => {
    expect(responseJson(run(parts))).toEqual(expectedResponse(want));
  });

  it("returns one FATAL result and only the earlier steps' desired state for an invalid spec", () => {
    const rsp = run({
      xr: xr({ replicas: 3, storage: { metadataSize: '-1' } }),
      desired: earlierStep,
    });
    expect(responseJson(rsp)).toEqual(
      RunFunctionResponse.toJSON({
        meta: { tag: 'tag-0001', ttl: { seconds: 60, nanos: 0 } },
        desired: {
          composite: undefined,
          resources: {
            'team-network-policy': Resource.fromJSON({
              resource: earlierStep['team-network-policy'],
            }),
          },
        },
        results: [
          {
            severity: Severity.SEVERITY_FATAL,
            reason: 'InvalidSpec',
            target: Target.TARGET_COMPOSITE_AND_CLAIM,
            message:
              'invalid DittoServer: spec.replicas: must be at most 1; spec.storage.metadataSize: must be a positive size',
          },
        ],
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the encoder needs every map
        requirements: { extraResources: {}, resources: {}, schemas: {} },
        conditions: [],
        context: undefined,
      }),
    );
  });

  it('replaces, never merges, what an earlier step put under a key it owns', () => {
    const intruder = {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { template: { spec: { containers: [{ name: 'other', image: 'busybox' }] } } },
      },
    };
    const rsp = run({ xr: xr(), desired: intruder });
    const containers = (
      desiredObjects(rsp).deployment?.spec as {
        template: { spec: { containers: { name: string }[] } };
      }
    ).template.spec.containers;
    expect(containers.map((container) => container.name)).toEqual(['dittofs']);
  });

  it('gives the same bytes for the same request, from independent decodes, in any order', () => {
    const bytes = (parts: RequestParts) => RunFunctionRequest.encode(request(parts)).finish();
    const full = bytes({
      xr: xr(BACKUP),
      credentials: [credentialsSecret()],
      observed: { postgres: readyPercona },
      desired: earlierStep,
    });
    const other = bytes({ xr: xr({ replicas: 0 }) });
    const options = { secretKey: TEST_SECRET_KEY };
    const first = callFunctionBytes(full, options);
    const between = callFunctionBytes(other, options);
    const again = callFunctionBytes(Uint8Array.from(full), options);
    expect(again.equals(first)).toBe(true);
    expect(between.equals(first)).toBe(false);
  });

  it('keeps generated Secret values once they are observed, whatever the key', () => {
    const first = desiredObjects(run({ xr: xr() }));
    const jwt = first['jwt-secret'];
    if (!jwt) throw new Error('no JWT Secret composed');
    const later = callFunction(request({ xr: xr(), observed: { 'jwt-secret': jwt } }), {
      secretKey: Buffer.alloc(32, 9),
    });
    expect(desiredObjects(later)['jwt-secret']).toEqual(jwt);
    const other = desiredObjects(
      callFunction(request({ xr: xr() }), { secretKey: Buffer.alloc(32, 9) }),
    )['jwt-secret'];
    expect(other).not.toEqual(jwt);
  });
});
