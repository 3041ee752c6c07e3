/**
 * Work every vitest worker would otherwise redo, each run: parsing a CRD's YAML and compiling
 * its schema with ajv (about 2.5 s for the 1.5 MB Percona CRD, and the Crossplane CRDs
 * together as much again; vitest runs test files in separate workers, so a module-level
 * memo is per file). The results live on disk under node_modules/.cache, named by a SHA-256
 * of their input and of ajv's version: parsed YAML as JSON, compiled schemas as ajv's
 * standalone code. test/support/global-setup.ts fills the cache before the workers start;
 * a worker that finds an entry missing makes it, so the cache is never required.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';
import { crdAjv, type SchemaNode } from './crd-structural.js';

const REPO_ROOT = join(import.meta.dirname, '../..');
export const CACHE_DIR = join(REPO_ROOT, 'node_modules/.cache/function-dittoserver-tests');
const require = createRequire(import.meta.url);

/** A new ajv, or a change to how schemas are compiled, must miss every old entry. */
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;
const COMPILE_VERSION = `ajv ${AJV_VERSION}, crdAjv allErrors strict:false, formats, k8s keywords`;

const sha256 = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** Writes whole files only: a worker never reads one that another is still writing. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function readCached(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The YAML document in `file`, parsed; from the cache when the file is unchanged. */
export function readYamlCached(file: string): unknown {
  const source = readFileSync(file);
  const path = join(CACHE_DIR, `yaml-${sha256(source)}.json`);
  const cached = readCached(path);
  if (cached !== undefined) return JSON.parse(cached);
  const parsed: unknown = parse(source.toString('utf8'));
  writeAtomically(path, JSON.stringify(parsed));
  return parsed;
}

/** The validator of `schema` as crdAjv compiles it; from the cache when seen before. */
export function compileCached(schema: SchemaNode): ValidateFunction {
  const path = join(CACHE_DIR, `ajv-${sha256(COMPILE_VERSION, JSON.stringify(schema))}.cjs`);
  try {
    return require(path) as ValidateFunction;
  } catch {
    // Not cached yet (or unreadable): compile, save, and use what was compiled.
  }
  const ajv = crdAjv({ source: true });
  const validate = ajv.compile(schema);
  writeAtomically(path, standaloneCode.default(ajv, validate));
  return validate;
}
