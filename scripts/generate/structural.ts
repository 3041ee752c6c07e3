/**
 * Turns zod's OpenAPI 3.0 output into a Kubernetes structural schema: the only kind an
 * XRD or CRD accepts (apiextensions-apiserver rejects the rest at apply time).
 */

export type Schema = Record<string, unknown>;

export type StructuralOptions = {
  /**
   * Drop every `required` list. Used for the XR status: Crossplane writes status.conditions
   * before the function first reports, and a required field would make that write fail.
   */
  readonly dropRequired?: boolean;
};

/** Thrown for a schema shape Kubernetes cannot express; the message names the path. */
export class StructuralSchemaError extends Error {}

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);

/** Lookaround and backreferences are ECMAScript-only: the API server compiles patterns with RE2. */
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isSchema(value) && Object.keys(value).length === 0;
}

/** `anyOf: [{type: integer}, {type: string}]` in either order, bounds allowed. */
function isIntOrStringUnion(branches: unknown): boolean {
  if (!Array.isArray(branches) || branches.length !== 2) return false;
  const types = branches.map((branch) => (isSchema(branch) ? branch.type : undefined)).sort();
  return types[0] === 'integer' && types[1] === 'string';
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

function convertNode(node: Schema, path: string, options: StructuralOptions): Schema {
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === '$schema' || keyword === '$id' || keyword === 'propertyNames') continue;
    if (keyword === 'required' && (options.dropRequired || (Array.isArray(value) && !value.length)))
      continue;
    // Kubernetes rejects a default of {} nowhere, but it materialises every nested default
    // in every stored XR (spec.percona.backup.* for a server without a database). Leaf
    // defaults still apply as soon as the user writes the parent object.
    if (keyword === 'default' && isEmptyObject(value)) continue;
    if (
      (keyword === 'minimum' || keyword === 'maximum') &&
      SAFE_INTEGER_BOUNDS.has(value as number)
    )
      continue;
    if (keyword === 'pattern' && typeof value === 'string' && NOT_RE2.test(value)) {
      // The runtime parser still enforces it; the API server would refuse the whole CRD.
      process.emitWarning(`${path}: pattern ${value} is not RE2, left out of the schema`);
      continue;
    }
    out[keyword] = value;
  }

  if ('anyOf' in out || 'oneOf' in out || 'allOf' in out || 'not' in out) {
    if (!isIntOrStringUnion(out.anyOf))
      throw new StructuralSchemaError(`${path}: only int-or-string unions have a structural form`);
    delete out.anyOf;
    delete out.type;
    out['x-kubernetes-int-or-string'] = true;
  }

  if (isSchema(out.properties)) {
    const properties: Schema = {};
    for (const [name, child] of Object.entries(out.properties)) {
      if (!isSchema(child))
        throw new StructuralSchemaError(`${childPath(path, name)}: not a schema`);
      properties[name] = convertNode(child, childPath(path, name), options);
    }
    out.properties = properties;
    // zod's io:'input' leaves additionalProperties out of plain objects; a false here would
    // come from z.strictObject, which Kubernetes cannot express beside properties.
    if (out.additionalProperties === false) delete out.additionalProperties;
    if ('additionalProperties' in out)
      throw new StructuralSchemaError(
        `${path}: properties and additionalProperties exclude each other`,
      );
  } else if (isSchema(out.additionalProperties)) {
    out.additionalProperties = convertNode(out.additionalProperties, `${path}[*]`, options);
  }
  if (isSchema(out.items)) out.items = convertNode(out.items, `${path}[]`, options);

  if (typeof out.type !== 'string' && out['x-kubernetes-int-or-string'] !== true)
    throw new StructuralSchemaError(`${path}: every node needs a type`);
  return sortKeywords(out);
}

/** Keywords alphabetically, as controller-gen writes them; properties keep their order. */
function sortKeywords(node: Schema): Schema {
  return Object.fromEntries(Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The structural form of a zod JSON Schema; throws StructuralSchemaError when there is none. */
export function toStructural(schema: Schema, path: string, options: StructuralOptions = {}) {
  return convertNode(schema, path, options);
}
