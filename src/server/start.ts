/**
 * Process start-up shared by the function (`src/main.ts`), the benchmark and the tests' slow
 * function: the command line, then logger, credentials, gRPC server, metrics listener and
 * signal handling. Anything that prevents serving RunFunction ends the process with a
 * one-line reason and exit code 1.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFlags, type ServerOptions } from './flags.js';
import { createHealth, ServingStatus } from './health.js';
import {
  bindableAddress,
  canListenOnIPv6,
  formatListenAddress,
  type ListenAddress,
} from './listen.js';
import { createLogger, type Logger } from './logger.js';
import { createRecorder, type RequestRecorder } from './recorder.js';
import { bindServer, createFunctionServer, type FunctionServerOptions } from './server.js';
import { installShutdown } from './shutdown.js';
import { loadServerCredentials } from './tls.js';

/** Bad flags, as node:util and the Go SDK's kong report them. */
export const EXIT_USAGE = 2;
/** Cannot serve: certificates missing or invalid, a gRPC address that cannot be bound. */
export const EXIT_CANNOT_SERVE = 1;

/**
 * The server options from the command line. `--help` prints the usage and exits 0; bad flags
 * print why on stderr and exit 2, before anything is started.
 */
export function serverOptionsFrom(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ServerOptions {
  const flags = parseFlags(argv, env);
  if (flags.kind === 'help') {
    process.stdout.write(`${flags.text}\n`);
    process.exit(0);
  }
  if (flags.kind === 'usage-error') {
    process.stderr.write(`main.js: ${flags.message}\nTry 'main.js --help' for the flags.\n`);
    process.exit(EXIT_USAGE);
  }
  return flags.options;
}

/** The function to serve: its handler and the composition-resource keys it owns. */
export type ServedFunction = Pick<FunctionServerOptions, 'handler' | 'owns'>;

function fail(logger: Logger, message: string): never {
  logger.error(message);
  process.exit(EXIT_CANNOT_SERVE);
}

/**
 * Metrics are secondary: prom-client loads only now that RunFunction is being served, and
 * a port already taken (8080 is popular on a laptop) turns metrics off with a warning
 * rather than stopping RunFunction. In a pod the port is always free.
 */
async function startMetrics(
  recorder: RequestRecorder,
  address: ListenAddress,
  logger: Logger,
): Promise<{ server: Server; port: number } | undefined> {
  const { createMetrics, serveMetrics } = await import('./metrics.js');
  const metrics = createMetrics();
  recorder.attach(metrics);
  try {
    const server = await serveMetrics(metrics.registry, address);
    return { server, port: (server.address() as AddressInfo).port };
  } catch (error) {
    logger.warn(`metrics off: cannot listen on ${formatListenAddress(address)}: ${String(error)}`);
    return undefined;
  }
}

/** Serves `served` with `options` until SIGTERM/SIGINT (src/server/shutdown.ts). */
export async function serve(served: ServedFunction, options: ServerOptions): Promise<void> {
  const logger = createLogger({ debug: options.debug });
  const credentials = loadServerCredentials(options);
  if (!credentials.ok) fail(logger, credentials.message);

  // `:9443` means IPv4 and IPv6, as in Go: one dual-stack socket on `::`, if the host has IPv6.
  const everyInterface = options.address.host === '' || options.metricsAddress?.host === '';
  const ipv6 = everyInterface ? await canListenOnIPv6() : true;
  if (!ipv6) logger.info('no IPv6 on this host: listening on IPv4 only');
  const address = bindableAddress(options.address, ipv6);

  const recorder = createRecorder();
  const health = createHealth();
  const server = createFunctionServer({
    ...served,
    logger,
    metrics: recorder,
    health,
    maxReceiveMessageBytes: options.maxReceiveMessageBytes,
  });
  const port = await bindServer(
    server,
    formatListenAddress(address),
    credentials.credentials,
  ).catch((error: unknown) =>
    fail(logger, `cannot listen on ${formatListenAddress(address)}: ${String(error)}`),
  );
  const metrics =
    options.metricsAddress === undefined
      ? undefined
      : await startMetrics(recorder, bindableAddress(options.metricsAddress, ipv6), logger);
  const metricsServer = metrics?.server;

  installShutdown({
    server,
    logger,
    onDrainStart: () => {
      health.setStatus(ServingStatus.NOT_SERVING);
    },
    closeOthers: () =>
      new Promise((resolve) => {
        if (metricsServer === undefined) {
          resolve();
          return;
        }
        metricsServer.close(() => {
          resolve();
        });
        // Scrapers keep connections alive; close() alone would wait for them.
        metricsServer.closeAllConnections();
      }),
  });
  logger.info(
    {
      address: formatListenAddress(address),
      port,
      transport: credentials.transport,
      maxReceiveMessageBytes: options.maxReceiveMessageBytes,
      ...(metrics === undefined ? {} : { metricsPort: metrics.port }),
    },
    'serving RunFunction',
  );
}
