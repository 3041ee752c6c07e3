import { describe, expect, it } from 'vitest';
import type { RequestOutcome, ResultSeverity } from '../../src/server/metrics.js';
import { createRecorder } from '../../src/server/recorder.js';

type Call = [RequestOutcome, number, readonly ResultSeverity[]];

function sink() {
  const calls: Call[] = [];
  return { calls, recordRequest: (...call: Call) => void calls.push(call) };
}

describe('createRecorder', () => {
  it('replays what was recorded before metrics started, in order, then passes calls through', () => {
    const recorder = createRecorder();
    recorder.recordRequest('ok', 0.001, []);
    recorder.recordRequest('fatal', 0.002, ['fatal']);
    const metrics = sink();
    recorder.attach(metrics);
    recorder.recordRequest('ok', 0.003, ['warning']);
    expect(metrics.calls).toEqual([
      ['ok', 0.001, []],
      ['fatal', 0.002, ['fatal']],
      ['ok', 0.003, ['warning']],
    ]);
  });

  it('keeps at most 10 000 calls while metrics never start', () => {
    const recorder = createRecorder();
    for (let i = 0; i < 10_005; i += 1) recorder.recordRequest('ok', i, []);
    const metrics = sink();
    recorder.attach(metrics);
    expect([metrics.calls.length, metrics.calls.at(-1)]).toEqual([10_000, ['ok', 9_999, []]]);
  });
});
