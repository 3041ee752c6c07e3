/** Go compares strings byte by byte in UTF-8; JavaScript's < compares UTF-16 code units. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
