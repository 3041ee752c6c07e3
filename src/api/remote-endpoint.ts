/**
 * Endpoints of DittoFS remote S3 stores, checked the way DittoFS v0.29.0 checks them
 * (pkg/block/remote/s3/store.go, ValidateEndpoint) so a bad one is a FATAL naming the field,
 * not a configure Job failing later. DittoFS puts https:// before an endpoint without a
 * scheme, takes http and https, never dials link-local, unspecified or multicast addresses,
 * and dials private ones only with `allow_private_endpoint`.
 *
 * DittoFS resolves host names; this function cannot, so it treats the names that resolve
 * inside the cluster (a single label, `*.svc`, `*.cluster.local`, `localhost`) as private.
 */
import { HOST, IPV4 } from './endpoint.js';

export type RemoteEndpoint = {
  /** `scheme://host[:port]`, the form DittoFS normalises to. */
  readonly url: string;
  /** Whether DittoFS needs `allow_private_endpoint` to reach it. */
  readonly private: boolean;
};

export type RemoteEndpointResult =
  { ok: true; endpoint: RemoteEndpoint } | { ok: false; problem: string };

const FORM = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^:/?#@\s]+)(?::([0-9]{1,5}))?\/?$/i;

/** Go's net/netip classification of an IPv4 address, as ValidateEndpoint uses it. */
function ipv4Scope(host: string): 'never' | 'private' | 'public' {
  const [a = 0, b = 0] = host.split('.').map(Number);
  // Unspecified, multicast, link-local (the cloud metadata endpoint): never dialled.
  if (host === '0.0.0.0' || (a >= 224 && a <= 239) || (a === 169 && b === 254)) return 'never';
  const isPrivate =
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    host === '255.255.255.255';
  return isPrivate ? 'private' : 'public';
}

function inCluster(host: string): boolean {
  return (
    !host.includes('.') ||
    host.endsWith('.svc') ||
    host.endsWith('.cluster.local') ||
    host === 'localhost'
  );
}

export function parseRemoteEndpoint(text: string): RemoteEndpointResult {
  // The text is never echoed: it may carry user:password@ or a signed query string.
  if (text.includes('@')) {
    return {
      ok: false,
      problem: 'must not hold credentials (user:password@): put them in the credentials Secret',
    };
  }
  const match = FORM.exec(text);
  const scheme = (match?.[1] ?? 'https').toLowerCase();
  const host = match?.[2]?.toLowerCase();
  if (!match || host === undefined || !(HOST.test(host) || IPV4.test(host))) {
    return {
      ok: false,
      problem: 'must be a host, host:port or http(s)://host[:port], without a path or query',
    };
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, problem: 'must use http:// or https://' };
  }
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    return { ok: false, problem: `port ${port} is out of range (1-65535)` };
  }
  const scope = IPV4.test(host) ? ipv4Scope(host) : inCluster(host) ? 'private' : 'public';
  if (scope === 'never') {
    return {
      ok: false,
      problem:
        'is a link-local, unspecified or multicast address, which DittoFS never dials (cloud metadata guard)',
    };
  }
  const url = `${scheme}://${host}${port === undefined ? '' : `:${String(port)}`}`;
  return { ok: true, endpoint: { url, private: scope === 'private' } };
}
