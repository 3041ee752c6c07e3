/**
 * The launcher (dist/main.js) never fails because of the code cache: whatever sits at
 * dist/function.cache, or nothing, it serves exactly what the function answers in-process,
 * and its start-up debug line says whether the cache was used.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_FILES } from '../../scripts/bench/bundle.js';
import { connect, credentials } from './support/clients.js';
import { BUILT_MAIN, LOOPBACK_FLAGS, startServer, stopServer } from './support/process.js';
import { inProcessResponse, request } from './support/requests.js';

const BUILT_DIST = dirname(BUILT_MAIN);
/** Where V8's data starts in function.cache, after the digest (src/launch/code-cache.ts). */
const DIGEST_BYTES = 32;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-launcher-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const built = (file: string) => readFileSync(join(BUILT_DIST, file));

/** The built cache with `count` bytes of V8's data inverted, length unchanged. */
function damaged(count: number): Buffer {
  const cache = Buffer.from(built(SERVED_FILES.cache));
  const from = DIGEST_BYTES + Math.floor((cache.length - DIGEST_BYTES) / 2);
  for (let i = from; i < from + count; i++) cache[i] = (cache[i] ?? 0) ^ 0xff;
  return cache;
}

/** The built bundle with one byte of its closing comment changed: same length, other source. */
function sameLengthOtherBundle(): Buffer {
  const bundle = Buffer.from(built(SERVED_FILES.bundle));
  const last = bundle.length - 2; // before the final newline, in the sourceMappingURL comment
  bundle[last] = bundle[last] === 0x78 ? 0x79 : 0x78;
  return bundle;
}

type Case = {
  readonly name: string;
  readonly reason: string;
  /** What dist/function.cache is: bytes, a directory, or nothing. */
  readonly cache: Buffer | 'directory' | 'none';
  readonly bundle?: Buffer;
  readonly codeCache: 'accepted' | 'rejected' | 'absent';
};

const CASES: readonly Case[] = [
  {
    name: 'the cache the build made',
    reason: 'made by this Node for this bundle after the warm-up calls',
    cache: built(SERVED_FILES.cache),
    codeCache: 'accepted',
  },
  {
    name: 'no cache file',
    reason: 'a build that skipped the cache still serves, compiling as usual',
    cache: 'none',
    codeCache: 'absent',
  },
  {
    name: 'a directory where the cache should be',
    reason: 'an unreadable cache is no cache',
    cache: 'directory',
    codeCache: 'absent',
  },
  {
    name: 'an empty file',
    reason: 'too short to hold a digest',
    cache: Buffer.alloc(0),
    codeCache: 'rejected',
  },
  {
    name: 'bytes that are not a cache',
    reason: 'the digest does not match',
    cache: Buffer.alloc(4096, 0x5a),
    codeCache: 'rejected',
  },
  {
    name: "V8's data without the digest",
    reason: 'only a sealed cache is handed to V8',
    cache: built(SERVED_FILES.cache).subarray(DIGEST_BYTES),
    codeCache: 'rejected',
  },
  {
    name: 'a damaged cache of the right length',
    reason: 'V8 would accept it and abort while deserializing (no checksum in release builds)',
    cache: damaged(64),
    codeCache: 'rejected',
  },
  {
    name: 'the cache of another bundle of the same length',
    reason: 'V8 checks only the source length; the digest covers the source itself',
    cache: built(SERVED_FILES.cache),
    bundle: sameLengthOtherBundle(),
    codeCache: 'rejected',
  },
];

function layout(index: number, testCase: Case): string {
  const dist = join(workDir, String(index), 'dist');
  mkdirSync(dist, { recursive: true });
  copyFileSync(BUILT_MAIN, join(dist, SERVED_FILES.launcher));
  writeFileSync(join(dist, SERVED_FILES.bundle), testCase.bundle ?? built(SERVED_FILES.bundle));
  if (testCase.cache === 'directory') mkdirSync(join(dist, SERVED_FILES.cache));
  else if (testCase.cache !== 'none') writeFileSync(join(dist, SERVED_FILES.cache), testCase.cache);
  return dist;
}

describe('the launcher with whatever code cache it finds', () => {
  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))(
    '$name: $codeCache ($reason)',
    async (testCase) => {
      const dist = layout(testCase.index, testCase);
      const server = await startServer(['--insecure', '--debug', ...LOOPBACK_FLAGS], {
        main: join(dist, SERVED_FILES.launcher),
      });
      const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
      const req = request(`cache-${testCase.index}`);
      try {
        const response = await client.run(req);
        const loaded = server.lines.find((line) => line.msg === 'function loaded');
        expect({ codeCache: loaded?.codeCache, severity: loaded?.severity, response }).toEqual({
          codeCache: testCase.codeCache,
          severity: 'DEBUG',
          response: inProcessResponse(req),
        });
      } finally {
        client.close();
        await stopServer(server);
      }
    },
  );

  it('writes no debug line without --debug: the INFO start-up line is unchanged', async () => {
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS]);
    try {
      expect(server.lines.map((line) => `${String(line.severity)} ${String(line.msg)}`)).toEqual([
        'INFO serving RunFunction',
      ]);
    } finally {
      await stopServer(server);
    }
  });
});
