/**
 * Reading the render inputs the way crossplane render's load.go does: a path is a file or
 * a directory of .yaml/.yml files (not recursive, by name), every document an object.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
/** A JSON value. An index signature, not Record: a type alias cannot refer to itself through Record. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type KubeObject = Record<string, Json>;

export class LoadError extends Error {}

export function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `metadata.<field>` as a string, or ''. */
export function metaString(obj: KubeObject, field: string): string {
  const value = isObject(obj.metadata) ? obj.metadata[field] : undefined;
  return typeof value === 'string' ? value : '';
}

/** `metadata.<field>` (labels, annotations) as a string map. */
export function metaMap(obj: KubeObject, field: string): Record<string, string> {
  const value = isObject(obj.metadata) ? obj.metadata[field] : undefined;
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** A field as text: strings as they are, anything else as JSON (never `[object Object]`). */
export function str(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const describe = (obj: KubeObject) => `${str(obj.kind)}/${metaString(obj, 'name')}`;

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const files = readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isFile() && ['.yaml', '.yml'].includes(extname(entry.name)))
    .map((entry) => join(path, entry.name))
    .sort();
  if (!files.length) throw new LoadError(`no YAML files found in "${path}" (.yaml or .yml)`);
  return files;
}

/** Every non-empty document under `path`, parsed as YAML 1.1 like go-yaml v2 does. */
export function loadDocuments(path: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const file of yamlFiles(path)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })) {
      if (doc.errors.length) throw new LoadError(`${file}: ${doc.errors[0]?.message ?? ''}`);
      const value: unknown = doc.toJSON();
      if (value === null || value === undefined) continue;
      if (!isObject(value)) throw new LoadError(`${file}: a document is not an object`);
      objects.push(value);
    }
  }
  return objects;
}

function first(path: string, what: string): KubeObject {
  const [obj] = loadDocuments(path);
  if (!obj) throw new LoadError(`cannot load ${what} from "${path}": the file is empty`);
  return obj;
}

export function loadCompositeResource(path: string): KubeObject {
  return first(path, 'composite resource');
}

export function loadComposition(path: string): KubeObject {
  const obj = first(path, 'Composition');
  if (obj.apiVersion !== 'apiextensions.crossplane.io/v1' || obj.kind !== 'Composition')
    throw new LoadError(
      `cannot load Composition from "${path}": not a composition: ${describe(obj)}`,
    );
  return obj;
}

const FUNCTION_API_VERSIONS = ['pkg.crossplane.io/v1', 'pkg.crossplane.io/v1beta1'];

export function loadFunctions(path: string): KubeObject[] {
  return loadDocuments(path).map((obj) => {
    if (obj.kind !== 'Function' || !FUNCTION_API_VERSIONS.includes(str(obj.apiVersion)))
      throw new LoadError(`cannot load functions from "${path}": not a function: ${describe(obj)}`);
    return obj;
  });
}

export type Credential = { name: string; namespace: string; data: Record<string, Buffer> };

/** Secrets for step credentials; like crossplane render, only `data` (base64) is read. */
export function loadCredentials(path: string): Credential[] {
  return loadDocuments(path).map((obj) => ({
    name: metaString(obj, 'name'),
    namespace: metaString(obj, 'namespace'),
    data: Object.fromEntries(
      Object.entries(isObject(obj.data) ? obj.data : {}).map(([key, value]) => [
        key,
        Buffer.from(typeof value === 'string' ? value : '', 'base64'),
      ]),
    ),
  }));
}

export const loadResources = (paths: readonly string[]) => paths.flatMap(loadDocuments);
