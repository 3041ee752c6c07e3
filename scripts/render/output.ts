/**
 * What crossplane render prints (v2.2 render.go and cmd.go): the desired XR with its Ready
 * condition and the function's conditions, the composed resources with the metadata
 * Crossplane adds, sorted by composition-resource name, then the results.
 */
import { Ready, type State } from '@crossplane-org/function-sdk-typescript';
import { compareGoStrings } from './compare.js';
import { isObject, metaMap, metaString, str, type Json, type KubeObject } from './load.js';
import type { StepCondition, StepResult } from './pipeline.js';
import { COMPOSITION_RESOURCE_NAME } from './request.js';

/** render's conditionTime(): a fixed time, because the field is required. */
export const CONDITION_TIME = '2024-01-01T00:00:00Z';

const SYSTEM_CONDITIONS = new Set(['Ready', 'Synced', 'Healthy']);

export class OutputError extends Error {}

/** resource.StableNAndSomeMore(3, names): sorted, the first three, then a count. */
export function stableNAndSomeMore(names: readonly string[], n = 3): string {
  const sorted = [...names].sort(compareGoStrings);
  if (sorted.length > n) return `${sorted.slice(0, n).join(', ')}, and ${sorted.length - n} more`;
  if (sorted.length === n)
    return `${sorted.slice(0, n - 1).join(', ')}, and ${sorted[n - 1] ?? ''}`;
  return sorted.join(', ');
}

type Condition = Record<string, Json>;

/** ConditionedStatus.SetConditions: replace the same type unless equal, else append. */
function setCondition(conditions: Condition[], next: Condition): void {
  const same = (a: Condition, f: string) => (a[f] ?? '') === (next[f] ?? '');
  let exists = false;
  for (const [i, existing] of conditions.entries()) {
    if (existing.type !== next.type) continue;
    exists = true;
    if (!['status', 'reason', 'message'].every((f) => same(existing, f))) conditions[i] = next;
  }
  if (!exists) conditions.push(next);
}

function condition(type: string, status: string, reason: string, message: string): Condition {
  return {
    type,
    status,
    lastTransitionTime: CONDITION_TIME,
    reason,
    ...(message ? { message } : {}),
  };
}

function setMeta(obj: KubeObject, field: string, value: string): void {
  const metadata = isObject(obj.metadata) ? obj.metadata : {};
  // unstructured setters remove the field when given ''.
  obj.metadata = Object.fromEntries([
    ...Object.entries(metadata).filter(([key]) => key !== field),
    ...(value ? [[field, value] as const] : []),
  ]);
}

/** The XR as render prints it; `full` is -x. */
export function renderedXr(
  desired: State,
  input: KubeObject,
  conditions: readonly StepCondition[],
  full: boolean,
): KubeObject {
  const source: KubeObject = desired.composite?.resource ?? {};
  const xr = structuredClone(source);
  xr.apiVersion = input.apiVersion ?? null;
  xr.kind = input.kind ?? null;
  setMeta(xr, 'name', metaString(input, 'name'));
  setMeta(xr, 'namespace', metaString(input, 'namespace'));

  const unready = Object.entries(desired.resources)
    .filter(([, r]) => r.ready !== Ready.READY_TRUE)
    .map(([name]) => name);
  const ready = desired.composite?.ready ?? Ready.READY_UNSPECIFIED;
  const readyCondition =
    ready === Ready.READY_FALSE
      ? condition('Ready', 'False', 'Creating', '')
      : ready === Ready.READY_UNSPECIFIED && unready.length
        ? condition(
            'Ready',
            'False',
            'Creating',
            `Unready resources: ${stableNAndSomeMore(unready)}`,
          )
        : condition('Ready', 'True', 'Available', '');

  const status = isObject(xr.status) ? xr.status : {};
  const list = (Array.isArray(status.conditions) ? status.conditions : []).filter(isObject);
  setCondition(list, readyCondition);
  for (const c of conditions)
    if (!SYSTEM_CONDITIONS.has(c.type))
      setCondition(list, condition(c.type, c.status, c.reason, c.message));
  xr.status = { ...status, conditions: list };

  if (full) {
    if (input.spec === undefined) throw new OutputError('cannot get composite resource spec');
    xr.spec = input.spec;
    xr.metadata = input.metadata ?? null;
  }
  return xr;
}

/** render.SetComposedResourceMetadata. */
function setComposedMetadata(cd: KubeObject, xr: KubeObject, name: string): void {
  const xrLabels = metaMap(xr, 'labels');
  // An empty label counts as unset, as in Go.
  const composite = xrLabels['crossplane.io/composite'];
  const prefix = composite !== undefined && composite !== '' ? composite : metaString(xr, 'name');
  if (!metaString(cd, 'name') && !metaString(cd, 'generateName'))
    setMeta(cd, 'generateName', `${prefix}-`);
  const namespace = metaString(xr, 'namespace');
  if (namespace) setMeta(cd, 'namespace', namespace);
  const metadata = cd.metadata as KubeObject;
  metadata.annotations = { ...metaMap(cd, 'annotations'), [COMPOSITION_RESOURCE_NAME]: name };
  const claimName = xrLabels['crossplane.io/claim-name'];
  const claimNamespace = xrLabels['crossplane.io/claim-namespace'];
  metadata.labels = {
    ...metaMap(cd, 'labels'),
    'crossplane.io/composite': prefix,
    ...(claimName && claimNamespace
      ? { 'crossplane.io/claim-name': claimName, 'crossplane.io/claim-namespace': claimNamespace }
      : {}),
  };
  const uid = metaString(xr, 'uid');
  const owner = {
    apiVersion: str(xr.apiVersion),
    kind: str(xr.kind),
    name: metaString(xr, 'name'),
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const refs = (Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : []).filter(
    isObject,
  );
  const controller = refs.find((ref) => ref.controller === true);
  if (controller && controller.uid !== uid)
    throw new OutputError(
      `cannot render composed resource "${name}" metadata: cannot set composite resource "${owner.name}" as controller ref of composed resource: ${metaString(cd, 'name')} is already controlled by ${str(controller.kind)} ${str(controller.name)} (UID ${str(controller.uid)})`,
    );
  const same = refs.findIndex((ref) => ref.uid === uid);
  if (same >= 0) refs[same] = owner;
  else refs.push(owner);
  metadata.ownerReferences = refs;
}

export function renderedComposed(
  desired: State,
  xr: KubeObject,
  observed: ReadonlyMap<string, KubeObject>,
): KubeObject[] {
  const out = Object.entries(desired.resources).map(([name, dr]) => {
    const source: KubeObject = dr.resource ?? {};
    const cd = structuredClone(source);
    const seen = observed.get(name);
    if (seen) {
      for (const field of ['namespace', 'name', 'generateName'])
        setMeta(cd, field, metaString(seen, field));
    }
    setComposedMetadata(cd, xr, name);
    return { name, cd };
  });
  return out.sort((a, b) => compareGoStrings(a.name, b.name)).map(({ cd }) => cd);
}

export function renderedResults(results: readonly StepResult[]): KubeObject[] {
  return results.map((r) => ({
    apiVersion: 'render.crossplane.io/v1beta1',
    kind: 'Result',
    step: r.step,
    severity: r.severity,
    message: r.message,
  }));
}
