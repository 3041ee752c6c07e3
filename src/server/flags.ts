/**
 * Command-line flags of the function server. Names and meanings follow the Go function SDK's
 * templates (function-go-templating `main.go`), so the Crossplane package runtime and
 * `crossplane render`'s Docker runtime (which passes `--insecure` as the only argument) both work.
 */
import { parseArgs } from 'node:util';
import { parseListenAddress, type ListenAddress } from './listen.js';

/**
 * Listen address when `--address` is not given: every interface, IPv4 and IPv6, on
 * Crossplane's gRPC port (the Go SDK's default, spelled the same).
 */
export const DEFAULT_ADDRESS = ':9443';

/** Where Crossplane mounts the function's TLS Secret (`tls.key`, `tls.crt`, `ca.crt`). */
export const DEFAULT_TLS_SERVER_CERTS_DIR = '/tls/server';

/** Env var Crossplane sets on the function Deployment; a flag wins over it. */
export const TLS_SERVER_CERTS_DIR_ENV = 'TLS_SERVER_CERTS_DIR';

/**
 * Default receive limit in MiB. grpc-js defaults to 4 MiB, the size at which Crossplane users
 * hit `ResourceExhausted`. Crossplane itself does not cap what it sends, and the request
 * carries observed state, desired state from earlier steps and required resources, so it can
 * outgrow the <= 4 MiB response this function returns. 8 MiB doubles the headroom while
 * bounding memory per in-flight call.
 */
export const DEFAULT_MAX_RECV_MESSAGE_SIZE_MIB = 8;

/**
 * Prometheus endpoint: every interface, IPv4 and IPv6, on the port Crossplane's function
 * Deployment names `metrics`.
 */
export const DEFAULT_METRICS_ADDRESS = ':8080';

export type ServerOptions = {
  /** gRPC listen address; host '' (a Go-style `:port`) means every interface. */
  readonly address: ListenAddress;
  readonly debug: boolean;
  readonly insecure: boolean;
  readonly tlsServerCertsDir: string;
  readonly maxReceiveMessageBytes: number;
  /** Omitted when metrics are turned off with `--metrics-address ''`. */
  readonly metricsAddress?: ListenAddress;
};

export type FlagsResult =
  | { readonly kind: 'serve'; readonly options: ServerOptions }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly message: string };

const flagSpecs = {
  address: { type: 'string' },
  debug: { type: 'boolean', short: 'd' },
  insecure: { type: 'boolean' },
  'tls-server-certs-dir': { type: 'string' },
  'tls-certs-dir': { type: 'string' },
  'max-recv-message-size': { type: 'string' },
  'metrics-address': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HELP_TEXT = [
  'Usage: main.js [flags]',
  '',
  'function-dittoserver: a Crossplane composition function serving RunFunction over gRPC.',
  '',
  'Flags:',
  `      --address <host:port>          gRPC listen address; :port is every interface,`,
  `                                     IPv4 and IPv6. Default ${DEFAULT_ADDRESS}.`,
  '  -d, --debug                        Emit debug logs (one line per request).',
  '      --insecure                     Serve without TLS (local use, crossplane render).',
  '      --tls-server-certs-dir <dir>   Directory with tls.key, tls.crt and the client CA',
  `                                     ca.crt. Env ${TLS_SERVER_CERTS_DIR_ENV}.`,
  `                                     Default ${DEFAULT_TLS_SERVER_CERTS_DIR}.`,
  '      --tls-certs-dir <dir>          Alias of --tls-server-certs-dir (Go templates).',
  '      --max-recv-message-size <MiB>  Largest request accepted.',
  `                                     Default ${DEFAULT_MAX_RECV_MESSAGE_SIZE_MIB}.`,
  "      --metrics-address <host:port>  Prometheus /metrics listener; '' turns it off.",
  `                                     Default ${DEFAULT_METRICS_ADDRESS}.`,
  '  -h, --help                         Show this help.',
].join('\n');

function parseMebibytes(value: string): number | undefined {
  if (!/^[1-9][0-9]{0,3}$/.test(value)) return undefined;
  return Number(value) * 1024 * 1024;
}

function certsDir(
  primary: string | undefined,
  alias: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | { readonly error: string } {
  if (primary !== undefined && alias !== undefined && primary !== alias) {
    return { error: '--tls-server-certs-dir and --tls-certs-dir disagree; give only one' };
  }
  const fromEnv = env[TLS_SERVER_CERTS_DIR_ENV];
  return primary ?? alias ?? (fromEnv === '' ? undefined : fromEnv) ?? DEFAULT_TLS_SERVER_CERTS_DIR;
}

function addressError(flag: string, value: string | undefined): FlagsResult {
  return {
    kind: 'usage-error',
    message: `${flag} must be host:port, [ipv6]:port or :port, got '${value ?? ''}'`,
  };
}

/** Parses argv (without node and the script) and the environment. Never throws. */
export function parseFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): FlagsResult {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flagSpecs, allowPositionals: false }));
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { kind: 'help', text: HELP_TEXT };

  const maxRecv = values['max-recv-message-size'];
  const maxReceiveMessageBytes =
    maxRecv === undefined
      ? DEFAULT_MAX_RECV_MESSAGE_SIZE_MIB * 1024 * 1024
      : parseMebibytes(maxRecv);
  if (maxReceiveMessageBytes === undefined) {
    return {
      kind: 'usage-error',
      message:
        '--max-recv-message-size must be a whole number of MiB from 1 to 9999, ' +
        `got '${maxRecv ?? ''}'`,
    };
  }
  const dir = certsDir(values['tls-server-certs-dir'], values['tls-certs-dir'], env);
  if (typeof dir !== 'string') return { kind: 'usage-error', message: dir.error };

  const address = parseListenAddress(values.address ?? DEFAULT_ADDRESS);
  if (address === undefined) return addressError('--address', values.address);
  const metricsFlag = values['metrics-address'] ?? DEFAULT_METRICS_ADDRESS;
  const metricsAddress = metricsFlag === '' ? undefined : parseListenAddress(metricsFlag);
  if (metricsFlag !== '' && metricsAddress === undefined) {
    return addressError('--metrics-address', metricsFlag);
  }
  return {
    kind: 'serve',
    options: {
      address,
      debug: values.debug ?? false,
      insecure: values.insecure ?? false,
      tlsServerCertsDir: dir,
      maxReceiveMessageBytes,
      ...(metricsAddress === undefined ? {} : { metricsAddress }),
    },
  };
}
