/**
 * A Struct Value as every encoder writes it: one kind field, ending where the Value ends.
 * The Struct decoder reads such Values in place; anything else goes its general path.
 */
import { bool, double, int32, length, string, type Reader } from './reader.js';

/** Not a Value this reads: the caller rewinds and takes the general path. */
export const NOT_CANONICAL: unique symbol = Symbol('not canonical');

/**
 * The Value running from the reader to `end` (the reader's `len`): undefined if empty; a
 * scalar if one scalar field fills it; a new object or array, the reader left at its content,
 * if an object or list field fills it; NOT_CANONICAL otherwise. May throw Malformed.
 */
export function canonicalValue(reader: Reader, end: number): unknown {
  if (reader.pos === end) return undefined;
  const fieldTag = reader.buf[reader.pos];
  reader.pos++;
  let value: unknown;
  switch (fieldTag) {
    case 26: // string_value
      value = string(reader);
      break;
    case 17: // number_value
      value = double(reader);
      break;
    case 32: // bool_value
      value = bool(reader);
      break;
    case 8: // null_value, whatever its number
      int32(reader);
      value = null;
      break;
    case 42: // struct_value
    case 50: {
      // list_value
      const size = length(reader);
      if (reader.pos + size !== end) return NOT_CANONICAL;
      return fieldTag === 42 ? {} : [];
    }
    default:
      return NOT_CANONICAL;
  }
  return reader.pos === end ? value : NOT_CANONICAL;
}
