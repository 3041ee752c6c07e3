/**
 * The data-safety guards of issue 11, each played on a server that ran with one spec until
 * everything was ready and is then reconciled with another: the object that holds data is
 * kept as it was, and the Warning says why and what to do. Each case failed before its
 * guard existed.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { keepUnaskedVolumes } from '../../src/safety/keep-volumes.js';
import { ConditionStatus, Target } from '../../src/wire/types.js';
import { describe, expect, it } from 'vitest';
import { observeDesired, type World } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { IDENTITY_REQUIREMENTS, warning } from '../support/expected.js';
import {
  credentialsSecret,
  desiredObjects,
  request,
  TEST_SECRET_KEY,
  userSecret,
  type RequestParts,
} from '../support/request.js';

const READY: World = {
  percona: { state: 'ready', backup: 'ready' },
  deployment: 'available',
};
const PERCONA = { percona: { enabled: true } };
const BACKUP = { percona: { enabled: true, backup: BACKUP_SPEC } };
const CREDENTIALS = [credentialsSecret()];

type Parts = Omit<RequestParts, 'xr' | 'observed'>;

const call = (spec: Overrides, parts: Parts, previous?: RunFunctionResponse, world = READY) =>
  callFunction(
    request({
      ...parts,
      xr: xr(spec),
      observed: previous ? observeDesired(desiredObjects(previous), world) : {},
    }),
    { secretKey: TEST_SECRET_KEY },
  );

/** Three reconciles with `before` (everything ready by the third), then one with `after`. */
function change(before: Overrides, after: Overrides, parts: Parts = {}, world = READY) {
  let previous = call(before, parts);
  for (let round = 0; round < 2; round += 1) previous = call(before, parts, previous, world);
  return { previous: desiredObjects(previous), rsp: call(after, parts, previous, world) };
}

describe('Percona changes that would take the database down are kept back (finding 5)', () => {
  const cases: {
    reason: string;
    before: Overrides;
    after: Overrides;
    results: ReturnType<typeof warning>[];
  }[] = [
    {
      reason: 'a lowered postgresVersion keeps the running version and its image',
      before: { percona: { enabled: true, postgresVersion: 17 } },
      after: { percona: { enabled: true, postgresVersion: 16 } },
      results: [
        warning(
          'PostgresDowngradeRefused',
          'spec.percona.postgresVersion is 16 but PerconaPGCluster demo-postgres runs PostgreSQL 17, which cannot be downgraded in place, so 17 is kept: set 17, or restore a backup into a new server to go back',
        ),
      ],
    },
    {
      reason: 'a renamed database keeps the one that holds the data',
      before: PERCONA,
      after: { percona: { enabled: true, databaseName: 'files' } },
      results: [
        warning(
          'DatabaseRenameRefused',
          "spec.percona.databaseName is files but the server's data is in database dittofs of PerconaPGCluster demo-postgres; a new name would point the server at an empty database, so dittofs is kept: set dittofs",
        ),
      ],
    },
    {
      reason: 'a smaller storageSize keeps the volume size',
      before: { percona: { enabled: true, storageSize: '20Gi' } },
      after: { percona: { enabled: true, storageSize: '5Gi' } },
      results: [
        warning(
          'VolumeShrinkRefused',
          'spec.percona.storageSize is 5Gi but the PostgreSQL volumes of PerconaPGCluster demo-postgres have 20Gi; a volume cannot shrink without losing its data, so 20Gi is kept: set 20Gi or more',
        ),
      ],
    },
    {
      reason: 'another storage class keeps the one the volumes are on',
      before: { percona: { enabled: true, storageClassName: 'fast' } },
      after: { percona: { enabled: true, storageClassName: 'slow' } },
      results: [
        warning(
          'StorageClassChangeRefused',
          'the PostgreSQL volumes of PerconaPGCluster demo-postgres use fast and cannot move to slow without losing their data, so they stay: move the data to a new server to change it',
        ),
      ],
    },
  ];
  it.each(cases)('$reason', ({ before, after, results }) => {
    const { previous, rsp } = change(before, after);
    expect(desiredObjects(rsp).postgres).toEqual(previous.postgres);
    expect(rsp.results).toEqual(results);
  });

  it('a class named where there was none keeps the default class the volumes are on', () => {
    const { previous, rsp } = change(PERCONA, {
      percona: { enabled: true, storageClassName: 'fast' },
    });
    expect(desiredObjects(rsp).postgres).toEqual(previous.postgres);
    expect(rsp.results).toEqual([
      warning(
        'StorageClassChangeRefused',
        "the PostgreSQL volumes of PerconaPGCluster demo-postgres use the cluster's default storage class and cannot move to fast without losing their data, so they stay: move the data to a new server to change it",
      ),
    ]);
  });

  it('raising the version is not refused here (it is an upgrade)', () => {
    const { rsp } = change(
      { percona: { enabled: true, postgresVersion: 16 } },
      { percona: { enabled: true, postgresVersion: 17 } },
    );
    expect(rsp.results.map((result) => result.reason)).not.toContain('PostgresDowngradeRefused');
  });
});

describe('turning backups off (finding 3)', () => {
  const off = change(BACKUP, PERCONA, { credentials: CREDENTIALS });
  const turnedOff = warning(
    'BackupsTurnedOff',
    'spec.percona.backup.enabled is false, so PerconaPGCluster demo-postgres stops backing up (with the pgv2.percona.com/authorizeBackupRemoval annotation Percona requires); the backups already in S3 under /pgbackrest/team-a/demo/repo1 are kept: delete them there when you no longer need them; Secret demo-pgbackrest-s3 is kept until the cluster no longer reads it',
  );

  it('writes backups.enabled false with the authorization, keeps the Secret, says S3 is kept', () => {
    const desired = desiredObjects(off.rsp);
    const { metadata, spec } = desired.postgres as { metadata: JsonObject; spec: JsonObject };
    expect(metadata.annotations).toEqual({ 'pgv2.percona.com/authorizeBackupRemoval': 'true' });
    expect(spec.backups).toEqual({ enabled: false });
    expect(desired['backup-secret']).toEqual(off.previous['backup-secret']);
    expect(off.rsp.results).toEqual([turnedOff]);
  });

  it('drops the Secret once the operator runs the cluster without it, and goes quiet', () => {
    const later = call(PERCONA, { credentials: CREDENTIALS }, off.rsp);
    expect(Object.keys(desiredObjects(later))).not.toContain('backup-secret');
    expect(later.results).toEqual([]);
  });

  it('keeps the Secret while the operator has not caught up with the spec', () => {
    const lagging: World = {
      ...READY,
      percona: { state: 'ready', generation: 2, observedGeneration: 1 },
    };
    const later = call(PERCONA, { credentials: CREDENTIALS }, off.rsp, lagging);
    expect(desiredObjects(later)['backup-secret']).toEqual(off.previous['backup-secret']);
    expect(later.results).toEqual([turnedOff]);
  });
});

describe('generated Secrets are fetched by name and never regenerated (finding 4)', () => {
  const first = desiredObjects(call({}, {}));
  const jwt = first['jwt-secret'] as JsonObject;
  const admin = first['admin-secret'] as JsonObject;

  it('asks for both by name on every call', () => {
    // IDENTITY_REQUIREMENTS: both Secrets by name, and the configure pods by label.
    expect(call({}, {}).requirements?.resources).toEqual(IDENTITY_REQUIREMENTS);
  });

  it('carries the values Crossplane fetched when the Secrets are not observed', () => {
    // Another process (a restart, a second replica) derives other values from its own key.
    const rsp = callFunction(
      request({ xr: xr(), required: { 'jwt-secret': [jwt], 'admin-secret': [admin] } }),
      { secretKey: Buffer.alloc(32, 9) },
    );
    expect(desiredObjects(rsp)['jwt-secret']).toEqual(jwt);
    expect(desiredObjects(rsp)['admin-secret']).toEqual(admin);
  });

  it('keeps its own admin Secret when the XR names another, and says when they differ', () => {
    const observed = observeDesired(first, READY);
    const rsp = callFunction(
      request({
        xr: xr({ identity: { admin: { passwordSecretRef: { name: 'team-admin', key: 'pw' } } } }),
        observed,
        required: { 'admin-secret': [userSecret('team-admin', { pw: 'a-different-password' })] },
      }),
      { secretKey: TEST_SECRET_KEY },
    );
    expect(desiredObjects(rsp)['admin-secret']).toEqual(admin);
    expect(rsp.results).toEqual([
      warning(
        'AdminPasswordMismatch',
        "spec.identity.admin names Secret team-admin, but the server's admin was created with the password in Secret demo-admin-bootstrap-credentials (DittoFS reads the initial password only on first boot), so the configure step cannot log in: copy that password into Secret team-admin key pw; Secret demo-admin-bootstrap-credentials is kept",
      ),
    ]);
  });
});

describe('identity Secrets DittoFS would refuse (finding 9)', () => {
  const IDENTITY = {
    identity: {
      jwt: { secretRef: { name: 'team-jwt', key: 'key' } },
      admin: { passwordSecretRef: { name: 'team-admin', key: 'pw' } },
    },
  };
  const good = {
    'jwt-secret': [userSecret('team-jwt', { key: 'k'.repeat(32) })],
    'admin-secret': [userSecret('team-admin', { pw: 'p'.repeat(8) })],
  };
  const available = (required: Parts['required'], previous?: RunFunctionResponse) => {
    const rsp = call(IDENTITY, { ...(required && { required }) }, previous);
    return {
      deployment: 'deployment' in desiredObjects(rsp),
      condition: rsp.conditions.find((condition) => condition.type === 'Available'),
    };
  };
  const invalid = (message: string) => ({
    type: 'Available',
    status: ConditionStatus.FALSE,
    reason: 'IdentitySecretInvalid',
    message,
    target: Target.COMPOSITE_AND_CLAIM,
  });

  const cases = [
    {
      reason: 'a JWT key of 31 characters',
      required: { ...good, 'jwt-secret': [userSecret('team-jwt', { key: 'k'.repeat(31) })] },
      message:
        'Secret team-jwt key key must hold a JWT signing key of at least 32 characters in namespace team-a: Deployment demo is created once DittoFS accepts them',
    },
    {
      reason: 'an admin password of 7 characters',
      required: { ...good, 'admin-secret': [userSecret('team-admin', { pw: 'p'.repeat(7) })] },
      message:
        'Secret team-admin key pw must hold an admin password of 8 to 72 characters in namespace team-a: Deployment demo is created once DittoFS accepts them',
    },
    {
      reason: 'an admin password of 73 characters, and a JWT Secret without the key',
      required: {
        'jwt-secret': [userSecret('team-jwt', { other: 'x' })],
        'admin-secret': [userSecret('team-admin', { pw: 'p'.repeat(73) })],
      },
      message:
        'Secret team-jwt has no key key; Secret team-admin key pw must hold an admin password of 8 to 72 characters in namespace team-a: Deployment demo is created once DittoFS accepts them',
    },
    {
      reason: 'Secrets that do not exist',
      required: { 'jwt-secret': [], 'admin-secret': [] },
      message:
        'Secret team-jwt was not found; Secret team-admin was not found in namespace team-a: Deployment demo is created once DittoFS accepts them',
    },
  ];
  it.each(cases)('$reason: no Deployment, never the value', ({ required, message }) => {
    expect(available(required)).toEqual({ deployment: false, condition: invalid(message) });
  });

  it('valid Secrets compose the Deployment', () => {
    expect(available(good).deployment).toBe(true);
  });

  it('an observed Deployment is kept when a Secret turns invalid', () => {
    let previous = call(IDENTITY, { required: good });
    previous = call(IDENTITY, { required: good }, previous);
    const broken = { ...good, 'jwt-secret': [userSecret('team-jwt', { key: 'short' })] };
    expect(available(broken, previous)).toEqual({
      deployment: true,
      condition: invalid(
        'Secret team-jwt key key must hold a JWT signing key of at least 32 characters in namespace team-a: the server would not start again',
      ),
    });
  });
});

describe('a volume the spec no longer asks for (finding 2)', () => {
  it('stays composed and mounted as observed, with a Warning', () => {
    const observed = observeDesired(
      desiredObjects(call({ storage: { metadataSize: '10Gi', contentSize: '50Gi' } }, {})),
      READY,
    );
    expect(
      keepUnaskedVolumes([], { 'pvc-content': observed['pvc-content'] as JsonObject }),
    ).toEqual({
      value: [
        {
          key: 'pvc-content',
          name: 'demo-content',
          volume: 'content',
          mountPath: '/data/store/block',
          size: '50Gi',
          storageClassName: 'standard',
        },
      ],
      notices: [
        {
          reason: 'VolumeRemovalRefused',
          message:
            'the spec no longer asks for PVC demo-content (spec.storage.contentSize), but it holds data, so it stays composed and mounted at /data/store/block: set spec.storage.contentSize to 50Gi or more',
        },
      ],
    });
  });
});
