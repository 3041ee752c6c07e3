/**
 * The render UID against an independent implementation on random names: Python 3's
 * uuid.uuid5 (the construction of Go's uuid.NewSHA1). Deep tier: it spawns python3.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidV5FromNil } from '../../scripts/render/xr-uid.js';
import { propertyRuns } from '../support/depth.js';

const PYTHON = `
import json, sys, uuid
print(json.dumps([str(uuid.uuid5(uuid.UUID(int=0), name)) for name in json.load(sys.stdin)]))
`;

/** Python's UUIDs for every name, in one process. */
function pythonUuids(names: readonly string[]): string[] {
  const out = execFileSync('python3', ['-c', PYTHON], { input: JSON.stringify(names) });
  return JSON.parse(out.toString('utf8')) as string[];
}

describe('uuidV5FromNil agrees with Python uuid.uuid5(NIL, name)', () => {
  it('on random names, NULs and any Unicode included', () => {
    // 'binary': any code point, astral ones included, never a lone surrogate (not UTF-8).
    const part = fc.oneof(fc.constantFrom('\0', '/', ', Kind='), fc.string({ unit: 'binary' }));
    const names = fc.sample(
      fc.array(part).map((parts) => parts.join('')),
      propertyRuns(200, 2000),
    );
    expect(names.map(uuidV5FromNil)).toEqual(pythonUuids(names));
  });
});
