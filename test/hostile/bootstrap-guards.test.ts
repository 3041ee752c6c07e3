/**
 * `spec.percona.bootstrapFrom` only applies when the cluster is created (api.md §8): a new
 * cluster waits for the credentials it starts from, and an existing one keeps the data
 * source it was created with, or none, whatever the spec says later.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { NIGHT } from '../fixtures/backups.js';
import type { World } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { BACKUP_KEYS, warning, without } from '../support/expected.js';
import { desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';
import { at, play } from '../support/story.js';

const READY: World = { percona: { state: 'ready', backup: 'ready' }, deployment: 'available' };
const BACKUPS = [NIGHT.full];
const OLD = '/pgbackrest/team-a/old-files/repo1';
const percona = (bootstrapFrom?: string): Overrides => ({
  percona: {
    enabled: true,
    backup: BACKUP_SPEC,
    ...(bootstrapFrom === undefined ? {} : { bootstrapFrom: { repoPath: bootstrapFrom } }),
  },
});

/** What a cluster created with bootstrapFrom OLD starts from: the backup settings repeated. */
const FROM_OLD = {
  pgbackrest: {
    stanza: 'db',
    configuration: [{ secret: { name: 'demo-pgbackrest-s3' } }],
    global: {
      'repo1-path': OLD,
      'repo1-s3-uri-style': 'path',
      'repo1-storage-verify-tls': 'y',
      'repo1-storage-port': '9000',
    },
    repo: {
      name: 'repo1',
      s3: { bucket: 'dittofs-backups', endpoint: 'minio.storage.svc', region: 'eu-west-1' },
    },
  },
};

const dataSource = (rsp: RunFunctionResponse) =>
  (desiredObjects(rsp).postgres?.spec as JsonObject | undefined)?.dataSource;

describe('bootstrapFrom', () => {
  it('a new cluster waits for usable credentials: its data comes from S3', () => {
    const rsp = callFunction(request({ xr: xr(percona(OLD)), credentials: [] }), {
      secretKey: TEST_SECRET_KEY,
    });
    expect(Object.keys(desiredObjects(rsp))).toEqual(
      without(BACKUP_KEYS, 'postgres', 'backup-secret', 'deployment'),
    );
    expect(rsp.results).toEqual([
      warning(
        'BootstrapWaitingForCredentials',
        'PerconaPGCluster demo-postgres starts from the backups in /pgbackrest/team-a/old-files/repo1 (spec.percona.bootstrapFrom), so it is created once Secret s3-credentials in namespace team-a holds usable S3 credentials',
      ),
      warning(
        'CredentialsNotFound',
        'Secret s3-credentials with the S3 credentials was not found in namespace team-a: create it or fix spec.percona.backup.credentialsSecretRef; backups cannot run until then',
      ),
    ]);
  });

  it('keeps the data source the cluster was created with when the spec drops it', () => {
    const responses = play([
      ['created', { spec: percona(OLD), backups: BACKUPS }],
      ['dropped', { spec: percona(), world: READY, backups: BACKUPS }],
    ]);
    expect(dataSource(at(responses, 'created'))).toEqual(FROM_OLD);
    expect(dataSource(at(responses, 'dropped'))).toEqual(FROM_OLD);
    expect(at(responses, 'dropped').results).toEqual([]);
  });

  it('refuses another path on a cluster created from one', () => {
    const responses = play([
      ['created', { spec: percona(OLD), backups: BACKUPS }],
      [
        'changed',
        { spec: percona('/pgbackrest/team-a/other/repo1'), world: READY, backups: BACKUPS },
      ],
    ]);
    expect(dataSource(at(responses, 'changed'))).toEqual(FROM_OLD);
    expect(at(responses, 'changed').results).toEqual([
      warning(
        'BootstrapChangeRefused',
        'spec.percona.bootstrapFrom.repoPath is /pgbackrest/team-a/other/repo1, but PerconaPGCluster demo-postgres already exists (it started from /pgbackrest/team-a/old-files/repo1) and a data source only applies when a cluster is created, so it is left as it is: create a new DittoServer with this bootstrapFrom to start one from those backups',
      ),
    ]);
  });

  it('adds none to a cluster that started empty', () => {
    const responses = play([
      ['created', { spec: percona(), backups: BACKUPS }],
      ['asked later', { spec: percona(OLD), world: READY, backups: BACKUPS }],
    ]);
    expect(dataSource(at(responses, 'asked later'))).toBeUndefined();
    expect(at(responses, 'asked later').results).toEqual([
      warning(
        'BootstrapChangeRefused',
        'spec.percona.bootstrapFrom.repoPath is /pgbackrest/team-a/old-files/repo1, but PerconaPGCluster demo-postgres already exists (it started empty) and a data source only applies when a cluster is created, so it is left as it is: create a new DittoServer with this bootstrapFrom to start one from those backups',
      ),
    ]);
  });
});
