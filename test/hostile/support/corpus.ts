/**
 * The bad-spec corpus: YAML files under `test/hostile/corpus/`, each a list of cases with a
 * `reason`, the input that is wrong and the exact FATAL message it must produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse } from 'yaml';
import { xr, type Json, type JsonObject } from '../../fixtures/xr.js';

const CORPUS_DIR = new URL('../corpus/', import.meta.url);

const json = z.custom<Json>(() => true);
const jsonObject = z.custom<JsonObject>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);

/**
 * One case: `spec` and `metadata` are overrides deep-merged onto the minimal fixture XR
 * (`xr()` of test/fixtures/xr.ts); `xr` is the whole observed XR instead, for shapes the
 * fixture cannot express (no spec, no metadata, not an object). `input` is the step Input.
 */
const corpusCase = z
  .strictObject({
    reason: z.string().min(1),
    spec: jsonObject.optional(),
    metadata: jsonObject.optional(),
    xr: json.optional(),
    input: json.optional(),
    fatal: z.string().startsWith('invalid DittoServer: '),
  })
  .refine(
    (value) => !('xr' in value) || (value.spec === undefined && value.metadata === undefined),
    'a case gives either xr or spec/metadata overrides',
  );

export type CorpusCase = {
  readonly file: string;
  readonly reason: string;
  /** The observed XR, any JSON value (the request holds it as a protobuf Struct). */
  readonly xr: unknown;
  readonly input: Json | undefined;
  readonly fatal: string;
};

function casesOf(file: string): CorpusCase[] {
  const documents: unknown = parse(readFileSync(new URL(file, CORPUS_DIR), 'utf8'));
  return z
    .array(corpusCase)
    .parse(documents)
    .map((entry) => ({
      file,
      reason: entry.reason,
      xr: 'xr' in entry ? entry.xr : xr(entry.spec ?? {}, entry.metadata ?? {}),
      input: entry.input,
      fatal: entry.fatal,
    }));
}

/** Every case of every corpus file, files in name order. */
export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap(casesOf);
}
