/**
 * The case of issue 11 #1 at full size: 20,000 invalid keys in spec.service.annotations
 * (351 KiB) once took 85 s and gave a 2.8 MB message. Deep tier: it builds a large request.
 */
import { describe, expect, it } from 'vitest';
import { parseDittoServer } from '../../src/api/parse.js';
import { xr } from '../fixtures/xr.js';
import { badAnnotations, expectedMessage, keyIssue } from './support/bad-annotations.js';

const COUNT = 20_000;

describe('20,000 invalid annotation keys', () => {
  it('give one message of at most 4 KiB: the first keys, the size, and how many more', () => {
    const annotations = badAnnotations(COUNT);
    const bytes = Object.entries(annotations).reduce(
      (total, [key, value]) => total + Buffer.byteLength(key) + Buffer.byteLength(value),
      0,
    );
    expect(bytes).toBe(360_000);
    const issues = [
      ...Array.from({ length: COUNT }, (_, index) => keyIssue(index)),
      {
        path: 'spec.service.annotations',
        message: `hold ${bytes} bytes (keys plus values): with the 54 Crossplane adds, the Service's annotations would pass the API server's limit of 262144 bytes (256 KiB)`,
      },
    ];
    const parsed = parseDittoServer(xr({ service: { annotations } }), {});
    expect(parsed).toEqual({ ok: false, message: expectedMessage(issues) });
    expect(Buffer.byteLength(parsed.ok ? '' : parsed.message)).toBeLessThanOrEqual(4096);
  });
});
