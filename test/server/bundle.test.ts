/**
 * The production artefact is what `npm run build` leaves in dist/ (scripts/bench/bundle.ts):
 * the launcher main.js, the bundle function.cjs and its code cache function.cache, plus the
 * cache maker the image runs again. Laid out as the image lays them out (package.json beside
 * dist/) in a directory with no node_modules anywhere above, they must serve RunFunction, with
 * the cache accepted. That proves the production install without a second `npm ci`.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_FILES } from '../../scripts/bench/bundle.js';
import { connect, credentials } from './support/clients.js';
import { BUILT_MAIN, LOOPBACK_FLAGS, startServer, stopServer } from './support/process.js';
import { inProcessResponse, request } from './support/requests.js';

const REPO_ROOT = join(import.meta.dirname, '../..');
const BUILT_DIST = dirname(BUILT_MAIN);

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-bundle-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** Every node_modules directory Node's resolver would look in from `dir`. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) found.push(join(current, 'node_modules'));
    if (current === parse(current).root) return found;
  }
}

/** A fresh image-like directory: package.json and dist/ holding only `files` from the build. */
function imageLayout(name: string, files: readonly string[]): string {
  const root = join(workDir, name);
  mkdirSync(join(root, 'dist'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  for (const file of files) copyFileSync(join(BUILT_DIST, file), join(root, 'dist', file));
  return root;
}

/** Serves one request from `root`'s dist/main.js with --debug; what it answered and logged. */
async function serveOnce(root: string) {
  const server = await startServer(['--insecure', '--debug', ...LOOPBACK_FLAGS], {
    main: join(root, 'dist', SERVED_FILES.launcher),
    cwd: root,
  });
  const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  const req = request('bundle');
  try {
    return {
      nodeModules: nodeModulesAbove(root),
      codeCache: server.lines.find((line) => line.msg === 'function loaded')?.codeCache,
      response: await client.run(req),
    };
  } finally {
    client.close();
    await stopServer(server);
  }
}

describe('the build', () => {
  it('is scripts/build.ts, which builds with the flags every bundle here uses (bundle.ts)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toBe('tsx scripts/build.ts');
  });

  it('leaves the launcher, the bundle, its cache and the cache maker in dist/ (with maps)', () => {
    const made = readdirSync(BUILT_DIST).filter((name) => name !== 'bench');
    expect(made.sort()).toEqual(
      [
        SERVED_FILES.launcher,
        `${SERVED_FILES.launcher}.map`,
        SERVED_FILES.bundle,
        `${SERVED_FILES.bundle}.map`,
        SERVED_FILES.cache,
        SERVED_FILES.cacheMaker,
        `${SERVED_FILES.cacheMaker}.map`,
      ].sort(),
    );
  });
});

describe('the image layout', () => {
  it('serves RunFunction with only package.json beside dist/, no node_modules, cache accepted', async () => {
    const root = imageLayout('runtime', [
      SERVED_FILES.launcher,
      SERVED_FILES.bundle,
      SERVED_FILES.cache,
    ]);
    expect(await serveOnce(root)).toEqual({
      nodeModules: [],
      codeCache: 'accepted',
      response: inProcessResponse(request('bundle')),
    });
  });

  it('makes its cache from the bundle alone (the code-cache stage), and that cache is accepted', async () => {
    const root = imageLayout('code-cache', [
      SERVED_FILES.launcher,
      SERVED_FILES.bundle,
      SERVED_FILES.cacheMaker,
    ]);
    execFileSync(process.execPath, [join(root, 'dist', SERVED_FILES.cacheMaker)], {
      cwd: root,
      env: {},
      stdio: 'ignore',
    });
    expect(await serveOnce(root)).toEqual({
      nodeModules: [],
      codeCache: 'accepted',
      response: inProcessResponse(request('bundle')),
    });
  });
});
