/**
 * npm run generate: writes the XRDs and the Input CRD from the zod schemas.
 * npm run generate -- --check: writes nothing and exits 1 if a committed file is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generatedFiles } from './generate/files.js';

const root = resolve(import.meta.dirname, '..');

function current(path: string): string | undefined {
  try {
    return readFileSync(resolve(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

const check = process.argv.includes('--check');
const stale = generatedFiles().filter((file) => current(file.path) !== file.content);

if (check) {
  for (const file of stale) console.error(`stale: ${file.path} (run npm run generate)`);
  process.exit(stale.length ? 1 : 0);
}
for (const file of stale) {
  mkdirSync(dirname(resolve(root, file.path)), { recursive: true });
  writeFileSync(resolve(root, file.path), file.content);
  console.log(`wrote ${file.path}`);
}
