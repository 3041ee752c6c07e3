/**
 * The production artefact is the single file `dist/main.js` (an esbuild bundle): laid out as
 * the image lays it out (package.json beside dist/main.js) in a directory with no node_modules
 * anywhere above it, it must serve RunFunction. That proves the production install without a
 * second `npm ci`.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../scripts/bench/bundle.js';
import { connect, credentials } from './support/clients.js';
import { BUILT_MAIN, LOOPBACK_FLAGS, startServer, stopServer } from './support/process.js';
import { inProcessResponse, request } from './support/requests.js';

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

describe('the bundle', () => {
  it('is what npm run build makes, with the flags every bundle here uses', () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toBe(buildCommand('src/main.ts', 'dist/main.js'));
  });

  it('serves RunFunction with only package.json beside it and no node_modules', async () => {
    const main = join(workDir, 'dist/main.js');
    mkdirSync(dirname(main));
    copyFileSync(BUILT_MAIN, main);
    copyFileSync(join(import.meta.dirname, '../../package.json'), join(workDir, 'package.json'));
    const server = await startServer(['--insecure', ...LOOPBACK_FLAGS], { main, cwd: workDir });
    const client = connect(server.port, credentials.insecure(), { host: '127.0.0.1' });
    const req = request('bundle');
    try {
      expect({ nodeModules: nodeModulesAbove(workDir), response: await client.run(req) }).toEqual({
        nodeModules: [],
        response: inProcessResponse(req),
      });
    } finally {
      client.close();
      await stopServer(server);
    }
  });
});
