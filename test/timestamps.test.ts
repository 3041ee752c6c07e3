import { describe, expect, it } from 'vitest';
import { epochMillis, pgBackRestTarget, rfc3339FromPercona } from '../src/timestamps.js';

describe('rfc3339FromPercona', () => {
  const cases: { reason: string; text: string; want: string | undefined }[] = [
    {
      reason: 'UTC, microseconds kept digit for digit',
      text: '2026-11-20 08:59:12.654321+0000',
      want: '2026-11-20T08:59:12.654321Z',
    },
    {
      reason: 'an offset is shifted into UTC, across midnight and a month end',
      text: '2026-12-01 01:30:00.000001+0200',
      want: '2026-11-30T23:30:00.000001Z',
    },
    {
      reason: 'a negative offset with minutes (Newfoundland)',
      text: '2026-11-20 22:00:00.5-0330',
      want: '2026-11-21T01:30:00.5Z',
    },
    {
      reason: 'without a fraction',
      text: '2026-11-20 08:59:12+0000',
      want: '2026-11-20T08:59:12Z',
    },
    { reason: 'RFC 3339 is not Percona form', text: '2026-11-20T08:59:12Z', want: undefined },
    { reason: 'a day that does not exist', text: '2026-02-30 08:59:12.0+0000', want: undefined },
    { reason: 'an hour that does not exist', text: '2026-11-20 24:00:00.0+0000', want: undefined },
    { reason: 'empty', text: '', want: undefined },
  ];
  it.each(cases)('$reason', ({ text, want }) => {
    expect(rfc3339FromPercona(text)).toBe(want);
  });
});

describe('pgBackRestTarget', () => {
  const cases: { reason: string; target: string; want: string }[] = [
    { reason: 'UTC', target: '2026-05-01T02:30:00Z', want: '2026-05-01 02:30:00+00' },
    {
      reason: 'an offset is shifted into UTC, back across a year end',
      target: '2026-01-01T01:15:00+02:00',
      want: '2025-12-31 23:15:00+00',
    },
    {
      reason: 'nanoseconds pass through, where a Date would round them',
      target: '2026-01-31T23:59:59.123456789-05:30',
      want: '2026-02-01 05:29:59.123456789+00',
    },
    {
      reason: 'years before 100 stay themselves (Date.UTC would read 1926)',
      target: '0026-05-01T02:30:00Z',
      want: '0026-05-01 02:30:00+00',
    },
    {
      reason: 'a time that would leave year 0 keeps its own offset',
      target: '0000-01-01T00:30:00+01:00',
      want: '0000-01-01 00:30:00+01:00',
    },
  ];
  it.each(cases)('$reason', ({ target, want }) => {
    expect(pgBackRestTarget(target)).toBe(want);
  });
});

describe('epochMillis', () => {
  it('reads RFC 3339 with any offset, and nothing else', () => {
    expect(epochMillis('2026-05-01T04:30:00+02:00')).toBe(Date.UTC(2026, 4, 1, 2, 30));
    expect(epochMillis('2026-05-01 02:30:00+00')).toBeNaN();
  });
});
