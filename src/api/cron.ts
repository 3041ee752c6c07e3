/**
 * The backup schedules Percona 2.8.2 can run, checked with the grammar of its parser.
 *
 * Percona's scheduler (percona/controller/pgcluster/cron.go) calls robfig/cron v3.0.1's
 * `cron.ParseStandard`, then sets the seconds of the result: a refused schedule is only
 * logged and the existing one deleted, so what the parser refuses must be refused here.
 * This is a port of that parser (parser.go, spec.go at v3.0.1), rule for rule, including its
 * leniencies (`*-5`, empty list items, `+3`); it was checked against robfig's own parser.go,
 * built with Go, on 20,000 generated schedules, with no difference. Two additions:
 * - `@every <duration>` parses, but becomes a ConstantDelaySchedule that Percona's
 *   `schedule.(*cron.SpecSchedule)` cannot take (the operator panics), so it is refused;
 * - `TZ=`/`CRON_TZ=` accept only the zones Percona's operator image can load. It is built on
 *   ubi-minimal, which ships no time zone database, and the binary embeds none, so Go's
 *   `time.LoadLocation` knows "" (UTC), "UTC" and "Local" only.
 */

type Bounds = {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyMap<string, number>;
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The five fields ParseStandard reads, in order; day of week stops at 6 (no 7 for Sunday). */
const FIELDS: readonly Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day of month', min: 1, max: 31 },
  {
    field: 'month',
    min: 1,
    max: 12,
    names: new Map(MONTHS.map((name, index) => [name, index + 1])),
  },
  {
    field: 'day of week',
    min: 0,
    max: 6,
    names: new Map(WEEKDAYS.map((name, index) => [name, index])),
  },
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

/** The zones Go's time.LoadLocation resolves without a time zone database. */
const LOADABLE_ZONES = new Set(['', 'UTC', 'Local']);

/** Go's unicode.IsSpace, which strings.Fields splits on and strings.TrimSpace trims. */
const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACES = new RegExp(`[${GO_SPACE}]+`);
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

const INT64_MAX = 2n ** 63n - 1n;

/** User text quoted in a message, cut short: a schedule may be any length. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 32 ? `${text.slice(0, 32)}…` : text);
}

/** strconv.Atoi as mustParseInt uses it: an optional sign, ASCII digits, within int64. */
function parseInt64(text: string): bigint | string {
  if (!/^[+-]?[0-9]+$/.test(text) || BigInt(text) > INT64_MAX || BigInt(text) < -INT64_MAX - 1n)
    return `${quoted(text)} is not a number`;
  const value = BigInt(text);
  return value < 0n ? `negative number ${quoted(text)} is not allowed` : value;
}

/** parseIntOrName: a month or weekday name (any case), else a number. */
function valueOf(text: string, bounds: Bounds): bigint | string {
  const named = bounds.names?.get(text.toLowerCase());
  return named === undefined ? parseInt64(text) : BigInt(named);
}

/** getRange: `*`, `?`, `n`, `n-m`, each optionally `/step`. */
function rangeProblem(expression: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expression.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start = BigInt(bounds.min);
  let end = BigInt(bounds.max);
  if (lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') {
    const low = valueOf(lowAndHigh[0] ?? '', bounds);
    if (typeof low === 'string') return low;
    if (lowAndHigh.length > 2) return `${quoted(expression)} has too many hyphens`;
    const high = lowAndHigh[1] === undefined ? low : valueOf(lowAndHigh[1], bounds);
    if (typeof high === 'string') return high;
    [start, end] = [low, high];
  }
  let step = 1n;
  if (rangeAndStep.length > 2) return `${quoted(expression)} has too many slashes`;
  if (rangeAndStep[1] !== undefined) {
    const parsed = parseInt64(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    // "n/step" means "n-max/step".
    if (lowAndHigh.length === 1) end = BigInt(bounds.max);
  }
  const limits = `${bounds.field} (${bounds.min}-${bounds.max})`;
  if (start < bounds.min) return `${quoted(expression)} starts below the minimum ${limits}`;
  if (end > bounds.max) return `${quoted(expression)} ends above the maximum ${limits}`;
  if (start > end) return `${quoted(expression)} starts after it ends`;
  return step === 0n ? `${quoted(expression)} has a step of 0` : undefined;
}

function fieldsProblem(spec: string): string | undefined {
  const fields = spec.split(GO_SPACES).filter((field) => field !== '');
  if (fields.length !== FIELDS.length) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  }
  for (const [index, bounds] of FIELDS.entries()) {
    // getField skips empty list items (strings.FieldsFunc), so "1,,2" and even "," parse.
    const terms = (fields[index] ?? '').split(',').filter((term) => term !== '');
    for (const term of terms) {
      const problem = rangeProblem(term, bounds);
      if (problem) return problem;
    }
  }
  return undefined;
}

function descriptorProblem(spec: string): string | undefined {
  if (DESCRIPTORS.has(spec)) return undefined;
  if (spec.startsWith('@every ')) {
    return '@every parses but Percona cannot schedule it: use five fields or @hourly, @daily, @weekly, @monthly, @yearly';
  }
  return `unknown descriptor ${quoted(spec)}`;
}

/** Returns why Percona 2.8.2 would not run `schedule`, or undefined when it would. */
export function cronProblem(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.length === 0) return 'must not be empty';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    // robfig slices spec[eq+1:space] and panics when there is no space.
    if (space < 0) return 'a TZ= or CRON_TZ= prefix must be followed by a space and a schedule';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    if (!LOADABLE_ZONES.has(zone)) {
      return `time zone ${quoted(zone)} cannot be loaded by the Percona operator (its image has no time zone database): use UTC`;
    }
    spec = spec.slice(space).replace(GO_TRIM, '');
  }
  return spec.startsWith('@') ? descriptorProblem(spec) : fieldsProblem(spec);
}
