/**
 * The valid part of an invalid document: every field zod rejects is left out (its default
 * applies), so rules that span several fields can still run and every offending field is
 * named in one message, not one per edit.
 *
 * The cost is linear in the document: each round parses it once and copies only the
 * objects on the way to a rejected field, each once whatever the number of fields it loses
 * (20,000 bad annotation keys cost one copy of the map, not 20,000). Rounds are bounded by
 * the schema's depth: a round only adds work when a removed field was required, which
 * takes its parent object with it.
 */
import type { z } from 'zod';

/** Each round removes at least one field; a JSON document this deep is not a spec. */
const MAX_ROUNDS = 32;

/** What a validPart call did, for tests that prove its cost grows linearly. */
export type ValidPartWork = { parses: number; copiedKeys: number };

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

/** The fields to remove as a tree: `true` removes the field, a map goes inside it. */
type Removals = Map<string, Removals | true>;

function removals(paths: readonly (readonly string[])[]): Removals {
  const root: Removals = new Map();
  for (const path of paths) {
    let node = root;
    for (const [index, key] of path.entries()) {
      const next = node.get(key);
      if (next === true) break;
      if (index === path.length - 1) {
        node.set(key, true);
        break;
      }
      const child: Removals = next ?? new Map<string, Removals | true>();
      node.set(key, child);
      node = child;
    }
  }
  return root;
}

/** A copy of `value` without the removed fields; untouched objects are shared, not copied. */
function prune(value: unknown, remove: Removals, work: ValidPartWork): unknown {
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  work.copiedKeys += entries.length;
  const kept: [string, unknown][] = [];
  for (const [key, child] of entries) {
    const rule = remove.get(key);
    if (rule === true) continue;
    kept.push([key, rule === undefined ? child : prune(child, rule, work)]);
  }
  // fromEntries defines each key, so a `__proto__` key stays a plain field.
  return Object.fromEntries(kept);
}

/**
 * `schema` parsed from `document` with the rejected fields left out, or undefined when that
 * leaves nothing valid (a required top-level field is missing or the document is no object).
 * `firstError` is the error of a parse the caller already made, so it is not made twice.
 */
export function validPart<S extends z.ZodType>(
  schema: S,
  document: unknown,
  firstError?: z.ZodError,
  work: ValidPartWork = { parses: 0, copiedKeys: 0 },
): z.output<S> | undefined {
  let candidate = document;
  let error = firstError;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    if (error === undefined) {
      work.parses += 1;
      const parsed = schema.safeParse(candidate);
      if (parsed.success) return parsed.data;
      error = parsed.error;
    }
    const current = candidate;
    const paths = error.issues.map((issue) => fieldToRemove(current, issue.path));
    if (paths.some((path) => path.length === 0)) return undefined;
    candidate = prune(candidate, removals(paths), work);
    error = undefined;
  }
  return undefined;
}
