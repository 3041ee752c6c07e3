import { describe, expect, it } from 'vitest';
import { parseS3Endpoint } from '../../src/api/endpoint.js';
import { parseRemoteEndpoint } from '../../src/api/remote-endpoint.js';
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

describe('parseRemoteEndpoint (DittoFS remote S3 stores)', () => {
  const cases: { reason: string; text: string; want: ReturnType<typeof parseRemoteEndpoint> }[] = [
    {
      reason: 'a public host gets https://, as DittoFS adds it',
      text: 's3.eu-west-1.amazonaws.com',
      want: { ok: true, endpoint: { url: 'https://s3.eu-west-1.amazonaws.com', private: false } },
    },
    {
      reason: 'http is allowed, the host lowercased and a trailing slash dropped',
      text: 'HTTP://Storage.Example.com:8080/',
      want: { ok: true, endpoint: { url: 'http://storage.example.com:8080', private: false } },
    },
    {
      reason: 'a Service name in the cluster is private',
      text: 'minio.storage.svc:9000',
      want: { ok: true, endpoint: { url: 'https://minio.storage.svc:9000', private: true } },
    },
    {
      reason: 'a single label resolves in the cluster: private',
      text: 'http://minio:9000',
      want: { ok: true, endpoint: { url: 'http://minio:9000', private: true } },
    },
    {
      reason: 'an RFC 1918 address is private',
      text: '172.20.0.5:9000',
      want: { ok: true, endpoint: { url: 'https://172.20.0.5:9000', private: true } },
    },
    {
      reason: 'loopback is private',
      text: 'http://127.0.0.1:9000',
      want: { ok: true, endpoint: { url: 'http://127.0.0.1:9000', private: true } },
    },
    {
      reason: 'a public address',
      text: '100.64.0.1',
      want: { ok: true, endpoint: { url: 'https://100.64.0.1', private: false } },
    },
    {
      reason: 'the cloud metadata address is never dialled',
      text: 'http://169.254.169.254',
      want: {
        ok: false,
        problem:
          'is a link-local, unspecified or multicast address, which DittoFS never dials (cloud metadata guard)',
      },
    },
    {
      reason: 'a multicast address is never dialled',
      text: '239.1.1.1',
      want: {
        ok: false,
        problem:
          'is a link-local, unspecified or multicast address, which DittoFS never dials (cloud metadata guard)',
      },
    },
    {
      reason: 'credentials in the URL are refused without echoing them',
      text: 'https://key:secret@minio',
      want: {
        ok: false,
        problem: 'must not hold credentials (user:password@): put them in the credentials Secret',
      },
    },
    {
      reason: 'a path is refused',
      text: 'https://s3.example.com/bucket',
      want: {
        ok: false,
        problem: 'must be a host, host:port or http(s)://host[:port], without a path or query',
      },
    },
    {
      reason: 'another scheme is refused',
      text: 's3://bucket',
      want: { ok: false, problem: 'must use http:// or https://' },
    },
    {
      reason: 'port 0',
      text: 'minio:0',
      want: { ok: false, problem: 'port 0 is out of range (1-65535)' },
    },
  ];
  it.each(cases)('$reason', ({ text, want }) => {
    expect(parseRemoteEndpoint(text)).toEqual(want);
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
