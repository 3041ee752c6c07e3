/**
 * No Docker engine runs in CI, so the Dockerfile is checked by reading it: the properties
 * Crossplane and `crossplane render` depend on, and the compile cache's rules (written by the
 * runtime image's own Node, once per uid that runs it), pinned so an edit cannot lose them.
 * bundle.deep.test.ts runs what the stages run: the build from the context alone, and the
 * shipped bundle with a cache made as below, per uid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS, REPO_ROOT } from '../../scripts/build/bundle.js';

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
  it('has a build stage on Node 24 and the distroless Node 24 runtime, in that order', () => {
    expect(stages.map((stage) => stage[0])).toEqual([
      'FROM node:24-slim AS build',
      `FROM ${RUNTIME_IMAGE}`,
    ]);
  });

  it('bundles with npm run build from the lockfile, with only what the build reads', () => {
    expect(stages[0]?.filter((line) => /^(RUN|COPY) /.test(line))).toEqual([
      'COPY package.json package-lock.json ./',
      'RUN npm ci --ignore-scripts --no-audit --no-fund',
      'COPY tsconfig.json ./',
      'COPY scripts/build.ts ./scripts/',
      'COPY scripts/build ./scripts/build',
      'COPY src ./src',
      'RUN npm run build && mkdir -m 1777 /src/compile-cache',
    ]);
  });

  it('ships every bundle, and warms the compile cache with its own Node as uid 2000 and 65532', () => {
    expect(stages[1]).toEqual([
      `FROM ${RUNTIME_IMAGE}`,
      'WORKDIR /app',
      'COPY package.json ./',
      'COPY --from=build /src/dist/*.js ./dist/',
      'COPY --from=build /src/compile-cache ./compile-cache',
      'ENV NODE_COMPILE_CACHE=/app/compile-cache',
      'USER 2000:2000',
      'RUN ["/nodejs/bin/node", "dist/main.js", "--help"]',
      'USER 65532:65532',
      'RUN ["/nodejs/bin/node", "dist/main.js", "--help"]',
      'EXPOSE 9443 8080',
      'ENTRYPOINT ["/nodejs/bin/node", "dist/main.js"]',
    ]);
  });

  it('copies into dist/ exactly the programs the build makes (*.js)', () => {
    expect(PROGRAMS.map(({ outfile }) => outfile)).toEqual(['dist/main.js', 'dist/configure.js']);
  });

  it('admits to the build context exactly the files the build stage copies', () => {
    const copied = (stages[0] ?? [])
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) => line.split(' ').slice(1, -1));
    expect([...admitted].sort()).toEqual(copied.sort());
  });
});
