/**
 * S3 endpoints for pgBackRest 2.57: a bare host plus an optional `repo1-storage-port`.
 *
 * Users write `host`, `host:port` or `https://host[:port]`. `http://` is refused because
 * pgBackRest before 2.58 speaks HTTPS only to S3 (pgbackrest#2612).
 */
export type S3Endpoint = { readonly host: string; readonly port?: number };

export const HOST =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
export const IPV4 =
  /^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$/;

export type EndpointResult = { ok: true; endpoint: S3Endpoint } | { ok: false; problem: string };

export function parseS3Endpoint(text: string): EndpointResult {
  if (/^http:\/\//i.test(text)) {
    return {
      ok: false,
      problem: 'http:// is not supported: pgBackRest 2.57 talks to S3 over HTTPS only',
    };
  }
  const rest = text.replace(/^https:\/\//i, '').replace(/\/$/, '');
  // The text is never echoed: it may carry user:password@ or a signed query string.
  if (rest.includes('@')) {
    return {
      ok: false,
      problem: 'must not hold credentials (user:password@): put them in the credentials Secret',
    };
  }
  const match = /^([^:/?#]+)(?::([0-9]{1,5}))?$/.exec(rest);
  const host = match?.[1]?.toLowerCase();
  if (!match || host === undefined || !(HOST.test(host) || IPV4.test(host))) {
    return {
      ok: false,
      problem: 'must be a host, host:port or https://host[:port], without a path or query',
    };
  }
  if (match[2] === undefined) return { ok: true, endpoint: { host } };
  const port = Number(match[2]);
  if (port < 1 || port > 65535)
    return { ok: false, problem: `port ${port} is out of range (1-65535)` };
  return { ok: true, endpoint: { host, port } };
}
