/**
 * The one error the codec throws: a request that cannot be decoded (malformed, or nested
 * deeper than protobuf-go accepts), or a response that cannot be encoded. Its message is a
 * single line naming the field path, the reason and, for a request, the byte offset; it
 * holds field names from the request, never values.
 */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/**
 * protobuf-go's default recursion limit (`protowire.DefaultRecursionLimit`): every message
 * entered counts one, the top-level message and map entries included
 * (`internal/impl/decode.go` `unmarshalPointer`, `codec_map.go` `consumeMap`). Crossplane and
 * the Go SDK refuse anything nested deeper, so the decoder does too and the encoder never
 * writes it.
 */
export const MAX_MESSAGE_DEPTH = 10_000;

/**
 * Segments shown at each end of a very deep path (the middle is counted instead): more from
 * the start, which says where in the object it went deep.
 */
const PATH_HEAD = 8;
const PATH_TAIL = 2;
/** A longer key is shown cut, so a message stays readable whatever the request holds. */
const MAX_KEY_CHARS = 40;

/** A map key or Struct key as a path segment: `.name` when it reads as one, else `["…"]`. */
export function keySegment(key: string): string {
  if (/^[A-Za-z_][\w-]*$/.test(key) && key.length <= MAX_KEY_CHARS) return `.${key}`;
  const shown = key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key;
  return `[${JSON.stringify(shown)}]`;
}

/** A list index as a path segment. */
export function indexSegment(index: number): string {
  return `[${index}]`;
}

/** Segments joined, the middle of a very deep path replaced by how many were left out. */
export function formatPath(segments: readonly string[]): string {
  const shown = PATH_HEAD + PATH_TAIL;
  const joined =
    segments.length <= shown + 1
      ? segments.join('')
      : `${segments.slice(0, PATH_HEAD).join('')}…(${segments.length - shown} more)…${segments
          .slice(-PATH_TAIL)
          .join('')
          .replace(/^\./, '')}`;
  return joined.startsWith('.') ? joined.slice(1) : joined;
}
