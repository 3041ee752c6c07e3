/**
 * Validates objects against a CRD schema offline, the way `kubectl apply` (strict field
 * validation) and the API server would: CRD defaults first, then the OpenAPI schema, unknown
 * fields, the CEL rules (each one hand-translated below) and metadata.name.
 */
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import {
  applyDefaults,
  emptyValues,
  isObject,
  unknownFields,
  type SchemaNode,
} from '../support/crd-structural.js';
import { compileCached, readYamlCached } from '../support/validator-cache.js';

export const CROSSPLANE_SCHEMAS = join(import.meta.dirname, '..', 'schemas', 'crossplane');

const FULLY_QUALIFIED_IMAGE = /^[^./]+(\.[^./]+)+(\/[^/:@]+)+(:[^:@]+(@sha256.+)?|@sha256.+)$/;
const has = (self: Record<string, unknown>, field: string) => self[field] !== undefined;
const lower = (text: unknown) => typeof text === 'string' && text === text.toLowerCase();

/**
 * Every CEL rule in the Crossplane CRDs under test/schemas/crossplane, translated. A rule
 * missing here fails validation, so a new CRD copy cannot bring an unchecked rule.
 * Transition rules (`oldSelf`) hold on create.
 */
export const CEL_RULES: Readonly<Record<string, (self: Record<string, unknown>) => boolean>> = {
  'self == oldSelf': () => true,
  '!has(self.claimNames)': (self) => !has(self, 'claimNames'),
  '!has(self.connectionSecretKeys)': (self) => !has(self, 'connectionSecretKeys'),
  "self.scope == 'LegacyCluster' || !has(self.claimNames)": (self) =>
    self.scope === 'LegacyCluster' || !has(self, 'claimNames'),
  "self.scope == 'LegacyCluster' || !has(self.connectionSecretKeys)": (self) =>
    self.scope === 'LegacyCluster' || !has(self, 'connectionSecretKeys'),
  'self.plural == self.plural.lowerAscii()': (self) => lower(self.plural),
  '!has(self.singular) || self.singular == self.singular.lowerAscii()': (self) =>
    !has(self, 'singular') || lower(self.singular),
  '!(has(self.name) && has(self.matchLabels))': (self) =>
    !(has(self, 'name') && has(self, 'matchLabels')),
  "self.mode == 'Pipeline' && has(self.pipeline)": (self) =>
    self.mode === 'Pipeline' && has(self, 'pipeline'),
  "self.source == 'Secret' && has(self.secretRef)": (self) =>
    self.source === 'Secret' && has(self, 'secretRef'),
  "self.strategy == 'Webhook' && has(self.webhook)": (self) =>
    self.strategy === 'Webhook' && has(self, 'webhook'),
  // protection.crossplane.io Usage and ClusterUsage (deletionProtection, api.md §6).
  'has(self.resourceRef) || has(self.resourceSelector)': (self) =>
    has(self, 'resourceRef') || has(self, 'resourceSelector'),
  'has(self.by) || has(self.reason)': (self) => has(self, 'by') || has(self, 'reason'),
  'has(self.by) || (!has(self.of.resourceRef) || !has(self.of.resourceRef.__namespace__)) && (!has(self.of.resourceSelector) || !has(self.of.resourceSelector.__namespace__))':
    (self) => {
      const of = isObject(self.of) ? self.of : {};
      const ref = isObject(of.resourceRef) ? of.resourceRef : {};
      const selector = isObject(of.resourceSelector) ? of.resourceSelector : {};
      return has(self, 'by') || (!has(ref, 'namespace') && !has(selector, 'namespace'));
    },
  "self.matches('^[^\\\\.\\\\/]+(\\\\.[^\\\\.\\\\/]+)+(\\\\/[^\\\\/:@]+)+(:[^:@]+(@sha256.+)?|@sha256.+)$')":
    (self) => typeof self === 'string' && FULLY_QUALIFIED_IMAGE.test(self),
};

type Rule = { rule: string; message?: string };

function celProblems(value: unknown, schema: SchemaNode, path: string): string[] {
  const rules = (schema['x-kubernetes-validations'] ?? []) as Rule[];
  const here = rules.flatMap(({ rule, message }) => {
    const check = CEL_RULES[rule];
    if (!check) return [`${path}: CEL rule not translated for tests: ${rule}`];
    return check(value as Record<string, unknown>) ? [] : [`${path}: ${message ?? rule}`];
  });
  if (Array.isArray(value) && schema.items) {
    const { items } = schema;
    return [...here, ...value.flatMap((item, i) => celProblems(item, items, `${path}[${i}]`))];
  }
  if (!isObject(value)) return here;
  const additional = isObject(schema.additionalProperties)
    ? schema.additionalProperties
    : undefined;
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, item]) => {
      const child = schema.properties?.[key] ?? additional;
      return child ? celProblems(item, child, `${path}.${key}`) : [];
    }),
  ];
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function nameProblems(obj: Record<string, unknown>): string[] {
  const name = isObject(obj.metadata) ? obj.metadata.name : undefined;
  if (typeof name !== 'string') return ['metadata.name: required'];
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
    ? []
    : ['metadata.name: not a DNS subdomain'];
}

export type Validator = (obj: unknown) => string[];

/** A validator for one schema; `metadata` at the root is left to the API server. */
export function schemaValidator(schema: SchemaNode, options = { requireName: true }): Validator {
  // Compiled once for every worker and run (validator-cache.ts): the CRDs are large.
  const validate: ValidateFunction = compileCached(schema);
  const opaque: SchemaNode = {
    ...schema,
    properties: {
      ...schema.properties,
      metadata: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  return (obj) => {
    const empty = emptyValues(obj);
    if (empty.length || !isObject(obj)) return empty.length ? empty : ['not an object'];
    const defaulted = structuredClone(obj);
    applyDefaults(defaulted, schema);
    const schemaErrors = validate(defaulted)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
    return [
      ...schemaErrors,
      ...unknownFields(defaulted, opaque),
      ...celProblems(defaulted, schema, '(root)'),
      ...(options.requireName ? nameProblems(defaulted) : []),
    ];
  };
}

type Crd = {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema: { openAPIV3Schema: SchemaNode } }[];
  };
};

/** Validators by `apiVersion/kind` for every version of every CRD in the files. */
export function crdValidators(files: readonly string[]): Map<string, Validator> {
  const out = new Map<string, Validator>();
  for (const file of files) {
    const crd = readYamlCached(file) as Crd;
    for (const version of crd.spec.versions)
      out.set(
        `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
        schemaValidator(version.schema.openAPIV3Schema),
      );
  }
  return out;
}
