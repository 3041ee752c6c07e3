/**
 * `npm run render`: load, check the inputs as crossplane render's cmd.go does, run the
 * pipeline with function-dittoserver in-process, print. Returns what it would print and
 * the exit code, so tests can call it directly.
 */
import { COMPOSITION_FILES, FUNCTION_REPOSITORY } from '../package-names.js';
import { parseRenderArgs, USAGE, type RenderArgs } from './args.js';
import {
  describe,
  isObject,
  str,
  loadComposition,
  loadCompositeResource,
  loadCredentials,
  loadFunctions,
  loadResources,
  metaMap,
  type KubeObject,
} from './load.js';
import { renderedComposed, renderedResults, renderedXr } from './output.js';
import { runPipeline, type FunctionCall } from './pipeline.js';
import { observedByName } from './request.js';
import { checkObservedResources } from './check-observed.js';
import { inProcessFunction } from './in-process.js';
import { printDocuments } from './print.js';
import { withRenderUid } from './xr-uid.js';

export type RenderOutcome = { exitCode: number; stdout: string; stderr: string };

class InputError extends Error {}

/** The repository of a package reference: the tag or digest cut off. */
const repositoryOf = (ref: string) => ref.replace(/@.*$/, '').replace(/:[^/]*$/, '');

/** The Functions by name: function-dittoserver runs in-process, any other is an error. */
function callables(functions: readonly KubeObject[], seed?: Buffer): Map<string, FunctionCall> {
  const dittoserver = inProcessFunction(seed);
  const out = new Map<string, FunctionCall>();
  for (const fn of functions) {
    const name = isObject(fn.metadata) ? str(fn.metadata.name) : '';
    const pkg = isObject(fn.spec) ? str(fn.spec.package) : '';
    out.set(
      name,
      repositoryOf(pkg) === FUNCTION_REPOSITORY
        ? dittoserver
        : () =>
            Promise.reject(
              new InputError(
                `Function "${name}" (${pkg}) cannot run in-process: only ${FUNCTION_REPOSITORY} can; use crossplane render`,
              ),
            ),
    );
  }
  return out;
}

/** cmd.go: the Composition must be for this XR's type and labels, in Pipeline mode. */
function checkComposition(xr: KubeObject, composition: KubeObject): void {
  const spec = isObject(composition.spec) ? composition.spec : {};
  const ref = isObject(spec.compositeTypeRef) ? spec.compositeTypeRef : {};
  if (ref.kind !== xr.kind)
    throw new InputError(
      `composition's compositeTypeRef.kind (${str(ref.kind)}) does not match XR's kind (${str(xr.kind)})`,
    );
  if (ref.apiVersion !== xr.apiVersion)
    throw new InputError(
      `composition's compositeTypeRef.apiVersion (${str(ref.apiVersion)}) does not match XR's apiVersion (${str(xr.apiVersion)})`,
    );
  const xrSpec = isObject(xr.spec) ? xr.spec : {};
  const crossplane = isObject(xrSpec.crossplane) ? xrSpec.crossplane : {};
  const selector = isObject(crossplane.compositionSelector) ? crossplane.compositionSelector : {};
  const labels = metaMap(composition, 'labels');
  for (const [key, value] of Object.entries(
    isObject(selector.matchLabels) ? selector.matchLabels : {},
  )) {
    if (!(key in labels))
      throw new InputError(
        `composition "${describe(composition)}" is missing required label "${key}"`,
      );
    if (labels[key] !== value)
      throw new InputError(
        `composition has incorrect value for label "${key}": want "${str(value)}", got "${str(labels[key])}"`,
      );
  }
  if ((spec.mode ?? 'Pipeline') !== 'Pipeline')
    throw new InputError(
      'render only supports Composition Function pipelines: spec.mode must be Pipeline',
    );
}

function compositionPath(args: RenderArgs, xr: KubeObject): string {
  if (args.composition) return args.composition;
  const path = COMPOSITION_FILES[str(xr.kind)];
  if (!path) throw new InputError(`no package Composition for kind ${str(xr.kind)}: name one`);
  return path;
}

async function render(args: RenderArgs): Promise<string> {
  const input = loadCompositeResource(args.xr);
  const composition = loadComposition(compositionPath(args, input));
  checkComposition(input, composition);
  const functions = loadFunctions(args.functions);
  const observed = args.observed ? loadResources([args.observed]) : [];
  // The function and the owner references see the XR with a UID, as the v2.3+ engine has
  // it; -x prints the metadata as written, as both CLIs do.
  const xr = withRenderUid(input);
  checkObservedResources(xr, observed);
  const output = await runPipeline({
    xr,
    composition,
    functions: callables(functions, args.seed),
    observed,
    required: loadResources(args.required),
    extra: loadResources(args.extra),
    credentials: args.functionCredentials ? loadCredentials(args.functionCredentials) : [],
  });
  const docs = [
    renderedXr(output.desired, input, output.conditions, args.includeFullXr),
    ...renderedComposed(output.desired, xr, observedByName(observed)),
    ...(args.includeResults ? renderedResults(output.results) : []),
  ];
  return printDocuments(docs);
}

export async function renderCommand(argv: readonly string[]): Promise<RenderOutcome> {
  try {
    const args = parseRenderArgs(argv);
    if (args === 'help') return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };
    return { exitCode: 0, stdout: await render(args), stderr: '' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `render: error: ${message}\n` };
  }
}
