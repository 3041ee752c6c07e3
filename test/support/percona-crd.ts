/**
 * Offline validation of a PerconaPGCluster against the real Percona 2.8.2 CRD
 * (`test/schemas/percona/`, an unchanged copy of op@v2.8.2 deploy/crd.yaml), done the way
 * the API server does it: defaults first, then the OpenAPI schema, then the CEL rules.
 */
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PERCONA_NAME_LIMIT } from '../../src/names.js';
import {
  applyDefaults,
  celRules,
  emptyValues,
  fieldPath,
  isObject,
  unknownFields,
  type CelRule,
  type JsonObject,
  type SchemaNode,
} from './crd-structural.js';
import { compileCached, readYamlCached } from './validator-cache.js';

export const SCHEMA_DIR = join(import.meta.dirname, '..', 'schemas', 'percona');
const CRD_FILE = join(SCHEMA_DIR, 'perconapgclusters.pgv2.percona.com.yaml');

type Compiled = { readonly schema: SchemaNode; readonly validate: ValidateFunction };

/**
 * The CRD is 1.5 MB: parsed and compiled once per process (per vitest worker), each from the
 * disk cache every worker shares (validator-cache.ts) once any has made it.
 */
let compiled: Compiled | undefined;

type Crd = { spec: { versions: { name: string; schema: { openAPIV3Schema: SchemaNode } }[] } };

function loadValidator(): Compiled {
  if (compiled) return compiled;
  const crd = readYamlCached(CRD_FILE) as Crd;
  const version = crd.spec.versions.find((candidate) => candidate.name === 'v2');
  if (!version) throw new Error(`${CRD_FILE} has no version v2`);
  const schema = version.schema.openAPIV3Schema;
  compiled = { schema, validate: compileCached(schema) };
  return compiled;
}

/** `/spec/instances/0/name` becomes `spec.instances[0].name`. */
function ajvPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return fieldPath(segments);
}

function schemaProblems(defaulted: unknown, validate: ValidateFunction): string[] {
  if (validate(defaulted)) return [];
  return (validate.errors ?? []).map((error) => `${ajvPath(error)}: ${error.message ?? 'invalid'}`);
}

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The operator names Services after the cluster, so the name must be a DNS-1035 label. */
function nameProblems(name: unknown): string[] {
  if (typeof name !== 'string') return ['metadata.name: required string'];
  if (name.length > 63) return [`metadata.name: longer than 63 characters (${name.length})`];
  if (!DNS_1035_LABEL.test(name)) return ['metadata.name: not a DNS-1035 label'];
  return [];
}

const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : undefined;
};
const arrayAt = (value: unknown, key: string): unknown[] | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : undefined;
};

/**
 * Hand-written equivalents of every rule on the paths our objects use. The CRD has exactly
 * two `x-kubernetes-validations` (found by walking properties, items and
 * additionalProperties of the whole schema):
 * - `spec`: "!has(self.users) || self.postgresVersion >= 15 ||
 *   self.users.all(u, !has(u.grantPublicSchemaAccess) || !u.grantPublicSchemaAccess)";
 * - `spec.backups`: "(has(self.enabled) && self.enabled == false) ||
 *   (has(self.pgbackrest.repos) && size(self.pgbackrest.repos) > 0)".
 * Plus the limit the Go doc of `instances[].name` states (not CEL, so the API server does
 * not enforce it; the operator's objects would break): cluster + instance name <= 46.
 */
function ruleProblems(defaulted: JsonObject): string[] {
  const problems: string[] = [];
  const spec = objectAt(defaulted, 'spec');
  if (!spec) return problems;
  const users = arrayAt(spec, 'users');
  const grants = users?.some((user) => isObject(user) && user.grantPublicSchemaAccess === true);
  if (grants && !(typeof spec.postgresVersion === 'number' && spec.postgresVersion >= 15)) {
    problems.push(
      'spec: PostgresVersion must be >= 15 if grantPublicSchemaAccess exists and is true',
    );
  }
  const backups = objectAt(spec, 'backups');
  // CEL `has(self.pgbackrest.repos)` on a missing pgbackrest is an evaluation error: rejected too.
  const repos = arrayAt(objectAt(backups, 'pgbackrest'), 'repos');
  if (backups && backups.enabled !== false && (repos?.length ?? 0) === 0) {
    problems.push(
      'spec.backups: At least one repository must be configured when backups are enabled',
    );
  }
  const clusterName = objectAt(defaulted, 'metadata')?.name;
  const clusterLength = typeof clusterName === 'string' ? clusterName.length : 0;
  (arrayAt(spec, 'instances') ?? []).forEach((instance, index) => {
    const name = isObject(instance) && typeof instance.name === 'string' ? instance.name : '';
    if (clusterLength + name.length > PERCONA_NAME_LIMIT) {
      problems.push(
        `spec.instances[${index}].name: cluster name + instance name is ${clusterLength + name.length} characters, more than ${PERCONA_NAME_LIMIT}`,
      );
    }
  });
  return problems;
}

/** Parses and compiles the CRD now: test/support/global-setup.ts, before the workers start. */
export function preparePerconaValidator(): void {
  loadValidator();
}

/** The CRD's CEL rules, so a test notices when a new CRD brings one `ruleProblems` lacks. */
export function crdCelRules(): CelRule[] {
  return celRules(loadValidator().schema);
}

/** The CRD with root `metadata` left to the API server's ObjectMeta handling. */
function withOpaqueMetadata(schema: SchemaNode): SchemaNode {
  const metadata: SchemaNode = { 'x-kubernetes-preserve-unknown-fields': true };
  return { ...schema, properties: { ...schema.properties, metadata } };
}

/** The CRD's defaults filled in, as the API server stores the object. */
export function withCrdDefaults(obj: unknown): unknown {
  const copy = structuredClone(obj);
  applyDefaults(copy, loadValidator().schema);
  return copy;
}

export type ValidateOptions = {
  /** Fill the CRD defaults first, as the API server does. Off only to show why it matters. */
  readonly applyDefaults?: boolean;
};

/**
 * Every reason the API server would reject (or silently change) `obj`; empty when it
 * accepts it unchanged apart from defaults.
 */
export function validatePerconaPGCluster(obj: unknown, options: ValidateOptions = {}): string[] {
  const { schema, validate } = loadValidator();
  const empty = emptyValues(obj);
  if (empty.length > 0) return empty;
  const defaulted = options.applyDefaults === false ? structuredClone(obj) : withCrdDefaults(obj);
  const problems = schemaProblems(defaulted, validate);
  if (!isObject(defaulted)) return problems;
  return [
    ...problems,
    ...unknownFields(defaulted, withOpaqueMetadata(schema)),
    ...nameProblems(objectAt(defaulted, 'metadata')?.name),
    ...ruleProblems(defaulted),
  ];
}
