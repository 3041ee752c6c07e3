/**
 * The boundary between Crossplane's untyped request and the typed model: the observed XR
 * and the step's Input are parsed once, here. Anything wrong comes back as one line that
 * names every offending field, and nothing is composed.
 */
import * as z from 'zod';
import {
  CLAIM_NAMESPACE_LABEL,
  MAX_NAME_LENGTH,
  MAX_NAME_LENGTH_WITH_PERCONA,
  names,
  type Names,
} from '../names.js';
import { functionInput, type FunctionInput } from './input.js';
import { fieldErrorMap, fromZod, issuesText, kindOf, type Issue } from './issues.js';
import { resolve, type Notice, type Resolved, type ResolvedPercona } from './resolve.js';
import { deepFreeze } from '../immutable.js';
import { isObject, validPart } from './valid-part.js';
import { dittoServerSpec, type DittoServerSpec } from './spec.js';

export type DittoServer = Resolved & {
  readonly name: string;
  /** Where every composed object lives: the XR's namespace, or its claim's for a legacy XR. */
  readonly namespace: string;
  readonly spec: DittoServerSpec;
  readonly input: FunctionInput;
  readonly names: Names;
  /** The Percona settings when the cluster is composed; undefined otherwise. */
  readonly percona: ResolvedPercona | undefined;
  /** Things a human should fix that do not stop the composition. */
  readonly notices: readonly Notice[];
};

export type ParseResult = { ok: true; server: DittoServer } | { ok: false; message: string };

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The XR metadata the function reads; the API server guarantees the rest. */
const metadataSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

type Metadata = z.output<typeof metadataSchema>;

function nameIssues(name: string, percona: boolean): Issue[] {
  const limit = percona ? MAX_NAME_LENGTH_WITH_PERCONA : MAX_NAME_LENGTH;
  if (!DNS_1035_LABEL.test(name)) {
    return [
      {
        path: 'metadata.name',
        message: 'must start with a letter and hold only lowercase letters, digits and hyphens',
      },
    ];
  }
  if (name.length <= limit) return [];
  const why = percona
    ? 'Percona limits the cluster name <name>-postgres plus its instance name instance1 to 46 characters'
    : 'Service names such as <name>-metrics must fit in 63 characters';
  return [
    {
      path: 'metadata.name',
      message: `must be at most ${limit} characters (got ${name.length}): ${why}`,
    },
  ];
}

/** An empty namespace is no namespace: a cluster-scoped XR must name its claim's. */
function namespaceOf({ namespace, labels }: Metadata): string | undefined {
  const claimNamespace = labels?.[CLAIM_NAMESPACE_LABEL];
  if (namespace !== undefined && namespace !== '') return namespace;
  return claimNamespace === '' ? undefined : claimNamespace;
}

/** What the metadata must satisfy beyond its types: derived names fit, a namespace exists. */
function metadataRules(metadata: Metadata, percona: boolean): Issue[] {
  const issues = nameIssues(metadata.name, percona);
  if (namespaceOf(metadata) !== undefined) return issues;
  return [
    ...issues,
    {
      path: 'metadata.namespace',
      message: `a cluster-scoped XR needs the ${CLAIM_NAMESPACE_LABEL} label (create it through a claim)`,
    },
  ];
}

/** Whether `path` is `other`, inside it, or holds it: one of them already explains the field. */
function overlaps(path: string, other: string): boolean {
  const [short, long] = path.length <= other.length ? [path, other] : [other, path];
  return long === short || long.startsWith(`${short}.`) || long.startsWith(`${short}[`);
}

/** Issues zod found first, then those of the rules about fields not named yet. */
function merged(found: readonly Issue[], derived: readonly Issue[]): Issue[] {
  const issues = [...found];
  for (const issue of derived) {
    if (!issues.some(({ path }) => overlaps(path, issue.path))) issues.push(issue);
  }
  return issues;
}

const parseOptions = { error: fieldErrorMap };

// zod compiles a fast path for each object schema with `new Function` on first use. For
// these schemas that costs ~10 ms at the first request (cold start) and gains nothing that
// matters once parses are cached below, so it is off.
z.config({ jitless: true });

/** Parsed results of recent (XR, Input) pairs; Crossplane sends the same spec on every reconcile. */
const recent = new Map<string, ParseResult>();
const RECENT_LIMIT = 256;

/**
 * What the parse reads, as a string: the XR's name, namespace and labels, its spec and the
 * Input. Everything else in the request (status, resourceVersion, managedFields) changes on
 * every reconcile and does not affect the result. Only well-formed XRs are cached.
 */
function parseKey(xr: unknown, rawInput: unknown): string | undefined {
  if (!isObject(xr) || !isObject(xr.metadata) || !isObject(xr.spec)) return undefined;
  const { name, namespace, labels } = xr.metadata;
  let key: string;
  try {
    // An object, not a list: an absent part (no labels, no Input) is left out, not null.
    key = JSON.stringify({ name, namespace, labels, spec: xr.spec, input: rawInput });
  } catch {
    return undefined;
  }
  // JSON writes null, NaN, Infinity and an undefined list item all as null, which the parse
  // tells apart: such requests are parsed afresh. (It also writes -0 as 0; both parse alike.)
  return key.includes('null') ? undefined : key;
}

/**
 * Parses the observed XR and the step Input into the model every builder reads, reusing
 * the result for a request that carries the same fields (the result is frozen, so sharing
 * it is safe). Bounded: the oldest entry goes once RECENT_LIMIT are held.
 */
export function parseDittoServer(xr: unknown, rawInput: unknown): ParseResult {
  const key = parseKey(xr, rawInput);
  if (key === undefined) return parseOnce(xr, rawInput);
  const cached = recent.get(key);
  if (cached) {
    recent.delete(key);
    recent.set(key, cached);
    return cached;
  }
  const result = deepFreeze(parseOnce(xr, rawInput));
  recent.set(key, result);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value ?? key);
  return result;
}

/**
 * One parse: each part is parsed on its own and the cross-field rules run on what is
 * valid, so one message names every offending field.
 */
function parseOnce(xr: unknown, rawInput: unknown): ParseResult {
  const fail = (issues: Issue[]): ParseResult => ({
    ok: false,
    message: `invalid DittoServer: ${issuesText(issues)}`,
  });
  const input = functionInput.safeParse(rawInput ?? {}, parseOptions);
  const inputIssues = input.success ? [] : fromZod('input', input.error);
  if (!isObject(xr)) {
    const message =
      xr === undefined
        ? 'the request holds no observed composite resource'
        : `the observed composite resource must be an object, not ${kindOf(xr)}`;
    return fail([{ path: '', message }, ...inputIssues]);
  }
  const metadata = metadataSchema.safeParse(xr.metadata, parseOptions);
  const spec = dittoServerSpec.safeParse(xr.spec, parseOptions);
  const validMetadata = metadata.success ? metadata.data : validPart(metadataSchema, xr.metadata);
  const validSpec = spec.success ? spec.data : validPart(dittoServerSpec, xr.spec);
  const validInput = input.success ? input.data : validPart(functionInput, rawInput ?? {});
  const namespace = validMetadata && namespaceOf(validMetadata);
  const rules = validSpec && validInput ? resolve(validSpec, validInput) : undefined;
  const issues = [
    ...merged(
      metadata.success ? [] : fromZod('metadata', metadata.error),
      validMetadata ? metadataRules(validMetadata, validSpec?.percona.enabled ?? false) : [],
    ),
    ...merged(spec.success ? [] : fromZod('spec', spec.error), rules?.issues ?? []),
    ...inputIssues,
  ];
  const valid = metadata.success && spec.success && input.success;
  if (!valid || !rules || namespace === undefined || issues.length > 0) return fail(issues);
  const { resolved, notices } = rules;
  return {
    ok: true,
    server: {
      ...resolved,
      name: metadata.data.name,
      namespace,
      spec: spec.data,
      input: input.data,
      names: names(metadata.data.name),
      percona: spec.data.percona.enabled ? resolved.perconaSettings : undefined,
      notices,
    },
  };
}
