/**
 * The reference: a no-op function served by the SDK's own `serve()` (no mTLS, no metrics,
 * the SDK's 4 MiB receive limit), loaded from node_modules the way the function template ships
 * it. Cold start here is what a stock TypeScript function costs.
 */
import { serve, to } from '@crossplane-org/function-sdk-typescript';

serve({ RunFunction: (req) => Promise.resolve(to(req)) });
