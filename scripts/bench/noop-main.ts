/**
 * The benchmark's baseline: a function that does nothing (`to(req)`), served by exactly the
 * same start-up code, flags, mTLS, metrics and logging as the real one, and bundled the same
 * way (`bundle.ts`). What the real function costs beyond this is the function itself.
 */
import { to } from '@crossplane-org/function-sdk-typescript';
import { startFunction } from '../../src/server/start.js';

await startFunction({
  RunFunction: (req) => Promise.resolve(to(req)),
});
