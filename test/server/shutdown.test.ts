/**
 * The shutdown sequence with a fake server, for the paths a real process cannot reach quickly:
 * a drain that outlives the grace period, and a drain that fails.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import { installShutdown, type DrainableServer } from '../../src/server/shutdown.js';

type Drain = 'completes' | 'hangs' | 'fails';

function harness(drain: Drain) {
  const events: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      events.push(`log: ${(JSON.parse(chunk.toString()) as { msg: string }).msg}`);
      done();
    },
  });
  const server: DrainableServer = {
    tryShutdown(callback) {
      events.push('tryShutdown');
      if (drain === 'completes') setImmediate(callback);
      if (drain === 'fails')
        setImmediate(() => {
          callback(new Error('boom'));
        });
    },
    forceShutdown() {
      events.push('forceShutdown');
    },
  };
  const signals = new EventEmitter();
  const exited = new Promise<number>((resolve) => {
    installShutdown({
      server,
      logger: createLogger({ debug: false, destination }),
      onDrainStart: () => events.push('health: NOT_SERVING'),
      closeOthers: () => {
        events.push('close metrics');
        return Promise.resolve();
      },
      graceMs: 50,
      exit: resolve,
      signals: signals as unknown as Pick<NodeJS.Process, 'on'>,
    });
  });
  return { events, signals, exited };
}

const DRAINING = 'log: draining: refusing new calls, finishing in-flight ones';

describe('installShutdown', () => {
  it.each([
    {
      reason: 'a completed drain exits 0',
      drain: 'completes' as const,
      code: 0,
      tail: ['close metrics', 'log: server stopped'],
    },
    {
      reason: 'a drain longer than the grace period is forced, exit 1',
      drain: 'hangs' as const,
      code: 1,
      tail: [
        'log: still draining after 50 ms: cancelling in-flight calls',
        'forceShutdown',
        'close metrics',
        'log: server stopped',
      ],
    },
    {
      reason: 'a failed drain is forced, exit 1',
      drain: 'fails' as const,
      code: 1,
      tail: [
        'log: drain failed: boom: cancelling in-flight calls',
        'forceShutdown',
        'close metrics',
        'log: server stopped',
      ],
    },
  ])('$reason', async ({ drain, code, tail }) => {
    const { events, signals, exited } = harness(drain);
    signals.emit('SIGTERM');
    expect({ code: await exited, events }).toEqual({
      code,
      events: [DRAINING, 'health: NOT_SERVING', 'tryShutdown', ...tail],
    });
  });

  it('exits once even if the drain completes after being forced', async () => {
    const { events, signals, exited } = harness('hangs');
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    expect({
      code: await exited,
      stopped: events.filter((e) => e === 'log: server stopped'),
    }).toEqual({ code: 1, stopped: ['log: server stopped'] });
  });
});
