/** npm run render -- XR [COMPOSITION] [FUNCTIONS] [flags]; see scripts/render/args.ts. */
import { renderCommand } from './render/cli.js';

const outcome = await renderCommand(process.argv.slice(2));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
