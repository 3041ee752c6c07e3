/** The small pieces: Go durations and byte sizes, backoff, error wording, the command line. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, parseCommandLine } from '../../src/configure/args.js';
import { formatByteSize } from '../../src/configure/bytesize.js';
import { formatDuration, parseDuration } from '../../src/configure/duration.js';
import { backoff, describeAnswer } from '../../src/configure/http.js';

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000],
    ['90s', 90_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['.5s', 500],
    ['1.s', 1000],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['2000000ns', 2],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '1d', '-1s', '+1s', 's', '.s', '1m 30s', '5 minutes', '0s0'])(
    '%j is no Go duration',
    (text) => {
      expect(parseDuration(text)).toBe(undefined);
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [200, '200ms'],
    [1000, '1s'],
    [1600, '1.6s'],
    [90_000, '1m30s'],
    [300_000, '5m'],
    [59_960, '1m'],
    [3_723_000, '1h2m3s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatByteSize, as DittoFS renders quota_bytes', () => {
  it.each([
    [0, '0B'],
    [1023, '1023B'],
    [1024, '1.00KiB'],
    [1536, '1.50KiB'],
    // Exact halves round to even, as Go's %.2f does (toFixed would give 1.13 and 1.38).
    [1_207_959_552, '1.12GiB'],
    [1_476_395_008, '1.38GiB'],
    [1_073_741_823, '1024.00MiB'],
    [107_374_182_400, '100.00GiB'],
    [107_374_182_401, '100.00GiB'],
    [1_099_511_627_776, '1.00TiB'],
    [Number.MAX_SAFE_INTEGER, '8192.00TiB'],
  ])('%d bytes show as %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});

describe('backoff', () => {
  it('doubles from 200ms and stays at 5s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoff)).toEqual([
      200, 400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
  });
});

describe('describeAnswer', () => {
  it.each([
    {
      reason: 'a problem+json detail',
      answer: {
        status: 409,
        contentType: 'application/problem+json',
        text: '{"type":"about:blank","title":"Conflict","status":409,"detail":"Share already exists"}',
      },
      text: '409 Conflict: Share already exists',
    },
    {
      reason: 'validation errors by field',
      answer: {
        status: 422,
        contentType: 'application/problem+json',
        text: '{"status":422,"detail":"One or more settings are outside valid range","errors":{"lease_time":"must be between 10 and 3600"}}',
      },
      text: '422 Unprocessable Entity: One or more settings are outside valid range (lease_time: must be between 10 and 3600)',
    },
    {
      reason: 'a middleware refusal in text/plain',
      answer: {
        status: 403,
        contentType: 'text/plain; charset=utf-8',
        text: 'Admin access required\n',
      },
      text: '403 Forbidden: Admin access required',
    },
    {
      reason: "chi's empty 405",
      answer: { status: 405, contentType: '', text: '' },
      text: '405 Method Not Allowed',
    },
    {
      reason: 'a long page, cut',
      answer: { status: 503, contentType: 'text/html', text: `<p>${'x'.repeat(400)}</p>` },
      text: `503 Service Unavailable: <p>${'x'.repeat(297)}...`,
    },
    {
      reason: 'a body that claims JSON and is not',
      answer: { status: 502, contentType: 'application/json', text: '<html>bad gateway</html>' },
      text: '502 Bad Gateway: <html>bad gateway</html>',
    },
  ])('$reason', ({ answer, text }) => {
    expect(describeAnswer(answer)).toBe(text);
  });
});

describe('parseCommandLine', () => {
  it('reads every flag, in either spelling', () => {
    expect(
      parseCommandLine([
        '--api=http://files-api.team-a.svc:8080',
        '--desired',
        '/config/desired.json',
        '--timeout=90s',
        '--termination-log',
        '/tmp/log',
      ]),
    ).toEqual({
      ok: true,
      options: {
        api: new URL('http://files-api.team-a.svc:8080'),
        desiredFile: '/config/desired.json',
        timeoutMs: 90_000,
        terminationLog: '/tmp/log',
        terminationLogGiven: true,
      },
    });
  });

  it('defaults to a 5m timeout and /dev/termination-log', () => {
    expect(parseCommandLine(['--api', 'https://a', '--desired', 'd'])).toEqual({
      ok: true,
      options: {
        api: new URL('https://a'),
        desiredFile: 'd',
        timeoutMs: DEFAULT_TIMEOUT_MS,
        terminationLog: '/dev/termination-log',
        terminationLogGiven: false,
      },
    });
  });
});
