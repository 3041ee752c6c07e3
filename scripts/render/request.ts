/**
 * The pieces of a RunFunctionRequest, built as crossplane render (v2.2 render.go) builds
 * them: observed state, step input and credentials, and required resources picked from
 * the -e/--extra-resources files by a FilteringFetcher.
 */
import {
  Capability,
  Ready,
  type Credentials,
  type Resources,
  type ResourceSelector,
  type State,
} from '@crossplane-org/function-sdk-typescript';
import { compareGoStrings } from './compare.js';
import { isObject, metaMap, metaString, str, type Credential, type KubeObject } from './load.js';

export const COMPOSITION_RESOURCE_NAME = 'crossplane.io/composition-resource-name';

/** xfn.SupportedCapabilities at v2.2: render advertises what Crossplane does. */
export const CAPABILITIES = [
  Capability.CAPABILITY_CAPABILITIES,
  Capability.CAPABILITY_REQUIRED_RESOURCES,
  Capability.CAPABILITY_CREDENTIALS,
  Capability.CAPABILITY_CONDITIONS,
  Capability.CAPABILITY_REQUIRED_SCHEMAS,
];

const resource = (obj: KubeObject) => ({
  resource: obj,
  connectionDetails: {},
  ready: Ready.READY_UNSPECIFIED,
});

/**
 * composite.AsState: the XR exactly as written (status included) and each observed
 * resource keyed by its composition-resource-name annotation; no connection details.
 */
export function observedState(xr: KubeObject, observed: readonly KubeObject[]): State {
  const resources: State['resources'] = {};
  for (const obj of observed)
    resources[metaMap(obj, 'annotations')[COMPOSITION_RESOURCE_NAME] ?? ''] = resource(obj);
  return { composite: resource(xr), resources };
}

/** The observed resources by composition-resource-name, for the output metadata. */
export function observedByName(observed: readonly KubeObject[]): Map<string, KubeObject> {
  return new Map(
    observed.map((obj) => [metaMap(obj, 'annotations')[COMPOSITION_RESOURCE_NAME] ?? '', obj]),
  );
}

export class RequestError extends Error {}

/** Credentials of a step, from the --function-credentials Secrets (source Secret only). */
export function stepCredentials(
  step: KubeObject,
  secrets: readonly Credential[],
): Record<string, Credentials> {
  const out: Record<string, Credentials> = {};
  const entries = Array.isArray(step.credentials) ? step.credentials : [];
  for (const entry of entries) {
    if (!isObject(entry) || entry.source !== 'Secret' || !isObject(entry.secretRef)) continue;
    const { name, namespace } = entry.secretRef;
    const secret = secrets.find((s) => s.name === name && s.namespace === namespace);
    if (!secret)
      throw new RequestError(
        `cannot get credentials from secret "${str(name)}": secret "${str(name)}" not found`,
      );
    out[str(entry.name)] = { credentialData: { data: secret.data } };
  }
  return out;
}

const matchesLabels = (labels: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([key, value]) => labels[key] === value);

/**
 * render.FilteringFetcher.Fetch: matches apiVersion, kind and then the name or the labels.
 * Like crossplane render it ignores the selector's namespace. Go returns nil when no file
 * was given; on the wire that is an empty Resources, which is what this returns.
 */
export function fetchResources(pool: readonly KubeObject[], selector: ResourceSelector): Resources {
  const sorted = [...pool].sort((a, b) =>
    compareGoStrings(metaString(a, 'name'), metaString(b, 'name')),
  );
  const items: Resources['items'] = [];
  for (const obj of sorted) {
    if (obj.apiVersion !== selector.apiVersion || obj.kind !== selector.kind) continue;
    if ((selector.matchName ?? '') === metaString(obj, 'name')) return { items: [resource(obj)] };
    if (selector.matchLabels && matchesLabels(metaMap(obj, 'labels'), selector.matchLabels.labels))
      items.push(resource(obj));
  }
  return { items };
}

/** A Composition step's requirements.requiredResources, fetched before the first call. */
export function bootstrapResources(
  step: KubeObject,
  pool: readonly KubeObject[],
): Record<string, Resources> | undefined {
  if (!isObject(step.requirements)) return undefined;
  const wanted = step.requirements.requiredResources;
  const out: Record<string, Resources> = {};
  for (const entry of Array.isArray(wanted) ? wanted : []) {
    if (!isObject(entry)) continue;
    const labels = isObject(entry.matchLabels) ? entry.matchLabels : undefined;
    out[str(entry.requirementName)] = fetchResources(pool, {
      apiVersion: str(entry.apiVersion),
      kind: str(entry.kind),
      ...(typeof entry.name === 'string' ? { matchName: entry.name } : {}),
      ...(labels ? { matchLabels: { labels: labels as Record<string, string> } } : {}),
    });
  }
  return out;
}
