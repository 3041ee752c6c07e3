/**
 * Safe reads from observed objects. Observed state comes from the API server and from
 * operators we do not control, so every field is `unknown` until one of these says
 * otherwise; a wrong type reads as absent instead of throwing.
 */
export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isFields(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function text(value: unknown, ...path: readonly string[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** An integer field; non-integers (including numeric strings) read as absent. */
export function integer(value: unknown, ...path: readonly string[]): number | undefined {
  const found = at(value, ...path);
  return typeof found === 'number' && Number.isInteger(found) ? found : undefined;
}

export function flag(value: unknown, ...path: readonly string[]): boolean | undefined {
  const found = at(value, ...path);
  return typeof found === 'boolean' ? found : undefined;
}

export function list(value: unknown, ...path: readonly string[]): readonly unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export type Condition = { readonly type: string; readonly status: string; readonly reason: string };

/** The `status.conditions` entry of a type; malformed entries are skipped. */
export function condition(value: unknown, type: string): Condition | undefined {
  for (const entry of list(value, 'status', 'conditions')) {
    if (text(entry, 'type') !== type) continue;
    return {
      type,
      status: text(entry, 'status') ?? 'Unknown',
      reason: text(entry, 'reason') ?? '',
    };
  }
  return undefined;
}
