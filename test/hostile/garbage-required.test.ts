/**
 * Garbage in what Crossplane returns for the credentials requirement, and in the observed
 * Secrets whose values the function carries over: no throw, and an exact report. The
 * healthy server observes its backup Secret, so broken credentials keep it as it is.
 */
import type { Condition, Result } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import type { ResourceKey } from '../../src/resources.js';
import {
  AVAILABLE,
  BACKUP_READY,
  condition,
  DATABASE_READY,
  warning,
} from '../support/expected.js';
import { credentialsSecret, TEST_SECRET_KEY } from '../support/request.js';
import { composed, type Observed } from './support/checks.js';
import {
  CONFIGURED,
  breaking,
  HEALTHY,
  HEALTHY_RESPONSE,
  healthyRequest,
  type CredentialsAnswer,
} from './support/healthy.js';

const SECRET = credentialsSecret();
const CONFIG_MAP = { ...SECRET, kind: 'ConfigMap' };
const KEPT = 'Secret demo-pgbackrest-s3 keeps the last known credentials until then';

const invalid = (problem: string, until = KEPT): [Condition, Result] => [
  condition('BackupReady', 'False', 'CredentialsInvalid', problem),
  warning('CredentialsInvalid', `${problem}: fix the Secret; ${until}`),
];
const notFound = (until = KEPT): [Condition, Result] => [
  condition(
    'BackupReady',
    'False',
    'CredentialsNotFound',
    'Secret s3-credentials with the S3 credentials was not found in namespace team-a',
  ),
  warning(
    'CredentialsNotFound',
    `Secret s3-credentials with the S3 credentials was not found in namespace team-a: create it or fix spec.percona.backup.credentialsSecretRef; ${until}`,
  ),
];
const healthy: [Condition, Result | undefined] = [BACKUP_READY, undefined];

type Case = {
  readonly reason: string;
  readonly answer: CredentialsAnswer;
  readonly observed?: Observed;
  /** The BackupReady condition and the one result, if any. */
  readonly backup: readonly [Condition, Result | undefined];
  /** Set when no backup Secret is composed; otherwise it is the healthy one, kept or remade. */
  readonly noBackupSecret?: true;
};

const noKeys =
  'Secret s3-credentials has no value for key AWS_ACCESS_KEY_ID or key AWS_SECRET_ACCESS_KEY';

const credentialCases: Case[] = [
  {
    reason: 'a ConfigMap instead of the Secret',
    answer: { required: [CONFIG_MAP] },
    backup: invalid('s3-credentials is not a v1 Secret'),
  },
  {
    reason: 'a Secret of another apiVersion',
    answer: { required: [{ ...SECRET, apiVersion: 'v2' }] },
    backup: invalid('s3-credentials is not a v1 Secret'),
  },
  {
    reason: 'several items: the first one is read',
    answer: { required: [SECRET, CONFIG_MAP] },
    backup: healthy,
  },
  {
    reason: 'several items, the first of the wrong kind: it is still the one read',
    answer: { required: [CONFIG_MAP, SECRET] },
    backup: invalid('s3-credentials is not a v1 Secret'),
  },
  {
    reason: 'an item without a resource is skipped',
    answer: { required: [undefined, SECRET] },
    backup: healthy,
  },
  {
    reason: 'only items without a resource: not found',
    answer: { required: [undefined, 'not an object'] },
    backup: notFound(),
  },
  {
    reason: 'only the deprecated extra_resources answer',
    answer: { extra: [SECRET] },
    backup: healthy,
  },
  {
    reason: 'an empty required_resources answer does not hide extra_resources',
    answer: { required: [], extra: [SECRET] },
    backup: healthy,
  },
  {
    reason: 'no answer yet (the first call) reads as not found; Crossplane calls again with it',
    answer: {},
    backup: notFound(),
  },
  {
    reason: 'Secret data that is a string',
    answer: { required: [{ ...SECRET, data: 'AKIA:secret' }] },
    backup: invalid(noKeys),
  },
  {
    reason: 'Secret data values that are not strings',
    answer: {
      required: [{ ...SECRET, data: { AWS_ACCESS_KEY_ID: 5, AWS_SECRET_ACCESS_KEY: true } }],
    },
    backup: invalid(noKeys),
  },
  {
    reason: 'broken credentials and an observed backup Secret without s3.conf: nothing to keep',
    answer: { required: [CONFIG_MAP] },
    observed: breaking('backup-secret', (secret) => ({ ...secret, data: { other: 'eA==' } })),
    backup: invalid('s3-credentials is not a v1 Secret', 'backups cannot run until then'),
    noBackupSecret: true,
  },
];

const ALL = Object.keys(composed(HEALTHY_RESPONSE));

describe('garbage in the credentials requirement', () => {
  it.each(credentialCases)('$reason', ({ answer, observed = HEALTHY, backup, noBackupSecret }) => {
    const [backupReady, result] = backup;
    const rsp = callFunction(healthyRequest(observed, answer), { secretKey: TEST_SECRET_KEY });
    expect(rsp.conditions).toEqual([DATABASE_READY, backupReady, AVAILABLE, CONFIGURED]);
    expect(rsp.results).toEqual(result ? [result] : []);
    const objects = composed(rsp);
    const healthyBackup = composed(HEALTHY_RESPONSE)['backup-secret'];
    expect(Object.keys(objects)).toEqual(
      noBackupSecret ? ALL.filter((key) => key !== 'backup-secret') : ALL,
    );
    expect(objects['backup-secret']).toEqual(noBackupSecret ? undefined : healthyBackup);
  });
});

type SecretCase = { readonly reason: string; readonly key: ResourceKey; readonly data: unknown };

/** Carried-over values that are unusable are made anew: the same value as the first call. */
const secretCases: SecretCase[] = [
  { reason: 'JWT Secret data that is a string', key: 'jwt-secret', data: 'c2VjcmV0' },
  { reason: 'JWT Secret data that is a list', key: 'jwt-secret', data: ['c2VjcmV0'] },
  { reason: 'a JWT value that is a number', key: 'jwt-secret', data: { 'jwt-secret': 42 } },
  { reason: 'an admin password that is null', key: 'admin-secret', data: { password: null } },
  {
    reason: 'an empty admin password',
    key: 'admin-secret',
    data: { username: 'YWRtaW4=', password: '' },
  },
];

describe('garbage in the generated Secrets observed', () => {
  it.each(secretCases)('$reason', ({ key, data }) => {
    const observed = breaking(key, (secret) => ({ ...secret, data }));
    const rsp = callFunction(healthyRequest(observed), { secretKey: TEST_SECRET_KEY });
    expect(rsp.conditions).toEqual([DATABASE_READY, BACKUP_READY, AVAILABLE, CONFIGURED]);
    expect(rsp.results).toEqual([]);
    expect(composed(rsp)[key]).toEqual(composed(HEALTHY_RESPONSE)[key]);
  });
});
