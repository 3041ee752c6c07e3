/**
 * The cache maker (dist/make-code-cache.js) fails the build, writing no cache, when the bundle
 * beside it cannot be warmed up: a bundle that does not serve must not ship. Stand-in bundles
 * written here make those failures happen; the real bundle's success is in bundle.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_FILES } from '../../scripts/bench/bundle.js';
import { BUILT_MAIN } from './support/process.js';

const BUILT_DIST = dirname(BUILT_MAIN);

/** Answers every call with grpc-status 13, on the address serve() is given. */
const FAILING_BUNDLE = `
const http2 = require('node:http2');
exports.warmUpRequests = () => [new Uint8Array([10, 0])];
exports.serve = (argv) => new Promise((resolve) => {
  const [host, port] = argv[argv.indexOf('--address') + 1].split(':');
  const server = http2.createServer();
  server.on('stream', (stream) => {
    stream.on('data', () => {});
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '13', 'grpc-message': 'broken' }));
      stream.end();
    });
  });
  server.listen(Number(port), host, resolve);
});
`;

/** Serves nothing to warm up: a bundle built from the wrong entry. */
const WRONG_ENTRY_BUNDLE = `exports.serve = () => Promise.resolve();\n`;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-make-cache-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function runCacheMaker(name: string, bundleSource: string) {
  const dist = join(workDir, name, 'dist');
  mkdirSync(dist, { recursive: true });
  copyFileSync(join(BUILT_DIST, '../package.json'), join(dist, '../package.json'));
  copyFileSync(join(BUILT_DIST, SERVED_FILES.cacheMaker), join(dist, SERVED_FILES.cacheMaker));
  writeFileSync(join(dist, SERVED_FILES.bundle), bundleSource);
  const result = spawnSync(process.execPath, [join(dist, SERVED_FILES.cacheMaker)], {
    env: {},
    encoding: 'utf8',
    timeout: 20_000,
  });
  const firstErrorLine = result.stderr.split('\n').find((line) => line.startsWith('Error'));
  return {
    exitCode: result.status,
    error: firstErrorLine,
    cacheWritten: existsSync(join(dist, SERVED_FILES.cache)),
  };
}

describe('make-code-cache.js', () => {
  it.each([
    {
      name: 'failing',
      reason: 'the warm-up calls are answered with an error',
      bundle: FAILING_BUNDLE,
      error: 'Error: warm-up RunFunction failed: grpc-status 13 broken',
    },
    {
      name: 'wrong-entry',
      reason: 'the bundle does not export the launcher contract',
      bundle: WRONG_ENTRY_BUNDLE,
      error: expect.stringMatching(
        /^Error: .*function\.cjs does not export serve\(\) and warmUpRequests\(\)$/,
      ) as string,
    },
  ])('exits 1 and writes no cache when $reason', ({ name, bundle, error }) => {
    expect(runCacheMaker(name, bundle)).toEqual({
      exitCode: 1,
      error,
      cacheWritten: false,
    });
  });
});
