/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting calls, let in-flight ones finish, then
 * exit 0. Kubernetes sends SIGTERM and waits 30 s by default before SIGKILL; if draining takes
 * longer than the grace period, or a second signal arrives, calls are cancelled and the
 * process exits 1 so the cut is visible.
 */
import type { Logger } from './logger.js';

/** Well inside Kubernetes' default 30 s termination grace period. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export const EXIT_DRAINED = 0;
export const EXIT_FORCED = 1;

/** The parts of a grpc.Server that shutdown needs. */
export type DrainableServer = {
  tryShutdown(callback: (error?: Error) => void): void;
  forceShutdown(): void;
};

export type ShutdownOptions = {
  readonly server: DrainableServer;
  readonly logger: Logger;
  /** Runs first: e.g. report NOT_SERVING on the health service. */
  readonly onDrainStart?: () => void;
  /** Closes other listeners (metrics) once gRPC is done; must not reject. */
  readonly closeOthers?: () => Promise<void>;
  readonly graceMs?: number;
  readonly exit?: (code: number) => void;
  readonly signals?: Pick<NodeJS.Process, 'on'>;
};

/** Installs the SIGTERM/SIGINT handlers; returns the shutdown function (for tests). */
export function installShutdown(options: ShutdownOptions): (signal: string) => void {
  const { server, logger } = options;
  const graceMs = options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let draining = false;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    void (options.closeOthers?.() ?? Promise.resolve()).then(() => {
      logger.info({ exitCode: code }, 'server stopped');
      exit(code);
    });
  };

  const force = (why: string) => {
    logger.warn(`${why}: cancelling in-flight calls`);
    server.forceShutdown();
    finish(EXIT_FORCED);
  };

  const shutdown = (signal: string) => {
    if (draining) {
      force(`received ${signal} again`);
      return;
    }
    draining = true;
    logger.info({ signal, graceMs }, 'draining: refusing new calls, finishing in-flight ones');
    options.onDrainStart?.();
    timer = setTimeout(() => {
      force(`still draining after ${graceMs} ms`);
    }, graceMs);
    server.tryShutdown((error) => {
      if (error !== undefined) {
        force(`drain failed: ${error.message}`);
        return;
      }
      finish(EXIT_DRAINED);
    });
  };

  const signals = options.signals ?? process;
  signals.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  signals.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  return shutdown;
}
