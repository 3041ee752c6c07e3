/**
 * fast-check arbitraries for the names, keys and S3 settings a valid DittoServer spec holds:
 * DNS labels and subdomains, Secret keys and values, buckets, endpoints and regions.
 */
import fc from 'fast-check';
import type { Json } from '../../fixtures/xr.js';

/** Optional keys: each one present or absent, never `undefined`. */
export const someOf = <T extends Record<string, Json>>(model: {
  [K in keyof T]: fc.Arbitrary<T[K]>;
}): fc.Arbitrary<Partial<T>> =>
  // Every key optional; fast-check's mapped result type is the same as Partial<T>.
  fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;

const chars = (text: string) => fc.constantFrom(...Array.from(text));
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/** A DNS-1035 label of 1..maxLength characters, often exactly maxLength. */
export function dnsLabel(maxLength: number): fc.Arbitrary<string> {
  const middle = (min: number, max: number) =>
    fc.string({ unit: chars(`${LOWER}${DIGITS}-`), minLength: min, maxLength: max });
  const label = (min: number, max: number) =>
    fc
      .tuple(chars(LOWER), middle(min, max), chars(`${LOWER}${DIGITS}`))
      .map(([first, inner, last]) => `${first}${inner}${last}`);
  return fc.oneof(chars(LOWER), label(0, maxLength - 2), label(maxLength - 2, maxLength - 2));
}

/** A DNS-1123 subdomain such as a Secret or StorageClass name. */
export const subdomain = fc
  .array(dnsLabel(12), { minLength: 1, maxLength: 3 })
  .map((labels) => labels.join('.'));

/** A Secret key: `[-._a-zA-Z0-9]+`, but not `.`, `..` or `..x`. */
export const secretKey = fc
  .string({
    unit: chars(`${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}-._`),
    minLength: 1,
    maxLength: 30,
  })
  .filter((key) => key !== '.' && !key.startsWith('..'));

const SECRET_CHARS = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}/+=_-"\\é€`;

/** A credential or password: long enough that finding it anywhere else is no accident. */
export const secretValue = fc.string({ unit: chars(SECRET_CHARS), minLength: 16, maxLength: 40 });

export const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/);
export const endpoint = fc.constantFrom(
  'minio.storage.svc:9000',
  'https://s3.eu-west-1.amazonaws.com',
  'https://minio:9000/',
  'HTTPS://MinIO.example.com:8443',
  '10.0.0.5:443',
  's3.example.com',
);
export const region = fc.constantFrom('eu-west-1', 'us-east-1', 'garage', 'local_1');
