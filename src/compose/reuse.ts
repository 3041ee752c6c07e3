/**
 * Builder results reused across calls. Parse results are cached and frozen, so the same XR
 * gives the same server object on every reconcile; builders are pure, so what they return
 * depends only on that server and on the other inputs `key` spells out. Reused objects are
 * frozen and marked reusable, which also lets the encoder reuse their bytes.
 */
import type { DittoServer } from '../api/parse.js';
import { freezeForReuse } from '../immutable.js';

const built = new WeakMap<DittoServer, Map<string, unknown>>();

/** Different inputs for one server are few (volume sizes, the backup Secret); this bounds them. */
const MAX_PER_SERVER = 64;

export function reuse<T extends object>(server: DittoServer, key: string, build: () => T): T {
  let results = built.get(server);
  if (!results) {
    results = new Map();
    built.set(server, results);
  }
  const known = results.get(key);
  if (known !== undefined) return known as T;
  if (results.size >= MAX_PER_SERVER) results.clear();
  const result = freezeForReuse(build());
  results.set(key, result);
  return result;
}
