/**
 * What the decoder skips unread inside the Kubernetes objects it decodes, per object: the
 * rule is stated in decode-request.ts, and test/wire/unread.test.ts checks that no step of
 * the pipeline reads any of it.
 */
import type { Unread } from './struct-stack.js';

const SKIP = true;

/**
 * Metadata no step of the function reads on a composed or required object: who wrote each
 * field (`managedFields`, often the largest part of an object) and annotations. Labels are
 * decoded (a configure pod's `job-name` and a kept Job's labels are read), and owner
 * references too: small, and cheaper to decode than to prove unread on every path.
 */
const UNREAD_METADATA: Unread = new Map([
  ['managedFields', SKIP],
  ['annotations', SKIP],
]);

/** An observed composed resource or a required resource (a Secret fetched by name). */
export const UNREAD_IN_OBJECT: Unread = new Map([['metadata', UNREAD_METADATA]]);

/** The Deployment: its replicas, generation and status are read, not its pod template. */
const UNREAD_IN_DEPLOYMENT: Unread = new Map<string, Unread | true>([
  ['metadata', UNREAD_METADATA],
  ['spec', new Map([['template', SKIP]])],
]);

/**
 * The observed XR: its apiVersion, kind, metadata name, namespace and labels (the claim's
 * namespace), its spec and its status (the restore it recorded, src/observe/lifecycle.ts)
 * are read; not `spec.crossplane` (composition and resource references).
 */
export const UNREAD_IN_COMPOSITE: Unread = new Map<string, Unread | true>([
  [
    'metadata',
    new Map([
      ['managedFields', SKIP],
      ['annotations', SKIP],
    ]),
  ],
  ['spec', new Map([['crossplane', SKIP]])],
]);

/** The composition-resource key of the function's Deployment (src/resources.ts). */
const DEPLOYMENT_KEY = 'deployment';

export function unreadInComposed(key: string): Unread {
  return key === DEPLOYMENT_KEY ? UNREAD_IN_DEPLOYMENT : UNREAD_IN_OBJECT;
}
