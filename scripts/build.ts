/**
 * `npm run build`: the function into dist/ as the image ships it (main.js, function.cjs,
 * function.cache, plus make-code-cache.js, which the image runs again with its own Node).
 * What each file is: scripts/bench/bundle.ts.
 */
import { buildServed, FUNCTION_ENTRY } from './bench/bundle.js';

buildServed(FUNCTION_ENTRY, 'dist');
