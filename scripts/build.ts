/**
 * `npm run build`: each program of the image into one ES module in dist/ (scripts/build/
 * bundle.ts): `dist/main.js`, the function server, and `dist/configure.js`.
 */
import { buildPrograms } from './build/bundle.js';

await buildPrograms();
