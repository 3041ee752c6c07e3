/**
 * The valid part of an invalid document: every field zod rejects is left out (its default
 * applies), so rules that span several fields can still run and every offending field is
 * named in one message, not one per edit.
 */
import type { z } from 'zod';

/** Each round removes at least one field; a JSON document this deep is not a spec. */
const MAX_ROUNDS = 32;

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
}

/**
 * The field to leave out for an issue: list items are not removed one by one (the list
 * goes), and a missing required field takes its parent object with it.
 */
function fieldToRemove(document: unknown, issuePath: readonly PropertyKey[]): string[] {
  const firstIndex = issuePath.findIndex((key) => typeof key !== 'string');
  const path = (firstIndex < 0 ? issuePath : issuePath.slice(0, firstIndex)).map(String);
  while (path.length > 0 && valueAt(document, path) === undefined) path.pop();
  return path;
}

/** A copy of `document` without the field at `path`; only objects along the path are copied. */
function without(document: unknown, path: readonly string[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined || !isObject(document) || !(key in document)) return document;
  if (rest.length > 0) return { ...document, [key]: without(document[key], rest) };
  const { [key]: _removed, ...others } = document;
  return others;
}

/**
 * `schema` parsed from `document` with the rejected fields left out, or undefined when that
 * leaves nothing valid (a required top-level field is missing or the document is no object).
 */
export function validPart<S extends z.ZodType>(
  schema: S,
  document: unknown,
): z.output<S> | undefined {
  let candidate = document;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const current = candidate;
    const paths = parsed.error.issues.map((issue) => fieldToRemove(current, issue.path));
    if (paths.some((path) => path.length === 0)) return undefined;
    candidate = paths.reduce(without, candidate);
  }
  return undefined;
}
