/**
 * The boundary between Crossplane's untyped request and the typed model: the observed XR
 * and the step's Input are parsed once, here. Anything wrong comes back as one line that
 * names every offending field, and nothing is composed.
 */
import * as z from './zod.js';
import {
  CLAIM_NAMESPACE_LABEL,
  CONFIGURE_HASH_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NAME_LENGTH_WITH_PERCONA,
  names,
  type Names,
} from '../names.js';
import { functionInput, type FunctionInput } from './input.js';
import { fieldErrorMap, fromZod, issuesText, kindOf, type Issue } from './issues.js';
import { resolve, type Notice, type Resolved, type ResolvedPercona } from './resolve.js';
import { isObject, validPart } from './valid-part.js';
import { dittoServerSpec, type DittoServerSpec } from './spec.js';

/** The XR as a Kubernetes object: what a Usage or an owner reference names. */
export type Composite = {
  readonly apiVersion: string;
  readonly kind: string;
  /** A legacy XR (XDittoServer) is cluster-scoped; its objects live in its claim's namespace. */
  readonly clusterScoped: boolean;
};

export type DittoServer = Resolved & {
  readonly name: string;
  readonly composite: Composite;
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

/** The modern XR's group/version and kind (api.md §1), for an XR that omits them. */
const XR_API_VERSION = 'storage.dittofs.com/v1alpha1';
const XR_KIND = 'DittoServer';

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
    : `the configure Job <name>-configure-<${CONFIGURE_HASH_LENGTH} hex> must fit in 63 characters (a Job name is a label value)`;
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

/** `path` and every path that holds it: `a.b[0].c`, `a.b[0]`, `a.b`, `a`. */
function withParents(path: string): string[] {
  const paths = [path];
  for (let index = path.length - 1; index > 0; index -= 1) {
    if (path[index] === '.' || path[index] === '[') paths.push(path.slice(0, index));
  }
  return paths;
}

/**
 * Issues zod found first, then those of the rules about fields not named yet: a rule's issue
 * is left out when its path, a path inside it or a path holding it already has one. Sets of
 * paths make this linear in the number of issues.
 */
function merged(found: readonly Issue[], derived: readonly Issue[]): Issue[] {
  const issues = [...found];
  const named = new Set<string>();
  const held = new Set<string>();
  const add = ({ path }: Issue) => {
    named.add(path);
    for (const parent of withParents(path)) held.add(parent);
  };
  found.forEach(add);
  for (const issue of derived) {
    if (held.has(issue.path) || withParents(issue.path).some((path) => named.has(path))) continue;
    issues.push(issue);
    add(issue);
  }
  return issues;
}

/** zod runs without its JIT: the measurement is in zod.ts. */
const parseOptions = { error: fieldErrorMap };

/**
 * Parses the observed XR and the step Input into the model every builder reads. Each part
 * is parsed on its own and the cross-field rules run on what is valid, so one message names
 * every offending field. Nothing is cached: every call parses afresh, in time linear in the
 * size of the request.
 */
export function parseDittoServer(xr: unknown, rawInput: unknown): ParseResult {
  const fail = (issues: Issue[]): ParseResult => ({
    ok: false,
    message: issuesText(issues, 'invalid DittoServer: '),
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
  const validMetadata = metadata.success
    ? metadata.data
    : validPart(metadataSchema, xr.metadata, metadata.error);
  const validSpec = spec.success ? spec.data : validPart(dittoServerSpec, xr.spec, spec.error);
  const validInput = input.success
    ? input.data
    : validPart(functionInput, rawInput ?? {}, input.error);
  const namespace = validMetadata && namespaceOf(validMetadata);
  const context = { name: validMetadata?.name, namespace };
  const rules = validSpec && validInput ? resolve(validSpec, validInput, context) : undefined;
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
      composite: {
        apiVersion: typeof xr.apiVersion === 'string' ? xr.apiVersion : XR_API_VERSION,
        kind: typeof xr.kind === 'string' ? xr.kind : XR_KIND,
        clusterScoped: !metadata.data.namespace,
      },
      namespace,
      spec: spec.data,
      input: input.data,
      names: names(metadata.data.name),
      percona: spec.data.percona.enabled ? resolved.perconaSettings : undefined,
      notices,
    },
  };
}
