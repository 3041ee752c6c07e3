/** Container env vars, the subset of the Kubernetes EnvVar shape the builders write. */

export type SecretKeyRef = { name: string; key: string; optional?: boolean };

export type EnvVar =
  { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: SecretKeyRef } };

/** An env var read from a Secret key; `optional` lets the pod start without that key. */
export function fromSecret(
  name: string,
  secret: string,
  key: string,
  options: { optional?: true } = {},
): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key, ...options } } };
}
