/**
 * The boundary between Crossplane's untyped request and the typed model: the observed XR
 * and the step's Input are parsed once, here. Anything wrong comes back as one line that
 * names every offending field, and nothing is composed.
 */
import { z } from 'zod';
import {
  CLAIM_NAMESPACE_LABEL,
  MAX_NAME_LENGTH,
  MAX_NAME_LENGTH_WITH_PERCONA,
  names,
  type Names,
} from '../names.js';
import { functionInput, type FunctionInput } from './input.js';
import { fromZod, issuesText, requiredErrorMap, type Issue } from './issues.js';
import { resolve, type Notice, type Resolved, type ResolvedPercona } from './resolve.js';
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

const envelope = z.object(
  {
    metadata: z.object(
      {
        name: z.string().min(1),
        namespace: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
      },
      { error: 'must be an object' },
    ),
    spec: z.unknown(),
  },
  { error: 'the observed composite resource must be an object' },
);

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

function namespaceOf(metadata: z.output<typeof envelope>['metadata']): string | undefined {
  return metadata.namespace ?? metadata.labels?.[CLAIM_NAMESPACE_LABEL];
}

/** Parses the observed XR and the step Input into the model every builder reads. */
export function parseDittoServer(xr: unknown, rawInput: unknown): ParseResult {
  const fail = (issues: Issue[]): ParseResult => ({
    ok: false,
    message: `invalid DittoServer: ${issuesText(issues)}`,
  });
  const input = functionInput.safeParse(rawInput ?? {}, { error: requiredErrorMap });
  const inputIssues = input.success ? [] : fromZod('input', input.error);
  const outer = envelope.safeParse(xr, { error: requiredErrorMap });
  const metadata = outer.success ? outer.data.metadata : undefined;
  const spec = dittoServerSpec.safeParse(outer.success ? outer.data.spec : undefined, {
    error: requiredErrorMap,
  });
  const namespace = metadata && namespaceOf(metadata);
  const issues = [
    ...(outer.success ? [] : fromZod('', outer.error)),
    ...(metadata ? nameIssues(metadata.name, spec.success && spec.data.percona.enabled) : []),
    ...(metadata && namespace === undefined
      ? [
          {
            path: 'metadata.namespace',
            message: `a cluster-scoped XR needs the ${CLAIM_NAMESPACE_LABEL} label (create it through a claim)`,
          },
        ]
      : []),
    ...(spec.success ? [] : fromZod('spec', spec.error)),
    ...inputIssues,
  ];
  if (!spec.success || !input.success || !metadata || namespace === undefined) return fail(issues);

  const { resolved, issues: ruleIssues, notices } = resolve(spec.data, input.data);
  issues.push(...ruleIssues);
  if (issues.length > 0) return fail(issues);
  return {
    ok: true,
    server: {
      ...resolved,
      name: metadata.name,
      namespace,
      spec: spec.data,
      input: input.data,
      names: names(metadata.name),
      percona: spec.data.percona.enabled ? resolved.perconaSettings : undefined,
      notices,
    },
  };
}
