import { describe, expect, it } from 'vitest';
import { parseS3Endpoint } from '../../src/api/endpoint.js';
import { quantityValue } from '../../src/api/quantity.js';

describe('parseS3Endpoint', () => {
  const cases: { reason: string; text: string; want: ReturnType<typeof parseS3Endpoint> }[] = [
    {
      reason: 'a bare host',
      text: 's3.eu-west-1.amazonaws.com',
      want: { ok: true, endpoint: { host: 's3.eu-west-1.amazonaws.com' } },
    },
    {
      reason: 'https with a port is split',
      text: 'https://minio.storage.svc:9000',
      want: { ok: true, endpoint: { host: 'minio.storage.svc', port: 9000 } },
    },
    {
      reason: 'host:port without scheme',
      text: 'minio:9000',
      want: { ok: true, endpoint: { host: 'minio', port: 9000 } },
    },
    {
      reason: 'a trailing slash is dropped and the host lowercased',
      text: 'HTTPS://S3.Example.com/',
      want: { ok: true, endpoint: { host: 's3.example.com' } },
    },
    {
      reason: 'an IPv4 address',
      text: 'https://10.0.0.7:443',
      want: { ok: true, endpoint: { host: '10.0.0.7', port: 443 } },
    },
    {
      reason: 'http is refused',
      text: 'http://minio:9000',
      want: {
        ok: false,
        problem: 'http:// is not supported: pgBackRest 2.57 talks to S3 over HTTPS only',
      },
    },
    {
      reason: 'a path is refused',
      text: 'https://s3.example.com/bucket',
      want: {
        ok: false,
        problem: 'must be a host, host:port or https://host[:port], without a path or query',
      },
    },
    {
      reason: 'another scheme is refused',
      text: 's3://bucket',
      want: {
        ok: false,
        problem: 'must be a host, host:port or https://host[:port], without a path or query',
      },
    },
    {
      reason: 'port 0',
      text: 'minio:0',
      want: { ok: false, problem: 'port 0 is out of range (1-65535)' },
    },
    {
      reason: 'port too large',
      text: 'minio:70000',
      want: { ok: false, problem: 'port 70000 is out of range (1-65535)' },
    },
    {
      reason: 'credentials in the URL are refused',
      text: 'https://key:secret@minio',
      want: {
        ok: false,
        problem: 'must not hold credentials (user:password@): put them in the credentials Secret',
      },
    },
  ];
  it.each(cases)('$reason', ({ text, want }) => {
    expect(parseS3Endpoint(text)).toEqual(want);
  });
});

describe('quantityValue', () => {
  const cases: { reason: string; text: string; want: number | undefined }[] = [
    { reason: 'binary suffix', text: '10Gi', want: 10 * 2 ** 30 },
    { reason: 'decimal suffix', text: '1G', want: 1e9 },
    { reason: 'milli', text: '500m', want: 0.5 },
    { reason: 'exponent', text: '1e3', want: 1000 },
    { reason: 'fraction', text: '1.5Gi', want: 1.5 * 2 ** 30 },
    { reason: 'plain number', text: '1024', want: 1024 },
    { reason: 'garbage', text: '10GB', want: undefined },
    { reason: 'empty', text: '', want: undefined },
  ];
  it.each(cases)('$reason', ({ text, want }) => {
    expect(quantityValue(text)).toBe(want);
  });
});
