import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseFlags, type FlagsResult } from '../../src/server/flags.js';

const MiB = 1024 * 1024;

/** `:port`: every interface, IPv4 and IPv6, as the Go SDK listens. */
const DEFAULTS = {
  address: { host: '', port: 9443 },
  debug: false,
  insecure: false,
  tlsServerCertsDir: '/tls/server',
  maxReceiveMessageBytes: 8 * MiB,
  metricsAddress: { host: '', port: 8080 },
};

const cases: readonly {
  reason: string;
  argv: string[];
  env?: Record<string, string>;
  want: FlagsResult;
}[] = [
  { reason: 'Crossplane runtime: no flags', argv: [], want: { kind: 'serve', options: DEFAULTS } },
  {
    reason: "crossplane render's Docker runtime passes --insecure alone",
    argv: ['--insecure'],
    want: { kind: 'serve', options: { ...DEFAULTS, insecure: true } },
  },
  {
    reason: 'Crossplane sets TLS_SERVER_CERTS_DIR on the Deployment',
    argv: [],
    env: { TLS_SERVER_CERTS_DIR: '/certs' },
    want: { kind: 'serve', options: { ...DEFAULTS, tlsServerCertsDir: '/certs' } },
  },
  {
    reason: 'the flag wins over the env var',
    argv: ['--tls-server-certs-dir', '/flag'],
    env: { TLS_SERVER_CERTS_DIR: '/env' },
    want: { kind: 'serve', options: { ...DEFAULTS, tlsServerCertsDir: '/flag' } },
  },
  {
    reason: '--tls-certs-dir is the Go templates spelling',
    argv: ['--tls-certs-dir=/go'],
    want: { kind: 'serve', options: { ...DEFAULTS, tlsServerCertsDir: '/go' } },
  },
  {
    reason: 'both spellings agreeing is fine',
    argv: ['--tls-certs-dir=/same', '--tls-server-certs-dir=/same'],
    want: { kind: 'serve', options: { ...DEFAULTS, tlsServerCertsDir: '/same' } },
  },
  {
    reason: 'both spellings disagreeing is an error',
    argv: ['--tls-certs-dir=/a', '--tls-server-certs-dir=/b'],
    want: {
      kind: 'usage-error',
      message: '--tls-server-certs-dir and --tls-certs-dir disagree; give only one',
    },
  },
  {
    reason: 'an empty env var falls back to the default',
    argv: [],
    env: { TLS_SERVER_CERTS_DIR: '' },
    want: { kind: 'serve', options: DEFAULTS },
  },
  {
    reason: 'every flag, short debug, Go-style :port addresses',
    argv: [
      '-d',
      '--address',
      ':9999',
      '--max-recv-message-size',
      '16',
      '--metrics-address',
      ':9090',
    ],
    want: {
      kind: 'serve',
      options: {
        ...DEFAULTS,
        debug: true,
        address: { host: '', port: 9999 },
        maxReceiveMessageBytes: 16 * MiB,
        metricsAddress: { host: '', port: 9090 },
      },
    },
  },
  {
    reason: 'explicit IPv4 and IPv6 addresses',
    argv: ['--address', '127.0.0.1:0', '--metrics-address', '[::1]:9090'],
    want: {
      kind: 'serve',
      options: {
        ...DEFAULTS,
        address: { host: '127.0.0.1', port: 0 },
        metricsAddress: { host: '::1', port: 9090 },
      },
    },
  },
  ...[
    ['--address', '9443'],
    ['--address', '::1:9443'],
    ['--metrics-address', 'localhost:70000'],
  ].map(([flag = '', value = '']) => ({
    reason: `${flag} '${value}' is not an address`,
    argv: [flag, value],
    want: {
      kind: 'usage-error' as const,
      message: `${flag} must be host:port, [ipv6]:port or :port, got '${value}'`,
    },
  })),
  {
    reason: 'an empty metrics address turns metrics off',
    argv: ['--metrics-address', ''],
    want: {
      kind: 'serve',
      options: {
        address: DEFAULTS.address,
        debug: false,
        insecure: false,
        tlsServerCertsDir: DEFAULTS.tlsServerCertsDir,
        maxReceiveMessageBytes: DEFAULTS.maxReceiveMessageBytes,
      },
    },
  },
  ...['0', '-1', '1.5', '4MiB', '10000'].map((value) => ({
    reason: `max message size '${value}' is not a whole number of MiB in range`,
    argv: [`--max-recv-message-size=${value}`],
    want: {
      kind: 'usage-error' as const,
      message: `--max-recv-message-size must be a whole number of MiB from 1 to 9999, got '${value}'`,
    },
  })),
  {
    reason: 'positional arguments are refused, as by the SDK',
    argv: ['serve'],
    want: {
      kind: 'usage-error',
      message: "Unexpected argument 'serve'. This command does not take positional arguments",
    },
  },
  { reason: '--help', argv: ['--help'], want: { kind: 'help', text: HELP_TEXT } },
  { reason: '-h', argv: ['-h', '--insecure'], want: { kind: 'help', text: HELP_TEXT } },
];

describe('parseFlags', () => {
  it.each(cases)('$reason', ({ argv, env, want }) => {
    expect(parseFlags(argv, env ?? {})).toEqual(want);
  });
});
