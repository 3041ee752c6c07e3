/**
 * The observed composed resources this function owns, keyed by composition-resource name.
 * An object under one of our keys whose kind is not the one we compose there is set aside
 * (and reported), so no readiness rule or data-safety rule ever reads the wrong kind.
 */
import {
  CONFIGURE_JOB_KIND,
  isConfigureJobKey,
  isRestoreKey,
  kindsOf,
  PERCONA_RESTORE,
  RESOURCE_KEYS,
  type ComposedKey,
  type ResourceKey,
} from '../resources.js';
import type { JsonObject } from '../wire/types.js';
import { isFields, text, type Fields } from './fields.js';

export type ObservedResources = Partial<Record<ResourceKey, Fields>>;

/** A key holding an object of another kind than the one composed there, with what was found. */
export type UnexpectedKind = { readonly key: ComposedKey; readonly found: string };

/** `v1 ConfigMap`, or what is missing: an object without either reads as such. */
function kindText(body: Fields): string {
  const apiVersion = text(body, 'apiVersion');
  const kind = text(body, 'kind');
  if (apiVersion === undefined && kind === undefined)
    return 'an object without apiVersion and kind';
  return `${apiVersion ?? '(no apiVersion)'} ${kind ?? '(no kind)'}`;
}

const isJobKind = (body: Fields) =>
  text(body, 'apiVersion') === CONFIGURE_JOB_KIND.apiVersion &&
  text(body, 'kind') === CONFIGURE_JOB_KIND.kind;

/**
 * A configure Job the function can keep as observed: a Job, named, with a pod template. The
 * API server returns nothing else under this kind.
 */
export function isConfigureJob(body: Fields): boolean {
  return (
    isJobKind(body) &&
    text(body, 'metadata', 'name') !== undefined &&
    isFields(body.spec) &&
    isFields(body.spec.template)
  );
}

export function expectedKind(key: ComposedKey): string {
  const kinds = isConfigureJobKey(key)
    ? [CONFIGURE_JOB_KIND]
    : isRestoreKey(key)
      ? [PERCONA_RESTORE]
      : kindsOf(key);
  return kinds.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`).join(' or ');
}

export function observedResources(observed: Readonly<Record<string, JsonObject>>): {
  readonly resources: ObservedResources;
  readonly unexpected: readonly UnexpectedKind[];
} {
  const resources: ObservedResources = {};
  const unexpected: UnexpectedKind[] = [];
  for (const key of RESOURCE_KEYS) {
    const body = observed[key];
    if (body === undefined) continue;
    const found = kindsOf(key).some(
      ({ apiVersion, kind }) =>
        text(body, 'apiVersion') === apiVersion && text(body, 'kind') === kind,
    );
    if (found) {
      resources[key] = body;
      continue;
    }
    unexpected.push({ key, found: kindText(body) });
  }
  // The configure Jobs are read by observedJobs; what it cannot keep is reported here.
  for (const key of Object.keys(observed).filter(isConfigureJobKey).sort()) {
    const body = observed[key];
    if (!body || isConfigureJob(body)) continue;
    unexpected.push({
      key,
      found: isJobKind(body) ? 'a batch/v1 Job without a name or a pod template' : kindText(body),
    });
  }
  return { resources, unexpected };
}
