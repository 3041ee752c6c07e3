/**
 * Hardened security contexts, with the user's spec.securityContext / podSecurityContext
 * merged over them field by field (the user wins).
 */
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { ContainerSecurityContext, PodSecurityContext } from '../api/kube.js';

/** The uid and gid the DittoFS image runs as. */
export const IMAGE_USER = 65532;

/** `T` with its undefined values gone, at every depth: what a user's settings contribute. */
type Defined<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;

/**
 * Drops the keys whose value is undefined, in nested objects too, so the result holds only
 * set fields (zod types an absent optional field as possibly undefined).
 */
function defined<T extends object>(fields: T): Defined<T> {
  const entries = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]: [string, unknown]) => [
      key,
      typeof value === 'object' && value !== null && !Array.isArray(value) ? defined(value) : value,
    ]);
  return Object.fromEntries(entries) as Defined<T>;
}

/**
 * Container defaults: non-root as the image user, no privilege escalation, no capabilities,
 * RuntimeDefault seccomp. `readOnlyRootFilesystem` is left unset, as the DittoFS operator
 * does; a user may set it: /tmp, where the server's garbage collector writes, is an emptyDir.
 * A fresh object per call, so no two manifests share an array.
 */
export const hardenedContainer = () => ({
  allowPrivilegeEscalation: false,
  privileged: false,
  runAsNonRoot: true,
  runAsUser: IMAGE_USER,
  runAsGroup: IMAGE_USER,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' as const },
});

/**
 * Pod defaults: volumes group-owned by the image group (changed only when the volume root
 * does not already match, so large volumes mount fast), non-root, RuntimeDefault seccomp.
 */
const hardenedPod = () => ({
  fsGroup: IMAGE_USER,
  fsGroupChangePolicy: 'OnRootMismatch' as const,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' as const },
});

/**
 * The container security context: the user's fields win, but `capabilities.drop` stays
 * [ALL] unless the user sets `drop` themselves (adding a capability keeps drop ALL).
 */
export function containerSecurityContext(user: ContainerSecurityContext = {}): ISecurityContext {
  const { capabilities, ...rest } = user;
  const userCapabilities = defined(capabilities ?? {});
  const defaults = hardenedContainer();
  return {
    ...defaults,
    ...defined(rest),
    capabilities: { ...defaults.capabilities, ...userCapabilities },
  };
}

/** The pod security context: hardened defaults with the user's fields on top. */
export function podSecurityContext(user: PodSecurityContext = {}): IPodSecurityContext {
  return { ...hardenedPod(), ...defined(user) };
}
