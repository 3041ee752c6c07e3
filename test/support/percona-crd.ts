/**
 * Offline validation of Percona objects against the real Percona 2.8.2 CRDs
 * (`test/schemas/percona/`, copies of op@v2.8.2 deploy/crd.yaml), done the way the API
 * server does it: defaults first, then the OpenAPI schema, then the CEL rules. The
 * PerconaPGCluster's CRD has two CEL rules; the backup, restore and upgrade CRDs none.
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
/** The vendored CRD of each Percona kind the function composes or reads. */
const CRD_FILES = {
  PerconaPGCluster: 'perconapgclusters.pgv2.percona.com.yaml',
  PerconaPGBackup: 'perconapgbackups.pgv2.percona.com.yaml',
  PerconaPGRestore: 'perconapgrestores.pgv2.percona.com.yaml',
  PerconaPGUpgrade: 'perconapgupgrades.pgv2.percona.com.yaml',
} as const;

export type PerconaKind = keyof typeof CRD_FILES;

type Compiled = { readonly schema: SchemaNode; readonly validate: ValidateFunction };

/**
 * The cluster's CRD is 1.5 MB: each CRD is parsed and compiled once per process (per vitest
 * worker), each from the disk cache every worker shares (validator-cache.ts) once any has
 * made it.
 */
const compiled = new Map<PerconaKind, Compiled>();

type Crd = { spec: { versions: { name: string; schema: { openAPIV3Schema: SchemaNode } }[] } };

function loadValidator(kind: PerconaKind = 'PerconaPGCluster'): Compiled {
  const cached = compiled.get(kind);
  if (cached) return cached;
  const file = join(SCHEMA_DIR, CRD_FILES[kind]);
  const crd = readYamlCached(file) as Crd;
  const version = crd.spec.versions.find((candidate) => candidate.name === 'v2');
  if (!version) throw new Error(`${file} has no version v2`);
  const schema = version.schema.openAPIV3Schema;
  const made = { schema, validate: compileCached(schema) };
  compiled.set(kind, made);
  return made;
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

/** Parses and compiles the CRDs now: test/support/global-setup.ts, before the workers start. */
export function preparePerconaValidator(): void {
  for (const kind of Object.keys(CRD_FILES) as PerconaKind[]) loadValidator(kind);
}

/** A CRD's CEL rules, so a test notices when a new CRD brings one `ruleProblems` lacks. */
export function crdCelRules(kind: PerconaKind = 'PerconaPGCluster'): CelRule[] {
  return celRules(loadValidator(kind).schema);
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

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Every reason the API server would reject a PerconaPGBackup, PerconaPGRestore or
 * PerconaPGUpgrade. Their names must also be DNS-1123 labels: the operator puts them into
 * Job names and label values (`<upgrade>-pgdata`, `percona.com/backup-name`).
 */
export function validatePerconaObject(
  kind: Exclude<PerconaKind, 'PerconaPGCluster'>,
  obj: unknown,
): string[] {
  const { schema, validate } = loadValidator(kind);
  const empty = emptyValues(obj);
  if (empty.length > 0) return empty;
  const defaulted = structuredClone(obj);
  applyDefaults(defaulted, schema);
  const name = objectAt(defaulted, 'metadata')?.name;
  const nameProblem =
    typeof name === 'string' && name.length <= 63 && DNS_1123_LABEL.test(name)
      ? []
      : [`metadata.name: not a DNS-1123 label of at most 63 characters: ${String(name)}`];
  return [
    ...schemaProblems(defaulted, validate),
    ...(isObject(defaulted) ? unknownFields(defaulted, withOpaqueMetadata(schema)) : []),
    ...nameProblem,
  ];
}
