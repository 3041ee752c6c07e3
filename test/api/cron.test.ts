/**
 * The schedules Percona 2.8.2 runs: robfig/cron v3.0.1's ParseStandard (parser.go,
 * spec.go), minus `@every` (Percona's scheduler cannot take it) and minus time zones its
 * image cannot load. Each case says why robfig decides the way it does.
 */
import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/api/cron.js';

const accepted: { reason: string; schedule: string }[] = [
  { reason: 'the default full schedule', schedule: '0 2 * * *' },
  { reason: 'the default incremental schedule', schedule: '0 * * * *' },
  { reason: 'steps, ranges and lists', schedule: '*/15 1-5 1,15 */2 1-5' },
  { reason: 'month and weekday names in any case', schedule: '0 0 * jan,JUL Sun-sAt' },
  { reason: '? is a star', schedule: '0 0 ? * ?' },
  { reason: 'n/step means n-max/step', schedule: '5/20 * * * *' },
  { reason: 'a step larger than the range fires once', schedule: '0/100 * * * *' },
  { reason: 'a range with a step', schedule: '0 8-18/2 * * *' },
  { reason: 'a hyphen after a star is ignored (getRange)', schedule: '*-5 * * * *' },
  { reason: 'empty list items are skipped (strings.FieldsFunc)', schedule: '1,,2 * * * *' },
  { reason: 'a field of commas alone parses to no times', schedule: '0 2 , * *' },
  { reason: 'a plus sign is a number sign (strconv.Atoi)', schedule: '+5 * * * *' },
  { reason: 'leading zeros', schedule: '007 02 01 01 00' },
  { reason: 'surrounding and inner whitespace of any kind', schedule: ' 0\t2  *\u00a0* * ' },
  { reason: '@yearly', schedule: '@yearly' },
  { reason: '@annually', schedule: '@annually' },
  { reason: '@monthly', schedule: '@monthly' },
  { reason: '@weekly', schedule: '@weekly' },
  { reason: '@daily', schedule: '@daily' },
  { reason: '@midnight', schedule: '@midnight' },
  { reason: '@hourly', schedule: '@hourly' },
  { reason: 'TZ=UTC before five fields', schedule: 'TZ=UTC 0 2 * * *' },
  { reason: 'CRON_TZ=UTC before a descriptor', schedule: 'CRON_TZ=UTC @daily' },
  { reason: 'an empty zone is UTC (time.LoadLocation)', schedule: 'TZ= 0 2 * * *' },
  { reason: 'Local is the operator time zone', schedule: 'TZ=Local 0 2 * * *' },
  { reason: 'the rest is trimmed after a zone', schedule: 'TZ=UTC   @daily ' },
];

const refused: { reason: string; schedule: string; want: string }[] = [
  {
    reason: 'day of week stops at 6: 7 is not Sunday in robfig v3',
    schedule: '0 2 * * 7',
    want: '"7" ends above the maximum day of week (0-6)',
  },
  {
    reason: 'a weekday range up to 7',
    schedule: '0 2 * * 1-7',
    want: '"1-7" ends above the maximum day of week (0-6)',
  },
  {
    reason: 'a descriptor with a trailing space is matched exactly',
    schedule: '@daily ',
    want: 'unknown descriptor "@daily "',
  },
  {
    reason: 'a descriptor with a leading space is read as one field',
    schedule: ' @hourly',
    want: 'expected 5 fields (minute hour day-of-month month day-of-week), found 1',
  },
  {
    reason: '@every parses but Percona cannot schedule it',
    schedule: '@every 1h',
    want: '@every parses but Percona cannot schedule it: use five fields or @hourly, @daily, @weekly, @monthly, @yearly',
  },
  {
    reason: '@every is refused whatever follows',
    schedule: '@every soon',
    want: '@every parses but Percona cannot schedule it: use five fields or @hourly, @daily, @weekly, @monthly, @yearly',
  },
  {
    reason: 'descriptors are case-sensitive',
    schedule: '@Daily',
    want: 'unknown descriptor "@Daily"',
  },
  {
    reason: 'too few fields',
    schedule: '0 2 * *',
    want: 'expected 5 fields (minute hour day-of-month month day-of-week), found 4',
  },
  {
    reason: 'a seconds field is not accepted',
    schedule: '0 0 2 * * *',
    want: 'expected 5 fields (minute hour day-of-month month day-of-week), found 6',
  },
  { reason: 'empty', schedule: '', want: 'must not be empty' },
  {
    reason: 'only whitespace',
    schedule: '   ',
    want: 'expected 5 fields (minute hour day-of-month month day-of-week), found 0',
  },
  {
    reason: 'minute out of range',
    schedule: '60 * * * *',
    want: '"60" ends above the maximum minute (0-59)',
  },
  {
    reason: 'hour out of range',
    schedule: '0 24 * * *',
    want: '"24" ends above the maximum hour (0-23)',
  },
  {
    reason: 'day of month 0',
    schedule: '0 0 0 * *',
    want: '"0" starts below the minimum day of month (1-31)',
  },
  {
    reason: 'month 13',
    schedule: '0 0 1 13 *',
    want: '"13" ends above the maximum month (1-12)',
  },
  { reason: 'a backwards range', schedule: '0 5-1 * * *', want: '"5-1" starts after it ends' },
  { reason: 'a zero step', schedule: '*/0 * * * *', want: '"*/0" has a step of 0' },
  {
    reason: 'a negative step',
    schedule: '*/-1 * * * *',
    want: 'negative number "-1" is not allowed',
  },
  { reason: 'two steps', schedule: '*/2/3 * * * *', want: '"*/2/3" has too many slashes' },
  { reason: 'two hyphens', schedule: '1-2-3 * * * *', want: '"1-2-3" has too many hyphens' },
  { reason: 'a range without its end', schedule: '1- * * * *', want: '"" is not a number' },
  { reason: 'a step without a range', schedule: '/5 * * * *', want: '"" is not a number' },
  { reason: 'Quartz L', schedule: '0 0 L * *', want: '"L" is not a number' },
  { reason: 'Quartz #', schedule: '0 0 * * 1#2', want: '"1#2" is not a number' },
  { reason: 'a full weekday name', schedule: '0 0 * * Sunday', want: '"Sunday" is not a number' },
  {
    reason: 'names only where the field has them',
    schedule: 'jan * * * *',
    want: '"jan" is not a number',
  },
  {
    reason: 'a number past int64',
    schedule: '99999999999999999999 * * * *',
    want: '"99999999999999999999" is not a number',
  },
  {
    reason: 'an object property name is no month',
    schedule: '0 0 1 constructor *',
    want: '"constructor" is not a number',
  },
  {
    reason: 'a zone Percona cannot load',
    schedule: 'CRON_TZ=Europe/Paris 0 2 * * *',
    want: 'time zone "Europe/Paris" cannot be loaded by the Percona operator (its image has no time zone database): use UTC',
  },
  {
    reason: 'a zone without a schedule after it (robfig panics)',
    schedule: 'TZ=UTC',
    want: 'a TZ= or CRON_TZ= prefix must be followed by a space and a schedule',
  },
  {
    reason: 'a zone prefix is case-sensitive, so tz= is a field',
    schedule: 'tz=UTC 0 2 * *',
    want: '"tz=UTC" is not a number',
  },
  {
    reason: 'a very long term is quoted short',
    schedule: `${'1'.repeat(40)}x * * * *`,
    want: `"${'1'.repeat(32)}…" is not a number`,
  },
];

describe('cronProblem accepts what Percona runs', () => {
  it.each(accepted)('$reason: "$schedule"', ({ schedule }) => {
    expect(cronProblem(schedule)).toBeUndefined();
  });
});

describe('cronProblem refuses what Percona would not run', () => {
  it.each(refused)('$reason: "$schedule"', ({ schedule, want }) => {
    expect(cronProblem(schedule)).toBe(want);
  });
});
