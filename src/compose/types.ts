/** The shapes the builders return: plain Kubernetes objects, ready for a protobuf Struct. */

export type ObjectMeta = {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
};

/**
 * A composed object. Builders return object literals with no `undefined` or `null`
 * values (the Struct encoder drops or rejects them) and a fixed key order, so the same
 * input always serializes to the same bytes.
 */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
};
