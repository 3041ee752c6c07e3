/**
 * Validation of the five-field cron expressions the Percona operator schedules backups with.
 *
 * Percona 2.8.2 runs robfig/cron's standard parser (minute hour day-of-month month
 * day-of-week, plus `@hourly`-style descriptors). No npm cron library accepts exactly that
 * language (they add seconds fields or `L`/`W`/`#`), so the grammar is checked here.
 */

type Field = {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
};

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const DESCRIPTORS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);

function valueOf(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  if (!/^[0-9]{1,2}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}

function checkTerm(term: string, field: Field): string | undefined {
  const [range = '', step, extra] = term.split('/');
  if (extra !== undefined) return `"${term}" has more than one step`;
  if (step !== undefined && !(/^[0-9]{1,2}$/.test(step) && Number(step) > 0)) {
    return `"${term}" has an invalid step`;
  }
  if (range === '*' || range === '?') return undefined;
  const [low = '', high, more] = range.split('-');
  if (more !== undefined) return `"${term}" is not a valid range`;
  const lowValue = valueOf(low, field);
  if (lowValue === undefined)
    return `"${low}" is not a valid ${field.name} (${field.min}-${field.max})`;
  if (high === undefined) return undefined;
  const highValue = valueOf(high, field);
  if (highValue === undefined)
    return `"${high}" is not a valid ${field.name} (${field.min}-${field.max})`;
  return highValue < lowValue ? `range "${range}" is backwards` : undefined;
}

/** Returns why `expression` is not a valid schedule, or undefined when it is valid. */
export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    return DESCRIPTORS.has(trimmed) ? undefined : `unknown descriptor "${trimmed}"`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  }
  for (const [index, part] of parts.entries()) {
    const field = FIELDS[index];
    if (!field) break;
    for (const term of part.split(',')) {
      const problem = checkTerm(term, field);
      if (problem) return problem;
    }
  }
  return undefined;
}
