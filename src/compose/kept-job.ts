/**
 * A configure Job kept as observed (api.md §7): rebuilt from the observed object, not from
 * today's spec, so applying it changes nothing. A Job's pod template cannot change, and a
 * Job that ran must not run again only because the spec moved on.
 */
import type { DittoServer } from '../api/parse.js';
import { isFields, type Fields } from '../observe/fields.js';
import type { IJobSpec } from 'kubernetes-models/batch/v1/JobSpec';
import type { Job } from './types.js';

/**
 * What the Job controller writes when it creates a Job without a manual selector: the
 * selector on its uid and these pod-template labels. They are left out, so the API server
 * writes them again (a Job re-created under its old selector would be refused).
 */
const GENERATED_POD_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

/** Metadata Crossplane writes itself on every apply. */
const CROSSPLANE_PREFIX = 'crossplane.io/';

/** `value` without nulls at any depth: the API server returns `creationTimestamp: null`. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (!isFields(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

/** The string entries of a label map, minus the keys `drop` says. */
function labelsOf(value: unknown, drop: (key: string) => boolean): Record<string, string> {
  if (!isFields(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && !drop(entry[0]),
    ),
  );
}

/** The observed spec as it was applied: without what the Job controller generated. */
function appliedSpec(spec: Fields): Fields {
  if (spec.manualSelector === true) return spec;
  const { selector: _generated, ...rest } = spec;
  const template = isFields(rest.template) ? rest.template : {};
  const metadata = isFields(template.metadata) ? template.metadata : {};
  return {
    ...rest,
    template: {
      ...template,
      metadata: {
        ...metadata,
        labels: labelsOf(metadata.labels, (key) => GENERATED_POD_LABELS.includes(key)),
      },
    },
  };
}

/** The observed configure Job `observed` (a Job with a name and a pod template). */
export function keptJob(server: DittoServer, observed: Fields): Job {
  const metadata = isFields(observed.metadata) ? observed.metadata : {};
  const spec = isFields(observed.spec) ? observed.spec : {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: typeof metadata.name === 'string' ? metadata.name : '',
      namespace: server.namespace,
      labels: labelsOf(metadata.labels, (key) => key.startsWith(CROSSPLANE_PREFIX)),
    },
    // As the API server returned it: a valid JobSpec (observedJobs checked its shape).
    spec: withoutNulls(appliedSpec(spec)) as IJobSpec,
  };
}
