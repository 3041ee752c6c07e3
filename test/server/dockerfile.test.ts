/**
 * No Docker engine runs in CI, so the Dockerfile is checked by reading it: the properties
 * Crossplane and `crossplane render` depend on, pinned so an edit cannot lose them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const instructions = readFileSync(join(import.meta.dirname, '../../Dockerfile'), 'utf8')
  .split('\n')
  .filter((line) => /^[A-Z]+ /.test(line));

const lastStage = instructions.slice(
  instructions.findLastIndex((line) => line.startsWith('FROM ')),
);

describe('Dockerfile', () => {
  it('builds with npm run build and ships only its bundle on distroless Node, non-root', () => {
    expect(lastStage).toEqual([
      'FROM gcr.io/distroless/nodejs24-debian13:nonroot',
      'WORKDIR /app',
      'COPY package.json ./',
      'COPY --from=build /src/dist/main.js ./dist/main.js',
      'EXPOSE 9443 8080',
      'ENTRYPOINT ["/nodejs/bin/node", "dist/main.js"]',
    ]);
  });

  it('bundles in a build stage of the same Node major, from the lockfile', () => {
    expect(instructions.filter((line) => /^(FROM|RUN) /.test(line)).slice(0, 3)).toEqual([
      'FROM node:24-slim AS build',
      'RUN npm ci --ignore-scripts --no-audit --no-fund',
      'RUN npm run build',
    ]);
  });
});
