/**
 * zod's JIT stays off (the measurement is in src/api/zod.ts): parsing never compiles code
 * with `new Function`. zod decides when it builds a schema, so this failed while the switch
 * came after the schemas were built. The API is imported here, after the counter is set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('zod without its JIT', () => {
  it('compiles nothing while the API loads and parses a full XR', async () => {
    let compiled = 0;
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        compiled += 1;
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      const { parseDittoServer } = await import('../../src/api/parse.js');
      const xr: unknown = parse(
        readFileSync(new URL('../../examples/xr-full.yaml', import.meta.url), 'utf8'),
      );
      const results = [1, 2, 3].map(() => parseDittoServer(xr, undefined).ok);
      expect({ results, compiled }).toEqual({ results: [true, true, true], compiled: 0 });
    } finally {
      globalThis.Function = original;
    }
  });
});
