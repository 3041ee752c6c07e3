/** Turning zod issues into the one-line, path-first messages Crossplane shows users. */
import type { z } from 'zod';

export type Issue = { readonly path: string; readonly message: string };

/** Renders a zod path the way kubectl explains fields: `spec.adapters.nfs.port`, `items[0]`. */
export function pathText(root: string, path: readonly PropertyKey[]): string {
  const text = path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    root,
  );
  return text.replace(/^\./, '');
}

/** One issue per field, first message wins, in the order zod reported them. */
export function fromZod(root: string, error: z.ZodError): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    const path = pathText(root, issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, message: issue.message });
  }
  return issues;
}

/** Error map for parsing: a missing value says "required", never echoing user input. */
export const requiredErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;

/** `a.b: msg; c: msg` on a single line: newlines in user text are flattened. */
export function issuesText(issues: readonly Issue[]): string {
  return issues
    .map(({ path, message }) => (path ? `${path}: ${message}` : message).replace(/\s+/g, ' '))
    .join('; ');
}
