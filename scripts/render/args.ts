/** Command line of `npm run render`, shaped like `crossplane render` (classic, v2.2). */
import { parseArgs } from 'node:util';

export type RenderArgs = {
  readonly xr: string;
  /** Unset: the package Composition matching the XR's kind. */
  readonly composition?: string;
  readonly functions: string;
  readonly observed?: string;
  /** --required-resources: bootstrap requirements and the requirement loop. */
  readonly required: readonly string[];
  /** --extra-resources: the requirement loop only, as in crossplane render. */
  readonly extra: readonly string[];
  readonly functionCredentials?: string;
  readonly includeResults: boolean;
  readonly includeFullXr: boolean;
  /** Key for generated Secret values; unset, they are random as in a cluster. */
  readonly seed?: Buffer;
};

export const USAGE = `Usage: npm run render -- [XR] [COMPOSITION] [FUNCTIONS] [flags]

Runs function-dittoserver in-process on an XR and prints what \`crossplane render\` would.

  XR            composite resource file              [examples/xr.yaml]
  COMPOSITION   Composition file                     [package Composition for the XR kind]
  FUNCTIONS     Functions file or directory          [examples/functions.yaml]

  -o, --observed-resources PATH     observed composed resources (file or directory)
  -e, --required-resources PATH     resources the function may require (file or directory)
      --extra-resources PATH        like -e, deprecated upstream
      --function-credentials PATH   Secrets for the steps' credentials (file or directory)
  -r, --include-function-results    print Normal and Warning results as Result objects
  -x, --include-full-xr             print the XR's spec and metadata too
      --seed HEX                    derive generated Secret values from this key
  -h, --help                        show this help`;

export class UsageError extends Error {}

export function parseRenderArgs(argv: readonly string[]): RenderArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'observed-resources': { type: 'string', short: 'o' },
        'required-resources': { type: 'string', short: 'e', multiple: true },
        'extra-resources': { type: 'string', multiple: true },
        'function-credentials': { type: 'string' },
        'include-function-results': { type: 'boolean', short: 'r', default: false },
        'include-full-xr': { type: 'boolean', short: 'x', default: false },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 3) throw new UsageError(`unexpected argument ${positionals[3] ?? ''}`);
  const [xr = 'examples/xr.yaml', composition, functions = 'examples/functions.yaml'] = positionals;
  const seed = values.seed;
  if (seed !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(seed))
    throw new UsageError('--seed must be an even number of hex digits');
  return {
    xr,
    ...(composition === undefined ? {} : { composition }),
    functions,
    ...(values['observed-resources'] === undefined
      ? {}
      : { observed: values['observed-resources'] }),
    required: values['required-resources'] ?? [],
    extra: values['extra-resources'] ?? [],
    ...(values['function-credentials'] === undefined
      ? {}
      : { functionCredentials: values['function-credentials'] }),
    includeResults: values['include-function-results'],
    includeFullXr: values['include-full-xr'],
    ...(seed === undefined ? {} : { seed: Buffer.from(seed, 'hex') }),
  };
}
