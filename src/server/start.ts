/**
 * Process start-up shared by the function (`src/bundle-entry.ts`) and the benchmark's no-op:
 * flags, logger, credentials, gRPC server, metrics listener, signal handling. Anything that
 * prevents serving RunFunction ends the process with a one-line reason and exit code 1.
 */
import type { Server } from 'node:http';
import type { LaunchReport } from '../launch/bundle-api.js';
import { parseFlags, type ServerOptions } from './flags.js';
import { createHealth, ServingStatus } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { createRecorder, type RequestRecorder } from './recorder.js';
import { bindServer, createFunctionServer, type FunctionServerOptions } from './server.js';
import { installShutdown } from './shutdown.js';
import { loadServerCredentials } from './tls.js';

/** Bad flags, as node:util and the Go SDK's kong report them. */
export const EXIT_USAGE = 2;
/** Cannot serve: certificates missing or invalid, a gRPC address that cannot be bound. */
export const EXIT_CANNOT_SERVE = 1;

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
  address: string | undefined,
  logger: Logger,
): Promise<{ server: Server; port: number } | undefined> {
  if (address === undefined) return undefined;
  const { boundPort, createMetrics, serveMetrics } = await import('./metrics.js');
  const metrics = createMetrics();
  recorder.attach(metrics);
  try {
    const server = await serveMetrics(metrics.registry, address);
    return { server, port: boundPort(server) };
  } catch (error) {
    logger.warn(`metrics off: cannot listen on ${address}: ${String(error)}`);
    return undefined;
  }
}

async function serve(
  served: ServedFunction,
  options: ServerOptions,
  launch: LaunchReport | undefined,
): Promise<void> {
  const logger = createLogger({ debug: options.debug });
  if (launch !== undefined) logger.debug({ codeCache: launch.codeCache }, 'function loaded');
  const credentials = loadServerCredentials(options);
  if (!credentials.ok) fail(logger, credentials.message);

  const recorder = createRecorder();
  const health = createHealth();
  const server = createFunctionServer({
    ...served,
    logger,
    metrics: recorder,
    health,
    maxReceiveMessageBytes: options.maxReceiveMessageBytes,
  });
  const port = await bindServer(server, options.address, credentials.credentials).catch(
    (error: unknown) => fail(logger, `cannot listen on ${options.address}: ${String(error)}`),
  );
  const metrics = await startMetrics(recorder, options.metricsAddress, logger);
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
      address: options.address,
      port,
      transport: credentials.transport,
      maxReceiveMessageBytes: options.maxReceiveMessageBytes,
      ...(metrics === undefined ? {} : { metricsPort: metrics.port }),
    },
    'serving RunFunction',
  );
}

/**
 * Parses the command line and serves `served` until SIGTERM/SIGINT. `launch`, from the
 * launcher (src/main.ts), says whether the code cache was used: one debug line.
 */
export async function startFunction(
  served: ServedFunction,
  argv: readonly string[] = process.argv.slice(2),
  env: Readonly<Record<string, string | undefined>> = process.env,
  launch?: LaunchReport,
): Promise<void> {
  const flags = parseFlags(argv, env);
  if (flags.kind === 'help') {
    process.stdout.write(`${flags.text}\n`);
    return;
  }
  if (flags.kind === 'usage-error') {
    process.stderr.write(`main.js: ${flags.message}\nTry 'main.js --help' for the flags.\n`);
    process.exit(EXIT_USAGE);
  }
  await serve(served, flags.options, launch);
}
