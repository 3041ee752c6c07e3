/**
 * function.cache's seal (src/launch/code-cache.ts): V8's data is handed over only for the
 * exact source and data it was sealed with.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCodeCache, sealCodeCache } from '../../src/launch/code-cache.js';

const SOURCE = Buffer.from('module.exports = 1;\n');
const V8_DATA = Buffer.from('pretend this is V8 code cache data');
const SEALED = sealCodeCache(SOURCE, V8_DATA);

const flipped = (bytes: Buffer, index: number) => {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 1;
  return copy;
};

describe('openCodeCache', () => {
  it.each([
    { reason: 'sealed for this source', source: SOURCE, file: SEALED, opens: true },
    {
      reason: 'another source of the same length',
      source: Buffer.from('module.exports = 2;\n'),
      file: SEALED,
      opens: false,
    },
    {
      reason: 'one bit of the data flipped',
      source: SOURCE,
      file: flipped(SEALED, 40),
      opens: false,
    },
    {
      reason: 'one bit of the digest flipped',
      source: SOURCE,
      file: flipped(SEALED, 3),
      opens: false,
    },
    { reason: 'data cut short', source: SOURCE, file: SEALED.subarray(0, -1), opens: false },
    { reason: 'only a digest', source: SOURCE, file: SEALED.subarray(0, 32), opens: false },
    { reason: 'empty', source: SOURCE, file: Buffer.alloc(0), opens: false },
  ])('$reason: opens $opens', ({ source, file, opens }) => {
    expect(openCodeCache(source, file)).toEqual(opens ? V8_DATA : undefined);
  });

  it('seals as the SHA-256 of source and data, then the data', () => {
    const digest = createHash('sha256').update(SOURCE).update(V8_DATA).digest();
    expect(SEALED).toEqual(Buffer.concat([digest, V8_DATA]));
  });
});
