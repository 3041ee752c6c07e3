/**
 * Listen addresses as the Go SDK takes them: `host:port`, `[v6]:port`, or `:port` for every
 * interface. Go's `net.Listen("tcp", ":9443")` accepts IPv4 and IPv6; in Node that is one
 * socket on `::` (dual-stack on Linux unless `net.ipv6.bindv6only` is set), and `0.0.0.0`
 * only when the host has no IPv6 at all.
 */
import { createServer } from 'node:net';

export type ListenAddress = {
  /** An IP literal or a name; '' for every interface (`:9443`). */
  readonly host: string;
  readonly port: number;
};

/** The unspecified addresses: IPv6 (dual-stack) first, IPv4 when the host has no IPv6. */
export const EVERY_INTERFACE_V6 = '::';
export const EVERY_INTERFACE_V4 = '0.0.0.0';

/** Splits `host:port`, `[v6]:port` or `:port`; undefined when it is none of them. */
export function parseListenAddress(address: string): ListenAddress | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):([0-9]{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) return undefined;
  return { host: match[1] ?? match[2] ?? '', port };
}

/** `host:port` for grpc-js and log lines, brackets around IPv6 literals. */
export function formatListenAddress({ host, port }: ListenAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The concrete address to bind: `''` becomes `::`, or `0.0.0.0` without IPv6. */
export function bindableAddress(address: ListenAddress, ipv6: boolean): ListenAddress {
  if (address.host !== '') return address;
  return { host: ipv6 ? EVERY_INTERFACE_V6 : EVERY_INTERFACE_V4, port: address.port };
}

/**
 * Whether this host can listen on IPv6 at all: a kernel without IPv6, or a container whose
 * network namespace has it disabled, refuses `::` (EAFNOSUPPORT, EADDRNOTAVAIL).
 */
export function canListenOnIPv6(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      resolve(false);
    });
    probe.listen({ host: EVERY_INTERFACE_V6, port: 0 }, () => {
      probe.close(() => {
        resolve(true);
      });
    });
  });
}
