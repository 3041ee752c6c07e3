/**
 * Entry point: `node dist/main.js [flags]` serves the DittoServer function over gRPC.
 * See `docs/operations.md` for the flags, TLS, metrics and shutdown behaviour.
 */
import { DittoServerFunction } from './function.js';
import { startFunction } from './server/start.js';

await startFunction(new DittoServerFunction());
