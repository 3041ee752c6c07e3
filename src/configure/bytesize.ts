/**
 * How DittoFS v0.29.0 shows a byte count (`internal/bytesize` `ByteSize.String()`): two
 * decimals of the largest binary unit it reaches (`100.00GiB`), plain bytes below 1 KiB.
 * A share's `quota_bytes` comes back this way, so the program compares quotas in this form:
 * two quotas DittoFS shows alike cannot be told apart through its API.
 */
const UNITS: readonly (readonly [bigint, string])[] = [
  [1024n ** 4n, 'TiB'],
  [1024n ** 3n, 'GiB'],
  [1024n ** 2n, 'MiB'],
  [1024n, 'KiB'],
];

/**
 * Go's `fmt.Sprintf("%.2f", float64(b)/float64(unit))`, exactly: below 2^53 both divisions
 * are exact (the units are powers of two), and Go rounds the exact value half to even,
 * which `Number.prototype.toFixed` does not (it rounds 1.125 up).
 */
export function formatByteSize(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`not a byte count: ${bytes}`);
  const value = BigInt(bytes);
  for (const [unit, suffix] of UNITS) {
    if (value < unit) continue;
    const scaled = value * 100n;
    let hundredths = scaled / unit;
    const twiceRest = (scaled % unit) * 2n;
    if (twiceRest > unit || (twiceRest === unit && hundredths % 2n === 1n)) hundredths += 1n;
    const fraction = (hundredths % 100n).toString().padStart(2, '0');
    return `${hundredths / 100n}.${fraction}${suffix}`;
  }
  return `${bytes}B`;
}
