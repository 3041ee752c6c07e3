/**
 * What the Kubernetes API server does to a custom resource with a structural schema before
 * it validates: fill defaults, and drop fields the schema does not know (pruning). Both walk
 * the schema the same way: `properties`, `items` and `additionalProperties`.
 */

import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

/** Kubernetes extensions: the API server evaluates them, a JSON-schema validator must not. */
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-validations',
  'x-kubernetes-map-type',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
];

/**
 * The ajv every CRD schema is compiled with: every error reported, Kubernetes keywords known.
 * `source` keeps the generated code, for test/support/validator-cache.ts to save.
 */
export function crdAjv(options: { readonly source?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    code: { source: options.source ?? false },
  });
  // ajv-formats is CommonJS; its callable is `default` under NodeNext resolution.
  formatsPlugin.default(ajv);
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

/** An ajv validator for a CRD's OpenAPI schema (crdAjv). */
export function compileCrdSchema(schema: SchemaNode): ValidateFunction {
  return crdAjv().compile(schema);
}

/** The part of an OpenAPI v3 schema node these walks read. */
export type SchemaNode = {
  type?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
};

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills every missing property that has a `default`, then descends into every property
 * (defaulted ones too), array item and map value, as apiextensions' structural defaulting
 * does. Mutates `value`: callers pass a deep copy.
 */
export function applyDefaults(value: unknown, schema: SchemaNode): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (!(key in value) && property.default !== undefined) {
      value[key] = structuredClone(property.default);
    }
    if (key in value) applyDefaults(value[key], property);
  }
  const additional = schema.additionalProperties;
  if (isObject(additional)) {
    for (const [key, item] of Object.entries(value)) {
      if (!(key in (schema.properties ?? {}))) applyDefaults(item, additional);
    }
  }
}

/** `spec.instances[0].name` from ['spec', 'instances', 0, 'name']. */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * `undefined` and `null` values: a protobuf Struct drops or rejects them, and a JSON-schema
 * validator skips an `undefined` property as if it were absent.
 */
export function emptyValues(value: unknown, at: readonly (string | number)[] = []): string[] {
  if (value === undefined || value === null)
    return [`${fieldPath(at)}: must not be ${String(value)}`];
  if (Array.isArray(value))
    return value.flatMap((item, index) => emptyValues(item, [...at, index]));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => emptyValues(item, [...at, key]));
}

/**
 * Fields the API server would silently prune: an object key that is neither a declared
 * property nor covered by `additionalProperties` or `x-kubernetes-preserve-unknown-fields`.
 * A plain JSON-schema validator accepts them, so a typo in a builder would go unnoticed.
 */
export function unknownFields(
  value: unknown,
  schema: SchemaNode,
  at: readonly (string | number)[] = [],
): string[] {
  if (Array.isArray(value)) {
    const { items } = schema;
    if (!items) return [];
    return value.flatMap((item, index) => unknownFields(item, items, [...at, index]));
  }
  if (!isObject(value) || schema['x-kubernetes-preserve-unknown-fields'] === true) return [];
  const additional = schema.additionalProperties;
  return Object.entries(value).flatMap(([key, item]) => {
    const property = schema.properties?.[key] ?? (isObject(additional) ? additional : undefined);
    if (property) return unknownFields(item, property, [...at, key]);
    if (additional === true) return [];
    return [`${fieldPath([...at, key])}: unknown field (the API server would prune it)`];
  });
}

export type CelRule = { readonly path: string; readonly rule: string; readonly message: string };

/** Every `x-kubernetes-validations` rule in the schema, with the field path it sits on. */
export function celRules(schema: SchemaNode, at: readonly (string | number)[] = []): CelRule[] {
  const here = (schema['x-kubernetes-validations'] ?? []).map(({ rule, message }) => ({
    path: fieldPath(at),
    rule,
    message: message ?? '',
  }));
  const additional = schema.additionalProperties;
  return [
    ...here,
    ...Object.entries(schema.properties ?? {}).flatMap(([key, child]) =>
      celRules(child, [...at, key]),
    ),
    ...(schema.items ? celRules(schema.items, [...at, 0]) : []),
    ...(isObject(additional) ? celRules(additional, [...at, '*']) : []),
  ];
}
