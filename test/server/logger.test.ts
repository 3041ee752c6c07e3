import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger, redactSecrets } from '../../src/server/logger.js';

const cases: readonly { reason: string; input: Record<string, unknown>; want: unknown }[] = [
  {
    reason: 'a Secret logged whole keeps its identity, loses data and stringData',
    input: {
      secret: {
        kind: 'Secret',
        metadata: { name: 's3-credentials' },
        data: { AWS_SECRET_ACCESS_KEY: 'c2VjcmV0' },
        stringData: { password: 'hunter2' },
      },
    },
    want: {
      secret: {
        kind: 'Secret',
        metadata: { name: 's3-credentials' },
        data: REDACTED,
        stringData: REDACTED,
      },
    },
  },
  {
    reason: 'RunFunction credentials and connection details, at any depth, any case',
    input: {
      req: {
        credentials: { registry: { credentialData: { data: { token: 'dG9rZW4=' } } } },
        desired: { resources: { db: { ConnectionDetails: { password: 'cGFzcw==' } } } },
      },
    },
    want: {
      req: {
        credentials: REDACTED,
        desired: { resources: { db: { ConnectionDetails: REDACTED } } },
      },
    },
  },
  {
    reason: 'single secret values under their usual names, inside arrays too',
    input: {
      users: [
        { name: 'admin', password: 'p' },
        { name: 'ci', token: 't' },
      ],
    },
    want: {
      users: [
        { name: 'admin', password: REDACTED },
        { name: 'ci', token: REDACTED },
      ],
    },
  },
  {
    reason: 'bytes are summarised, never dumped',
    input: { payload: Buffer.from('opaque') },
    want: { payload: '[6 bytes]' },
  },
  {
    reason: 'ordinary fields pass unchanged',
    input: { tag: 'abc', durationMs: 1.5, results: { fatal: 1 }, secretName: 'demo-pguser' },
    want: { tag: 'abc', durationMs: 1.5, results: { fatal: 1 }, secretName: 'demo-pguser' },
  },
];

describe('redactSecrets', () => {
  it.each(cases)('$reason', ({ input, want }) => {
    expect(redactSecrets(input)).toEqual(want);
  });

  it('stops at cycles and does not change its input', () => {
    const input: Record<string, unknown> = { name: 'loop', data: 'x' };
    input.self = input;
    expect({ out: redactSecrets(input), input: { ...input, self: undefined } }).toEqual({
      out: { name: 'loop', data: REDACTED, self: '[...]' },
      input: { name: 'loop', data: 'x', self: undefined },
    });
  });
});

describe('createLogger', () => {
  function capture(debug: boolean) {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { logger: createLogger({ debug, destination }), lines };
  }

  it('writes one JSON line per event with severity and no Secret data', () => {
    const { logger, lines } = capture(false);
    logger.debug('hidden at info level');
    logger.warn({ resource: { kind: 'Secret', data: { key: 'c2VjcmV0' } } }, 'looked at a Secret');
    const [line] = lines;
    expect({
      count: lines.length,
      time: typeof line?.time,
      line: { ...line, time: 0 },
    }).toEqual({
      count: 1,
      time: 'string',
      line: {
        severity: 'WARN',
        time: 0,
        resource: { kind: 'Secret', data: REDACTED },
        msg: 'looked at a Secret',
      },
    });
  });

  it('logs debug lines with --debug', () => {
    const { logger, lines } = capture(true);
    logger.debug({ tag: 't' }, 'RunFunction');
    expect(lines.map(({ time: _time, ...line }) => line)).toEqual([
      { severity: 'DEBUG', tag: 't', msg: 'RunFunction' },
    ]);
  });
});
