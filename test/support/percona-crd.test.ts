import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  crdCelRules,
  SCHEMA_DIR,
  validatePerconaPGCluster,
  withCrdDefaults,
} from './percona-crd.js';
import { perconaOperatorProblems } from './percona-operator.js';
import { merge, type Overrides } from '../fixtures/xr.js';

const crExample: unknown = parse(readFileSync(join(SCHEMA_DIR, 'cr-example.yaml'), 'utf8'));

/** percona.md §1.6: a minimal cluster the real API server and operator accept. */
const MINIMAL = {
  apiVersion: 'pgv2.percona.com/v2',
  kind: 'PerconaPGCluster',
  metadata: { name: 'dittofs-meta', namespace: 'dittofs' },
  spec: {
    crVersion: '2.8.2',
    image: 'docker.io/percona/percona-distribution-postgresql:17.7-2',
    postgresVersion: 17,
    users: [{ name: 'dittofs', databases: ['dittofs'] }],
    instances: [
      {
        name: 'instance1',
        replicas: 1,
        dataVolumeClaimSpec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
        },
      },
    ],
    proxy: { pgBouncer: { replicas: 1, image: 'docker.io/percona/percona-pgbouncer:1.25.0-1' } },
    backups: { enabled: false },
  },
};

const minimal = (overrides: Overrides) => merge(MINIMAL, overrides);

describe('validatePerconaPGCluster', () => {
  it('accepts the operator example only once CRD defaults are filled in', () => {
    expect(validatePerconaPGCluster(crExample)).toStrictEqual([]);
    expect(validatePerconaPGCluster(crExample, { applyDefaults: false })).toStrictEqual([
      "spec.pmm: must have required property 'querySource'",
    ]);
  });

  const cases: { reason: string; obj: unknown; want: string[] }[] = [
    { reason: 'the minimal DittoFS cluster is valid', obj: MINIMAL, want: [] },
    {
      reason: 'backups neither disabled nor given a repository break the CEL rule',
      obj: { ...MINIMAL, spec: { ...MINIMAL.spec, backups: {} } },
      want: ['spec.backups: At least one repository must be configured when backups are enabled'],
    },
    {
      reason: 'enabled: true without repositories breaks the same rule',
      obj: minimal({ spec: { backups: { enabled: true, pgbackrest: { image: 'pgbackrest' } } } }),
      want: ['spec.backups: At least one repository must be configured when backups are enabled'],
    },
    {
      reason: 'grantPublicSchemaAccess needs PostgreSQL 15 or later',
      obj: minimal({
        spec: {
          postgresVersion: 14,
          users: [{ name: 'dittofs', grantPublicSchemaAccess: true }],
        },
      }),
      want: ['spec: PostgresVersion must be >= 15 if grantPublicSchemaAccess exists and is true'],
    },
    {
      reason: 'grantPublicSchemaAccess is fine on PostgreSQL 15',
      obj: minimal({
        spec: {
          postgresVersion: 15,
          users: [{ name: 'dittofs', grantPublicSchemaAccess: true }],
        },
      }),
      want: [],
    },
    {
      reason: 'a wrong type is reported at its full path',
      obj: minimal({ spec: { postgresVersion: '17', proxy: { pgBouncer: { replicas: -1 } } } }),
      want: [
        'spec.postgresVersion: must be integer',
        'spec.proxy.pgBouncer.replicas: must be >= 0',
      ],
    },
    {
      reason: 'global values must be strings (additionalProperties: string)',
      obj: minimal({
        spec: { backups: { pgbackrest: { global: { 'repo1-retention-full': 7 } } } },
      }),
      want: ['spec.backups.pgbackrest.global.repo1-retention-full: must be string'],
    },
    {
      reason: 'a user name with an underscore breaks the CRD pattern',
      obj: minimal({ spec: { users: [{ name: 'ditto_fs' }] } }),
      want: ['spec.users[0].name: must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"'],
    },
    {
      reason: 'a field the schema does not know would be pruned silently',
      obj: minimal({ spec: { instances: [{ name: 'instance1', dataVolumeClaimSpecs: {} }] } }),
      want: [
        "spec.instances[0]: must have required property 'dataVolumeClaimSpec'",
        'spec.instances[0].dataVolumeClaimSpecs: unknown field (the API server would prune it)',
      ],
    },
    {
      reason: 'cluster name plus instance name may reach 46 characters',
      obj: minimal({ metadata: { name: 'a'.repeat(37) } }),
      want: [],
    },
    {
      reason: 'cluster name plus instance name over 46 characters is refused',
      obj: minimal({ metadata: { name: 'a'.repeat(38) } }),
      want: ['spec.instances[0].name: cluster name + instance name is 47 characters, more than 46'],
    },
    {
      reason: 'a name over 63 characters is not a DNS-1035 label',
      obj: minimal({ metadata: { name: 'a'.repeat(64) } }),
      want: [
        'metadata.name: longer than 63 characters (64)',
        'spec.instances[0].name: cluster name + instance name is 73 characters, more than 46',
      ],
    },
    {
      reason: 'undefined and null cannot become protobuf Struct values',
      obj: {
        ...MINIMAL,
        spec: { ...MINIMAL.spec, image: null, instances: [{ name: 'a', replicas: undefined }] },
      },
      want: ['spec.image: must not be null', 'spec.instances[0].replicas: must not be undefined'],
    },
    {
      reason: 'a name starting with a digit is not a DNS-1035 label',
      obj: minimal({ metadata: { name: '1db' } }),
      want: ['metadata.name: not a DNS-1035 label'],
    },
  ];

  it.each(cases)('$reason', ({ obj, want }) => {
    expect(validatePerconaPGCluster(obj)).toStrictEqual(want);
  });
});

describe('crdCelRules', () => {
  it('finds exactly the two rules the harness evaluates by hand', () => {
    expect(crdCelRules()).toStrictEqual([
      {
        path: 'spec',
        rule: '!has(self.users) || self.postgresVersion >= 15 || self.users.all(u, !has(u.grantPublicSchemaAccess) || !u.grantPublicSchemaAccess)',
        message: 'PostgresVersion must be >= 15 if grantPublicSchemaAccess exists and is true',
      },
      {
        path: 'spec.backups',
        rule: '(has(self.enabled) && self.enabled == false) || (has(self.pgbackrest.repos) && size(self.pgbackrest.repos) > 0)',
        message: 'At least one repository must be configured when backups are enabled',
      },
    ]);
  });
});

describe('withCrdDefaults', () => {
  it('fills defaults into objects, array items and defaulted values, on a copy', () => {
    const obj = minimal({ spec: { instances: [{ name: 'instance1', replicas: 2 }, {}] } });
    const before = structuredClone(obj);
    const defaulted = withCrdDefaults(obj) as typeof MINIMAL & { spec: Record<string, unknown> };
    expect(obj).toStrictEqual(before);
    expect(defaulted.spec.port).toBe(5432);
    expect(defaulted.spec.instances).toStrictEqual([
      { name: 'instance1', replicas: 2 },
      { name: '', replicas: 1 },
    ]);
    expect(defaulted.spec.proxy).toStrictEqual({
      pgBouncer: {
        replicas: 1,
        image: 'docker.io/percona/percona-pgbouncer:1.25.0-1',
        port: 5432,
      },
    });
  });
});

describe('perconaOperatorProblems', () => {
  const cases: { reason: string; obj: unknown; want: string[] }[] = [
    { reason: 'the minimal DittoFS cluster has everything', obj: MINIMAL, want: [] },
    {
      reason: 'the CRD accepts an empty volume claim, the Crunchy PostgresCluster does not',
      obj: { ...MINIMAL, spec: { ...MINIMAL.spec, instances: [{ dataVolumeClaimSpec: {} }] } },
      want: [
        'spec.instances[0].dataVolumeClaimSpec.accessModes: required',
        'spec.instances[0].dataVolumeClaimSpec.resources.requests.storage: required',
      ],
    },
    {
      reason: 'without images and crVersion the operator cannot start the cluster',
      obj: { ...MINIMAL, spec: { ...MINIMAL.spec, crVersion: '', image: '', proxy: {} } },
      want: [
        'spec.crVersion: must be pinned to a version such as 2.8.2 (unset, the operator writes its own)',
        'spec.image: required (the operator ships no default image)',
        'spec.proxy.pgBouncer.image: required (the operator ships no default image)',
      ],
    },
    {
      reason: 'the pgBackRest image is needed once backups are on',
      obj: minimal({ spec: { backups: { enabled: true, pgbackrest: { repos: [] } } } }),
      want: ['spec.backups.pgbackrest.image: required (the operator ships no default image)'],
    },
  ];

  it.each(cases)('$reason', ({ obj, want }) => {
    expect(perconaOperatorProblems(obj)).toStrictEqual(want);
  });
});
