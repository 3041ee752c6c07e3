/**
 * Every manifest this repository ships, and a validator for each kind it may contain: the
 * real Crossplane CRDs, the generated XRDs and Input CRD, the Kubernetes core schemas and
 * the Percona CRD.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { parseAllDocuments } from 'yaml';
import { isObject, type SchemaNode } from '../support/crd-structural.js';
import { validateKubeObject } from '../support/kube-schema.js';
import { validatePerconaObject, validatePerconaPGCluster } from '../support/percona-crd.js';
import {
  CROSSPLANE_SCHEMAS,
  crdValidators,
  schemaValidator,
  type Validator,
} from './crd-validator.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export type Manifest = { file: string; index: number; object: Record<string, unknown> };

function yamlFilesUnder(path: string): string[] {
  if (statSync(join(ROOT, path)).isFile()) return [path];
  return readdirSync(join(ROOT, path), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** Every document of every YAML file under the given files or directories. */
export function manifests(...paths: string[]): Manifest[] {
  return paths.flatMap(yamlFilesUnder).flatMap((file) =>
    parseAllDocuments(readFileSync(join(ROOT, file), 'utf8'), { version: '1.1' })
      .map((doc) => doc.toJSON() as unknown)
      .filter(isObject)
      .map((object, index) => ({ file, index, object })),
  );
}

export const loadYaml = (file: string) => manifests(file)[0]?.object ?? {};

/** The openAPIV3Schema of a CRD or XRD file in this repository. */
export function versionSchema(file: string): SchemaNode {
  const spec = loadYaml(file).spec as { versions: { schema: { openAPIV3Schema: SchemaNode } }[] };
  const [version] = spec.versions;
  if (!version) throw new Error(`${file} has no version`);
  return version.schema.openAPIV3Schema;
}

/** The spec fields Crossplane adds to every XR (xcrd), left opaque here. */
function withCrossplaneFields(schema: SchemaNode, fields: readonly string[]): SchemaNode {
  const spec = schema.properties?.spec ?? {};
  const opaque = Object.fromEntries(
    fields.map((field) => [field, { 'x-kubernetes-preserve-unknown-fields': true }]),
  );
  // xcrd.BaseProps: every XR CRD declares apiVersion, kind and metadata.
  const typeMeta = { apiVersion: { type: 'string' }, kind: { type: 'string' } };
  return {
    ...schema,
    properties: {
      ...typeMeta,
      ...schema.properties,
      spec: { ...spec, properties: { ...spec.properties, ...opaque } },
    },
  };
}

const MODERN_FIELDS = ['crossplane'];
const LEGACY_FIELDS = [
  'claimRef',
  'compositionRef',
  'compositionRevisionRef',
  'compositionSelector',
  'compositionUpdatePolicy',
  'resourceRefs',
  'writeConnectionSecretToRef',
];
const CLAIM_FIELDS = LEGACY_FIELDS.filter((field) => !['claimRef', 'resourceRefs'].includes(field));

export const MODERN_XRD = 'package/configuration/modern/definition.yaml';
export const LEGACY_XRD = 'package/configuration/legacy/definition.yaml';
export const INPUT_CRD = 'package/function/input/dittoserver.fn.dittofs.com_inputs.yaml';

const fromModel =
  (validate: (data: object) => void): Validator =>
  (obj) => {
    try {
      validate(obj as object);
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  };

const both =
  (a: Validator, b: Validator): Validator =>
  (obj) => [...a(obj), ...b(obj)];

/** Validators by `apiVersion/kind`. */
export function validators(): Map<string, Validator> {
  const crossplane = readdirSync(CROSSPLANE_SCHEMAS)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(CROSSPLANE_SCHEMAS, name));
  const out = crdValidators(crossplane);
  const modernXr = schemaValidator(withCrossplaneFields(versionSchema(MODERN_XRD), MODERN_FIELDS));
  const legacySchema = versionSchema(LEGACY_XRD);
  // A cluster serves DittoServer as the modern XR or as the legacy claim: valid as both.
  const claim = schemaValidator(withCrossplaneFields(legacySchema, CLAIM_FIELDS));
  out.set('storage.dittofs.com/v1alpha1/DittoServer', both(modernXr, claim));
  out.set(
    'storage.dittofs.com/v1alpha1/XDittoServer',
    schemaValidator(withCrossplaneFields(legacySchema, LEGACY_FIELDS)),
  );
  // An Input lives only inside a Composition step: it has no name.
  out.set(
    'dittoserver.fn.dittofs.com/v1beta1/Input',
    schemaValidator(versionSchema(INPUT_CRD), { requireName: false }),
  );
  out.set(
    'apiextensions.k8s.io/v1/CustomResourceDefinition',
    fromModel((data) => {
      new CustomResourceDefinition(
        data as ConstructorParameters<typeof CustomResourceDefinition>[0],
      ).validate();
    }),
  );
  out.set(
    'rbac.authorization.k8s.io/v1/ClusterRole',
    fromModel((data) => {
      new ClusterRole(data).validate();
    }),
  );
  out.set(
    'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    fromModel((data) => {
      new ClusterRoleBinding(
        data as ConstructorParameters<typeof ClusterRoleBinding>[0],
      ).validate();
    }),
  );
  out.set('pgv2.percona.com/v2/PerconaPGCluster', (obj) => validatePerconaPGCluster(obj));
  for (const kind of ['PerconaPGBackup', 'PerconaPGRestore', 'PerconaPGUpgrade'] as const) {
    out.set(`pgv2.percona.com/v2/${kind}`, (obj) => validatePerconaObject(kind, obj));
  }
  return out;
}

/** Problems with one manifest; core kinds go to the Kubernetes schemas. */
export function validateManifest(registry: Map<string, Validator>, obj: Record<string, unknown>) {
  const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const validate = registry.get(key);
  return validate ? validate(obj) : validateKubeObject(obj);
}
