/**
 * The last guard on every line the program writes: a secret value never leaves, not even
 * inside a server error it echoes. Values are matched as written, JSON-escaped and
 * URL-encoded, longest first so one secret inside another is still hidden whole.
 */
export const REDACTED = '********';

export type Redact = (text: string) => string;

export function redactor(secrets: readonly string[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, form) => out.replaceAll(form, REDACTED), text);
}

/** One line, whatever the text held: a termination message and a log line are one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
