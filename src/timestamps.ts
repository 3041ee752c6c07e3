/**
 * Times in the forms Percona and pgBackRest write and read, converted to and from the
 * RFC 3339 the XR speaks. Conversions shift by whole minutes only, so fractional seconds
 * pass through digit for digit (Percona writes microseconds; an RFC 3339 target may carry
 * nanoseconds, which JavaScript dates would round).
 */

type Instant = {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** The fraction as written, with its dot, or ''. */
  readonly fraction: string;
  /** Minutes east of UTC. */
  readonly offset: number;
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The same instant in UTC; undefined when the fields name no real time (Feb 30, 25:00). */
function utc(instant: Instant): Instant | undefined {
  const { year, month, day, hour, minute, second, offset } = instant;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!real) return undefined;
  date.setTime(date.getTime() - offset * 60_000);
  const shifted = date.getUTCFullYear();
  if (shifted < 0 || shifted > 9999) return undefined;
  return {
    year: shifted,
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fraction: instant.fraction,
    offset: 0,
  };
}

function parse(match: RegExpExecArray | null): Instant | undefined {
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] =
    match;
  const number = (text: string | undefined) => Number(text ?? 0);
  const direction = sign === '-' ? -1 : 1;
  return {
    year: number(year),
    month: number(month),
    day: number(day),
    hour: number(hour),
    minute: number(minute),
    second: number(second),
    fraction: fraction ?? '',
    offset: direction * (number(offsetHours) * 60 + number(offsetMinutes)),
  };
}

const date = ({ year, month, day }: Instant) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const time = ({ hour, minute, second, fraction }: Instant) =>
  `${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}`;

/** Go layout `2006-01-02 15:04:05.000000-0700`: PerconaPGBackup `status.latestRestorableTime`. */
const PERCONA_TIME =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2})(\d{2}))$/;

/** RFC 3339 as the XR's schema accepts it (`Z` or `±hh:mm`). */
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A Percona time as RFC 3339 in UTC, e.g. `2026-11-20 08:59:12.123456+0000` becomes
 * `2026-11-20T08:59:12.123456Z`; undefined when it is not in Percona's form.
 */
export function rfc3339FromPercona(text: string): string | undefined {
  const instant = parse(PERCONA_TIME.exec(text));
  const inUtc = instant && utc(instant);
  return inUtc && `${date(inUtc)}T${time(inUtc)}Z`;
}

/**
 * pgBackRest's `--target` for `--type=time`, in the form Percona's examples use
 * (`2022-11-30 15:12:11+03`), in UTC: `2026-05-01T04:30:00+02:00` becomes
 * `2026-05-01 02:30:00+00`. PostgreSQL reads it as `recovery_target_time`. A time that
 * cannot be shifted into years 0-9999 keeps its own offset (`+hh:mm`), which PostgreSQL
 * reads as well.
 */
export function pgBackRestTarget(rfc3339: string): string {
  const instant = parse(RFC_3339.exec(rfc3339));
  const inUtc = instant && utc(instant);
  if (inUtc) return `${date(inUtc)} ${time(inUtc)}+00`;
  return rfc3339.replace('T', ' ').replace(/Z$/, '+00');
}

/** Milliseconds since the epoch of an RFC 3339 time, for ordering; NaN when it is not one. */
export function epochMillis(rfc3339: string): number {
  return RFC_3339.test(rfc3339) ? Date.parse(rfc3339) : Number.NaN;
}
