import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generatedFiles } from '../../scripts/generate/files.js';
import {
  StructuralSchemaError,
  toStructural,
  type Schema,
} from '../../scripts/generate/structural.js';
import { INPUT_CRD, LEGACY_XRD, MODERN_XRD, ROOT, versionSchema } from './manifests.js';
import type { SchemaNode } from '../support/crd-structural.js';

/**
 * Every field of the DittoFS operator's DittoServerSpec at v0.29.0
 * (k8s/dittofs-operator/api/v1alpha1/dittoserver_types.go), down to the fields of its own
 * types; Kubernetes types it embeds are checked at their top level.
 */
const OPERATOR_SPEC_FIELDS = [
  'image',
  'replicas',
  'storage.metadataSize',
  'storage.contentSize',
  'storage.controlPlaneSize',
  'storage.storageClassName',
  'database.type',
  'database.sqlite.path',
  'database.postgresSecretRef.name',
  'database.postgresSecretRef.key',
  'database.postgresSecretRef.optional',
  'controlPlane.port',
  'controlPlane.tls',
  'controlPlane.certSecretName',
  'controlPlane.clientCASecretName',
  'identity.type',
  'identity.jwt.secretRef.name',
  'identity.jwt.secretRef.key',
  'identity.jwt.secretRef.optional',
  'identity.jwt.accessTokenDuration',
  'identity.jwt.refreshTokenDuration',
  'identity.admin.username',
  'identity.admin.passwordSecretRef.name',
  'identity.admin.passwordSecretRef.key',
  'identity.admin.passwordSecretRef.optional',
  'identity.ldap',
  'identity.kerberos',
  'adapterDiscovery.pollingInterval',
  'adapterServices.type',
  'adapterServices.annotations',
  'service.type',
  'service.annotations',
  'metrics.enabled',
  'metrics.port',
  'metrics.path',
  'metrics.bearerTokenSecret',
  'metrics.serviceMonitor',
  'logging.level',
  'logging.format',
  'logging.output',
  'percona.enabled',
  'percona.deleteWithServer',
  'percona.replicas',
  'percona.storageSize',
  'percona.storageClassName',
  'percona.databaseName',
  'percona.backup.enabled',
  'percona.backup.credentialsSecretRef.name',
  'percona.backup.bucket',
  'percona.backup.endpoint',
  'percona.backup.region',
  'percona.backup.fullSchedule',
  'percona.backup.incrSchedule',
  'percona.backup.retentionDays',
  'snapshotPolicies',
  'resources.limits',
  'resources.requests',
  'resources.claims',
  'terminationGracePeriodSeconds',
  'securityContext.appArmorProfile',
  'securityContext.procMount',
  'securityContext.windowsOptions',
  'podSecurityContext.appArmorProfile',
  'podSecurityContext.windowsOptions',
  'podSecurityContext.sysctls',
  'podSecurityContext.seLinuxChangePolicy',
  'podSecurityContext.supplementalGroupsPolicy',
];
import { structuralProblems } from './structural-check.js';

describe('npm run generate', () => {
  it.each(generatedFiles().map((file) => [file.path, file.content] as const))(
    '%s is up to date (run npm run generate)',
    (path, content) => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(content);
    },
  );

  it.each([MODERN_XRD, LEGACY_XRD, INPUT_CRD])('%s is a structural schema', (file) => {
    expect(structuralProblems(versionSchema(file))).toEqual([]);
  });

  it("declares every field of the DittoFS operator's spec, so the API server keeps it", () => {
    const missing = OPERATOR_SPEC_FIELDS.filter((path) => {
      let node: SchemaNode | undefined = versionSchema(MODERN_XRD).properties?.spec;
      for (const key of path.split('.'))
        node = node?.properties?.[key] ?? node?.items?.properties?.[key];
      return node === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('gives the XR status no required fields, so Crossplane can write conditions first', () => {
    const status = versionSchema(MODERN_XRD).properties?.status;
    expect(JSON.stringify(status)).not.toMatch(/"required"/);
  });
});

const QUANTITY = { 'x-kubernetes-int-or-string': true, pattern: '^[0-9]+$' };

const cases: { reason: string; input: Schema; want: Schema }[] = [
  {
    reason: 'an int-or-string union loses anyOf and type, keeping the extension',
    input: {
      anyOf: [
        { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
        { type: 'string' },
      ],
      ...QUANTITY,
    },
    want: QUANTITY,
  },
  {
    reason: 'safe-integer bounds are noise; real bounds stay',
    input: { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: 65535 },
    want: { maximum: 65535, type: 'integer' },
  },
  {
    reason: 'default {} would store every nested default in every XR',
    input: { type: 'object', default: {}, properties: { a: { type: 'boolean', default: true } } },
    want: { properties: { a: { default: true, type: 'boolean' } }, type: 'object' },
  },
  {
    reason: 'additionalProperties: false (z.strictObject) cannot sit beside properties',
    input: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
    want: { properties: { a: { type: 'string' } }, type: 'object' },
  },
  {
    reason: '$schema and empty required lists go',
    input: { $schema: 'x', type: 'object', required: [], properties: {} },
    want: { properties: {}, type: 'object' },
  },
  {
    reason: 'a lookahead pattern would make the API server refuse the CRD',
    input: { type: 'string', pattern: '^(?=\\d)\\d+s$' },
    want: { type: 'string' },
  },
];

const failures: { reason: string; input: Schema; want: string }[] = [
  {
    reason: 'a union of objects has no structural form',
    input: { anyOf: [{ type: 'object' }, { type: 'string' }] },
    want: 'spec: only int-or-string unions have a structural form',
  },
  {
    reason: 'a map of schemas beside properties contradicts itself',
    input: { type: 'object', properties: {}, additionalProperties: { type: 'string' } },
    want: 'spec: properties and additionalProperties exclude each other',
  },
  {
    reason: 'an untyped node (z.unknown) is not structural',
    input: { type: 'object', properties: { a: {} } },
    want: 'spec.a: every node needs a type',
  },
];

describe('toStructural', () => {
  it.each(cases)('$reason', ({ input, want }) => {
    // The generator warns about the dropped pattern; the test only checks the schema.
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(toStructural(input, 'spec')).toEqual(want);
    warn.mockRestore();
  });

  it('drops required lists when asked (the XR status)', () => {
    const input = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
    expect(toStructural(input, 'status', { dropRequired: true })).toEqual({
      properties: { a: { type: 'string' } },
      type: 'object',
    });
  });

  it.each(failures)('$reason', ({ input, want }) => {
    expect(() => toStructural(input, 'spec')).toThrow(new StructuralSchemaError(want));
  });
});
