/**
 * The file format of `function.cache`: a SHA-256 digest of the bundle's source and of V8's
 * code cache, then that code cache. V8 checks only its own version, its flags and the source's
 * LENGTH before it runs cached bytecode: a cache left over from another bundle of the same
 * length, or a damaged one, would be accepted and run the wrong code. The digest makes either
 * of them a rejected cache instead (about 1 ms to compute for a 0.8 MB bundle).
 */
import { createHash } from 'node:crypto';

const DIGEST_BYTES = 32;

function digest(source: Uint8Array, v8Data: Uint8Array): Buffer {
  return createHash('sha256').update(source).update(v8Data).digest();
}

/** The cache file for `v8Data`, made by `script.createCachedData()` from `source`. */
export function sealCodeCache(source: Uint8Array, v8Data: Uint8Array): Buffer {
  return Buffer.concat([digest(source, v8Data), v8Data]);
}

/** V8's code cache from `file` if it was sealed for exactly `source`, else undefined. */
export function openCodeCache(source: Uint8Array, file: Buffer): Buffer | undefined {
  if (file.length <= DIGEST_BYTES) return undefined;
  const v8Data = file.subarray(DIGEST_BYTES);
  return digest(source, v8Data).equals(file.subarray(0, DIGEST_BYTES)) ? v8Data : undefined;
}
