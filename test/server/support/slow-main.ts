/**
 * A function that takes `SLOW_HANDLER_MS` (default 1000) to answer, served by the same start-up
 * code as the real one: lets the shutdown tests hold calls in flight deterministically.
 */
import { to } from '@crossplane-org/function-sdk-typescript';
import { serve, serverOptionsFrom } from '../../../src/server/start.js';

const delayMs = Number(process.env.SLOW_HANDLER_MS ?? '1000');

await serve(
  {
    async RunFunction(req, logger) {
      logger?.info({ tag: req.meta?.tag ?? '' }, 'slow call started');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return to(req);
    },
  },
  serverOptionsFrom(process.argv.slice(2), process.env),
);
