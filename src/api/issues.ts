/** Turning zod issues into the one-line, path-first messages Crossplane shows users. */
import type { z } from 'zod';

export type Issue = { readonly path: string; readonly message: string };

/** Keys that read unambiguously after a dot; others (`prometheus.io/scrape`) go in brackets. */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** A map key is user text of any length: a path shows its start only. */
const KEY_LIMIT = 64;

function segment(key: PropertyKey): string {
  if (typeof key === 'number') return `[${key}]`;
  const full = String(key);
  const text = full.length > KEY_LIMIT ? `${full.slice(0, KEY_LIMIT)}…` : full;
  return PLAIN_KEY.test(text) ? `.${text}` : `['${text}']`;
}

/**
 * Renders a zod path the way kubectl explains fields: `spec.adapters.nfs.port`,
 * `items[0]`, `annotations['prometheus.io/scrape']`.
 */
export function pathText(root: string, path: readonly PropertyKey[]): string {
  return path
    .map(segment)
    .reduce((text, next) => text + next, root)
    .replace(/^\./, '');
}

/**
 * `z.int()` also checks the safe-integer range; when a field's own bound fails as well, that
 * bound ("must be at most 1") is the one worth reading, not 9007199254740991.
 */
function isSafeIntegerBound(issue: z.core.$ZodIssue): boolean {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return false;
  const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  return issue.origin === 'int' && Math.abs(Number(bound)) === Number.MAX_SAFE_INTEGER;
}

/** One issue per field in the order zod reported them; a field's first own message wins. */
export function fromZod(root: string, error: z.ZodError): Issue[] {
  const messages = new Map<string, { message: string; safeIntegerBound: boolean }>();
  for (const issue of error.issues) {
    const path = pathText(root, issue.path);
    const seen = messages.get(path);
    if (seen && !(seen.safeIntegerBound && !isSafeIntegerBound(issue))) continue;
    messages.set(path, { message: issue.message, safeIntegerBound: isSafeIntegerBound(issue) });
  }
  return [...messages].map(([path, { message }]) => ({ path, message }));
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

/** What a value is, in words, without echoing it: user text never reaches the message. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return 'an infinite number';
      return Number.isInteger(value) ? 'a number' : 'a fractional number';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function isIntegerSchema(schema: z.core.$ZodType | z.core.$ZodCheck | undefined): boolean {
  const definition: object | undefined = schema?._zod.def;
  return definition !== undefined && 'format' in definition && definition.format === 'safeint';
}

function boundMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return undefined;
  const big = issue.code === 'too_big';
  const bound = String(big ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (!big && bound === '1') return 'must not be empty';
      return `must be ${big ? 'at most' : 'at least'} ${bound} characters long`;
    case 'array':
      return `must have ${big ? 'at most' : 'at least'} ${bound} items`;
    default:
      if (inclusive) return `must be ${big ? 'at most' : 'at least'} ${bound}`;
      return `must be ${big ? 'less' : 'more'} than ${bound}`;
  }
}

/**
 * Error map for parsing: plain kubectl-style wording ("must be at most 1", "must be one of
 * ClusterIP, NodePort, LoadBalancer", "required") instead of zod's defaults, never echoing
 * user input. Messages a schema sets itself take precedence over this map.
 */
export const fieldErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      // `z.int()` reports a wrong type as "expected number"; the schema knows better.
      const expected = isIntegerSchema(issue.inst) ? 'int' : issue.expected;
      return `must be ${EXPECTED[expected] ?? expected}, not ${kindOf(issue.input)}`;
    }
    case 'invalid_value':
      if (issue.input === undefined) return 'required';
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_big':
    case 'too_small':
      return boundMessage(issue);
    case 'invalid_format':
      return issue.pattern === undefined ? undefined : `must match ${issue.pattern}`;
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return undefined;
  }
};

/** A FATAL message is at most 4 KiB (api.md §6): the first issues, then how many more. */
export const MESSAGE_LIMIT = 4096;

/** One issue is cut to this many characters, so the first one always fits. */
const ISSUE_LIMIT = 512;

function issueText({ path, message }: Issue): string {
  const text = (path ? `${path}: ${message}` : message).replace(/\s+/g, ' ');
  return text.length > ISSUE_LIMIT ? `${text.slice(0, ISSUE_LIMIT)}…` : text;
}

/**
 * `prefix` then `a.b: msg; c: msg` on a single line (newlines in user text are flattened), in
 * at most MESSAGE_LIMIT bytes: issues that do not fit become `; and N more`. Only the issues
 * shown are rendered, so the cost does not grow with the number of issues.
 */
export function issuesText(issues: readonly Issue[], prefix = ''): string {
  const countRoom = Buffer.byteLength(`; and ${issues.length} more`);
  let text = prefix;
  let bytes = Buffer.byteLength(prefix);
  let shown = 0;
  for (const issue of issues) {
    const part = `${shown === 0 ? '' : '; '}${issueText(issue)}`;
    const partBytes = Buffer.byteLength(part);
    const room = MESSAGE_LIMIT - (shown === issues.length - 1 ? 0 : countRoom);
    if (bytes + partBytes > room) break;
    text += part;
    bytes += partBytes;
    shown += 1;
  }
  const more = issues.length - shown;
  return more === 0 ? text : `${text}${shown === 0 ? '' : '; '}and ${more} more`;
}
