/**
 * `node dist/main.js [flags]`: the DittoServer composition function, served over gRPC until
 * SIGTERM. The flags (src/server/flags.ts) are the Go function SDK's: `--address` (default
 * `:9443`, IPv4 and IPv6), `--insecure`, `--tls-server-certs-dir` (env TLS_SERVER_CERTS_DIR),
 * `--max-recv-message-size`, `--metrics-address` (default `:8080`), `--debug`.
 * docs/operations.md says how it starts, listens, reports and stops.
 */
import { runFunction } from './function.js';
import { owns } from './resources.js';
import { serve, serverOptionsFrom } from './server/start.js';

const options = serverOptionsFrom(process.argv.slice(2), process.env);
await serve({ handler: (req) => runFunction(req), owns }, options);
