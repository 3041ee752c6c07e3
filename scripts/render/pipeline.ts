/**
 * The Composition pipeline as crossplane render runs it: steps in order, desired state and
 * context chained, each call repeated until its requirements stabilise
 * (xfn.FetchingFunctionRunner), a FATAL result ending everything. Messages cross an
 * encode/decode round trip, as they would cross gRPC.
 */
import {
  Requirements,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
  type Resources,
  type State,
} from '@crossplane-org/function-sdk-typescript';
import { isObject, str, type Credential, type KubeObject } from './load.js';
import {
  CAPABILITIES,
  RequestError,
  bootstrapResources,
  fetchResources,
  observedState,
  stepCredentials,
} from './request.js';

export type FunctionCall = (req: RunFunctionRequest) => Promise<RunFunctionResponse>;

export type PipelineInputs = {
  readonly xr: KubeObject;
  readonly composition: KubeObject;
  /** Callable functions by Function name. */
  readonly functions: ReadonlyMap<string, FunctionCall>;
  readonly observed: readonly KubeObject[];
  readonly required: readonly KubeObject[];
  readonly extra: readonly KubeObject[];
  readonly credentials: readonly Credential[];
};

export type StepCondition = { type: string; status: string; reason: string; message: string };
export type StepResult = { step: string; severity: string; message: string };

export type PipelineOutput = {
  readonly desired: State;
  readonly conditions: StepCondition[];
  readonly results: StepResult[];
};

/** xfn.MaxRequirementsIterations: the loop runs i = 0..5, so six calls at most. */
export const MAX_REQUIREMENTS_ITERATIONS = 5;

/** Status enum to the Kubernetes condition status; UNSPECIFIED reads as Unknown. */
const STATUS_NAMES: Readonly<Record<number, string>> = { 2: 'True', 3: 'False' };

async function call(fn: FunctionCall, req: RunFunctionRequest): Promise<RunFunctionResponse> {
  const wire = RunFunctionRequest.decode(RunFunctionRequest.encode(req).finish());
  const rsp = await fn(wire);
  return RunFunctionResponse.decode(RunFunctionResponse.encode(rsp).finish());
}

/** proto.Equal on two optional Requirements: map order never matters, absence does. */
function sameRequirements(a: Requirements | undefined, b: Requirements | undefined): boolean {
  if (!a || !b) return a === b;
  const canonical = (r: Requirements) => JSON.stringify(sortKeys(Requirements.toJSON(r)));
  return canonical(a) === canonical(b);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

const isFatal = (rsp: RunFunctionResponse) =>
  rsp.results.some((result) => result.severity === Severity.SEVERITY_FATAL);

/** xfn.FetchingFunctionRunner.RunFunction. */
async function runWithRequirements(
  fn: FunctionCall,
  req: RunFunctionRequest,
  pool: readonly KubeObject[],
): Promise<RunFunctionResponse> {
  let requirements: Requirements | undefined;
  const bootstrap = { ...req.requiredResources };
  for (let i = 0; i <= MAX_REQUIREMENTS_ITERATIONS; i++) {
    const rsp = await call(fn, req);
    if (isFatal(rsp) || sameRequirements(rsp.requirements, requirements)) return rsp;
    requirements = rsp.requirements;
    const fetch = (selectors: Record<string, Parameters<typeof fetchResources>[1]>) =>
      Object.fromEntries(
        Object.entries(selectors).map(([name, sel]): [string, Resources] => [
          name,
          fetchResources(pool, sel),
        ]),
      );
    // Crossplane still serves the deprecated field; functions may read either.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    req.extraResources = fetch(requirements?.extraResources ?? {});
    req.requiredResources = { ...bootstrap, ...fetch(requirements?.resources ?? {}) };
    // render is given no schemas (-s is not supported), so every requested one is empty.
    req.requiredSchemas = Object.fromEntries(
      Object.keys(requirements?.schemas ?? {}).map((name) => [name, {}]),
    );
    req.context = rsp.context;
  }
  throw new RequestError(
    `requirements didn't stabilize after the maximum number of iterations (${MAX_REQUIREMENTS_ITERATIONS})`,
  );
}

export class FatalResultError extends Error {}

export async function runPipeline(inputs: PipelineInputs): Promise<PipelineOutput> {
  const observed = observedState(inputs.xr, inputs.observed);
  let desired: State = { composite: undefined, resources: {} };
  let context: RunFunctionRequest['context'] = {};
  const conditions: StepCondition[] = [];
  const results: StepResult[] = [];
  const spec = isObject(inputs.composition.spec) ? inputs.composition.spec : {};
  const steps = Array.isArray(spec.pipeline) ? spec.pipeline.filter(isObject) : [];
  for (const step of steps) {
    const name = str(step.step);
    const fnName = isObject(step.functionRef) ? str(step.functionRef.name) : '';
    const fn = inputs.functions.get(fnName);
    if (!fn)
      throw new RequestError(
        `cannot run pipeline step "${name}": unknown Function "${fnName}" - does it exist in your Functions file?`,
      );
    const bootstrap = bootstrapResources(step, inputs.required);
    const req = RunFunctionRequest.fromPartial({
      observed,
      desired,
      context,
      ...(isObject(step.input) ? { input: step.input } : {}),
      credentials: stepCredentials(step, inputs.credentials),
      ...(bootstrap ? { requiredResources: bootstrap, requiredSchemas: {} } : {}),
      meta: { capabilities: CAPABILITIES },
    });
    const rsp = await runWithRequirements(fn, req, [...inputs.extra, ...inputs.required]);
    desired = rsp.desired ?? { composite: undefined, resources: {} };
    context = rsp.context;
    for (const c of rsp.conditions)
      conditions.push({
        type: c.type,
        status: STATUS_NAMES[c.status] ?? 'Unknown',
        reason: c.reason,
        message: c.message ?? '',
      });
    for (const result of rsp.results) {
      if (result.severity === Severity.SEVERITY_FATAL)
        throw new FatalResultError(
          `pipeline step "${name}" returned a fatal result: ${result.message}`,
        );
      results.push({ step: name, severity: Severity[result.severity], message: result.message });
    }
  }
  return { desired, conditions, results };
}
