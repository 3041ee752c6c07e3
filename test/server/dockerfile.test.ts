/**
 * No Docker engine runs in CI, so the Dockerfile is checked by reading it: the properties
 * Crossplane and `crossplane render` depend on, and the code cache's one rule (made by the
 * runtime image's own Node), pinned so an edit cannot lose them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVED_FILES } from '../../scripts/bench/bundle.js';

const REPO_ROOT = join(import.meta.dirname, '../..');

const RUNTIME_IMAGE = 'gcr.io/distroless/nodejs24-debian13:nonroot';

const instructions = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')
  .split('\n')
  .filter((line) => /^[A-Z]+ /.test(line));

/** What .dockerignore lets into the build context (it excludes everything else). */
const admitted = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1).replace(/\/$/, ''));

/** The instructions of each stage, by stage: from its FROM to the next. */
const stages = instructions.reduce<string[][]>((all, line) => {
  if (line.startsWith('FROM ')) all.push([line]);
  else all.at(-1)?.push(line);
  return all;
}, []);

describe('Dockerfile', () => {
  it('has a build stage, a code-cache stage and the runtime stage, in that order', () => {
    expect(stages.map((stage) => stage[0])).toEqual([
      'FROM node:24-slim AS build',
      `FROM ${RUNTIME_IMAGE} AS code-cache`,
      `FROM ${RUNTIME_IMAGE}`,
    ]);
  });

  it('bundles with npm run build from the lockfile, with only what the build reads', () => {
    expect(stages[0]?.filter((line) => /^(RUN|COPY) /.test(line))).toEqual([
      'COPY package.json package-lock.json ./',
      'RUN npm ci --ignore-scripts --no-audit --no-fund',
      'COPY tsconfig.json ./',
      'COPY scripts/build.ts ./scripts/',
      'COPY scripts/bench/bundle.ts ./scripts/bench/',
      'COPY src ./src',
      'RUN npm run build',
    ]);
  });

  it('makes the code cache with the runtime image own Node, from the bundle alone', () => {
    expect(stages[1]).toEqual([
      `FROM ${RUNTIME_IMAGE} AS code-cache`,
      'USER 0',
      'WORKDIR /app',
      'COPY package.json ./',
      `COPY --from=build /src/dist/${SERVED_FILES.launcher} /src/dist/${SERVED_FILES.bundle} /src/dist/${SERVED_FILES.cacheMaker} ./dist/`,
      `RUN ["/nodejs/bin/node", "dist/${SERVED_FILES.cacheMaker}"]`,
    ]);
  });

  it('ships the launcher, the bundle and that cache on distroless Node, non-root', () => {
    expect(stages[2]).toEqual([
      `FROM ${RUNTIME_IMAGE}`,
      'WORKDIR /app',
      'COPY package.json ./',
      `COPY --from=code-cache /app/dist/${SERVED_FILES.launcher} /app/dist/${SERVED_FILES.bundle} /app/dist/${SERVED_FILES.cache} ./dist/`,
      'EXPOSE 9443 8080',
      'ENTRYPOINT ["/nodejs/bin/node", "dist/main.js"]',
    ]);
  });

  it('admits to the build context exactly the files the build stage copies', () => {
    const copied = (stages[0] ?? [])
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) => line.split(' ').slice(1, -1));
    expect([...admitted].sort()).toEqual(copied.sort());
  });

  it('builds the bundle, cache maker and cache from those files alone', () => {
    const context = mkdtempSync(join(tmpdir(), 'fn-docker-context-'));
    try {
      for (const path of admitted)
        cpSync(join(REPO_ROOT, path), join(context, path), { recursive: true });
      // What `npm ci` installs in the image.
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(context, 'node_modules'));
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: context, stdio: 'ignore' });
      expect(readdirSync(join(context, 'dist')).sort()).toEqual(
        Object.values(SERVED_FILES)
          .flatMap((file) => (file === SERVED_FILES.cache ? [file] : [file, `${file}.map`]))
          .sort(),
      );
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });
});
