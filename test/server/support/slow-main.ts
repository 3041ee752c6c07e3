/**
 * A function that takes `SLOW_HANDLER_MS` (default 1000) to answer, served by the same start-up
 * code as the real one: lets the shutdown tests hold calls in flight deterministically.
 */
import { createLogger } from '../../../src/server/logger.js';
import { serve, serverOptionsFrom } from '../../../src/server/start.js';

const delayMs = Number(process.env.SLOW_HANDLER_MS ?? '1000');
const logger = createLogger({ debug: false });

await serve(
  {
    owns: () => false,
    async handler(req) {
      logger.info({ tag: req.tag }, 'slow call started');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return {
        tag: req.tag,
        ttlSeconds: 60,
        desiredComposite: req.desiredComposite,
        passThrough: req.passThrough,
        composed: [],
        results: [],
        conditions: [],
        requirements: {},
        context: req.context,
      };
    },
  },
  serverOptionsFrom(process.argv.slice(2), process.env),
);
