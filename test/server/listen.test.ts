import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bindableAddress,
  canListenOnIPv6,
  formatListenAddress,
  parseListenAddress,
} from '../../src/server/listen.js';

describe('parseListenAddress', () => {
  it.each([
    { address: ':9443', want: { host: '', port: 9443 } },
    { address: '127.0.0.1:0', want: { host: '127.0.0.1', port: 0 } },
    { address: 'localhost:8080', want: { host: 'localhost', port: 8080 } },
    { address: '[::1]:9443', want: { host: '::1', port: 9443 } },
    { address: '[::]:65535', want: { host: '::', port: 65535 } },
    { address: '9443', want: undefined },
    { address: '::1:9443', want: undefined },
    { address: 'host:65536', want: undefined },
    { address: 'host:', want: undefined },
    { address: '', want: undefined },
  ])('$address', ({ address, want }) => {
    expect(parseListenAddress(address)).toEqual(want);
  });
});

describe('bindableAddress and formatListenAddress', () => {
  it.each([
    { address: ':9443', ipv6: true, want: '[::]:9443' },
    { address: ':9443', ipv6: false, want: '0.0.0.0:9443' },
    { address: '127.0.0.1:0', ipv6: true, want: '127.0.0.1:0' },
    { address: '[::1]:8080', ipv6: false, want: '[::1]:8080' },
  ])('$address with IPv6 $ipv6 binds $want', ({ address, ipv6, want }) => {
    const parsed = parseListenAddress(address);
    if (parsed === undefined) throw new Error(`unparsable ${address}`);
    expect(formatListenAddress(bindableAddress(parsed, ipv6))).toBe(want);
  });
});

describe('canListenOnIPv6', () => {
  // This machine, like every Linux host with IPv6 on, lists it in /proc/net/if_inet6.
  it('says what the kernel says', async () => {
    const kernel =
      existsSync('/proc/net/if_inet6') && readFileSync('/proc/net/if_inet6', 'utf8').trim() !== '';
    expect(await canListenOnIPv6()).toBe(kernel);
  });
});
