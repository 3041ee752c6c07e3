/** Annotations with invalid keys, and the FATAL message they must give (api.md §6). */
import type { Issue } from '../../../src/api/issues.js';

/** Keys of the same length (`not a key 00042`), so every issue takes as many bytes. */
export const badKey = (index: number) => `not a key ${String(index).padStart(5, '0')}`;

export function badAnnotations(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [badKey(index), 'abc']));
}

export const keyIssue = (index: number): Issue => ({
  path: `spec.service.annotations['${badKey(index)}']`,
  message:
    'is not an annotation key: up to 63 letters, digits, -, _ and ., optionally after a DNS subdomain and /',
});

/**
 * The rule, spelt out: `invalid DittoServer: ` and as many whole issues as fit in 4,096
 * bytes together with the count of those left out, `; and N more`.
 */
export function expectedMessage(issues: readonly Issue[]): string {
  const parts = issues.map(({ path, message }) => `${path}: ${message}`);
  const text = (shown: number) => {
    const more = parts.length - shown;
    return `invalid DittoServer: ${parts.slice(0, shown).join('; ')}${more ? `; and ${more} more` : ''}`;
  };
  let shown = 0;
  while (shown < parts.length && Buffer.byteLength(text(shown + 1)) <= 4096) shown += 1;
  return text(shown);
}
