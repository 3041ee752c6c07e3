/**
 * The production artefact is what `npm run build` leaves in dist/: one ES module per program
 * (scripts/build/bundle.ts). Laid out as the image lays it out (package.json beside dist/) in
 * a directory with no node_modules anywhere above, it must serve RunFunction; with the compile
 * cache made the way the Dockerfile makes it, Node must accept that cache. And the Docker
 * build context alone (what .dockerignore admits) must build the same files.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAMS, REPO_ROOT } from '../../scripts/build/bundle.js';
import { connect, credentials } from './support/clients.js';
import { BUILT_MAIN, LOOPBACK_FLAGS, startServer, stopServer } from './support/process.js';
import { inProcessResponse, request } from './support/requests.js';

const BUILT_DIST = dirname(BUILT_MAIN);
/** The uids the Dockerfile warms the cache as: Crossplane's function pods, the image's user. */
const CROSSPLANE_UID = 2000;
const NONROOT_UID = 65532;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fn-bundle-'));
  // Other uids must reach the layouts below, as they reach /app in the image.
  chmodSync(workDir, 0o755);
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

/** A fresh image-like directory: package.json and dist/main.js, as the runtime stage has. */
function imageLayout(name: string): string {
  const root = join(workDir, name);
  mkdirSync(join(root, 'dist'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  copyFileSync(BUILT_MAIN, join(root, 'dist', 'main.js'));
  return root;
}

/** What Node says about the bundle's compile cache (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
function cacheVerdicts(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('[compile cache] V8 code cache'));
}

/** Serves one request from `root`'s dist/main.js; what it answered and said about its cache. */
async function serveOnce(
  root: string,
  env: Record<string, string> = {},
  as?: { readonly uid: number; readonly node: string },
) {
  const server = await startServer(['--insecure', ...LOOPBACK_FLAGS], {
    main: join(root, 'dist', 'main.js'),
    cwd: root,
    env: { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
    ...as,
  });
  const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
  try {
    return {
      nodeModules: nodeModulesAbove(root),
      response: await client.run(request('bundle')),
      compileCache: cacheVerdicts(server.stderr()),
    };
  } finally {
    client.close();
    await stopServer(server);
  }
}

const accepted = (root: string) =>
  `[compile cache] V8 code cache for ESM file://${root}/dist/main.js was accepted, keeping the in-memory entry`;

/** What `npm run build` makes: each program whose entry exists, and its source map. */
const BUILT_FILES = PROGRAMS.filter(({ entry }) => existsSync(join(REPO_ROOT, entry)))
  .flatMap(({ outfile }) => [parse(outfile).base, `${parse(outfile).base}.map`])
  .sort();

describe('the build', () => {
  it('leaves one ES module per program in dist/, with its source map', () => {
    // dist/bench/ is the benchmark's, when it has run.
    const made = readdirSync(BUILT_DIST).filter((name) => name !== 'bench');
    expect(made.sort()).toEqual(BUILT_FILES);
  });

  it('builds the same programs from the Docker build context alone', () => {
    const admitted = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/$/, ''));
    const context = join(workDir, 'docker-context');
    for (const path of admitted) {
      cpSync(join(REPO_ROOT, path), join(context, path), { recursive: true });
    }
    // What `npm ci` installs in the image.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(context, 'node_modules'));
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: context, stdio: 'ignore' });
    expect(readdirSync(join(context, 'dist')).sort()).toEqual(BUILT_FILES);
  });
});

describe('the image layout', () => {
  it('serves RunFunction with only package.json beside dist/ and no node_modules', async () => {
    const root = imageLayout('runtime');
    expect(await serveOnce(root)).toEqual({
      nodeModules: [],
      response: inProcessResponse(request('bundle')),
      compileCache: [],
    });
  });

  it('starts from a compile cache that `main.js --help` wrote, as the Dockerfile makes it', async () => {
    const root = imageLayout('cached');
    const env = { NODE_COMPILE_CACHE: join(root, 'compile-cache') };
    execFileSync(process.execPath, [join(root, 'dist', 'main.js'), '--help'], {
      env,
      stdio: 'ignore',
    });
    expect(await serveOnce(root, env)).toEqual({
      nodeModules: [],
      response: inProcessResponse(request('bundle')),
      compileCache: [accepted(root)],
    });
  });

  // Node keeps one cache per uid, readable by that uid only: the uids must be warmed one by one.
  it.skipIf(process.getuid?.() !== 0)(
    'serves uid 2000 (Crossplane) and 65532 (the image user) from their own warmed caches',
    async () => {
      const root = imageLayout('uids');
      const cacheDir = join(root, 'compile-cache');
      mkdirSync(cacheDir, { mode: 0o1777 });
      chmodSync(cacheDir, 0o1777);
      // The same Node, where the other uids can run it: the checkout's own node_modules may
      // sit under a directory only its owner may enter.
      const node = join(workDir, 'node');
      copyFileSync(process.execPath, node);
      chmodSync(node, 0o755);
      const env = { NODE_COMPILE_CACHE: cacheDir };
      for (const uid of [CROSSPLANE_UID, NONROOT_UID]) {
        execFileSync(node, [join(root, 'dist', 'main.js'), '--help'], {
          env,
          uid,
          gid: uid,
          stdio: 'ignore',
        });
      }
      const served = [];
      for (const uid of [CROSSPLANE_UID, NONROOT_UID]) {
        served.push((await serveOnce(root, env, { uid, node })).compileCache);
      }
      expect(served).toEqual([[accepted(root)], [accepted(root)]]);
    },
  );
});
