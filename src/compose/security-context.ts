/**
 * Hardened security contexts, with the user's spec.securityContext / podSecurityContext
 * merged over them field by field (the user wins).
 */
import type { ContainerSecurityContext, PodSecurityContext } from '../api/kube.js';

/** The uid and gid the DittoFS image runs as. */
export const IMAGE_USER = 65532;

/** Drops the keys whose value is undefined, so the result holds only set fields. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * Container defaults: non-root as the image user, no privilege escalation, no capabilities,
 * RuntimeDefault seccomp. `readOnlyRootFilesystem` is deliberately left unset: the server
 * writes to os.TempDir() (/tmp), as the DittoFS operator notes; a user may still set it.
 * A fresh object per call, so no two manifests share an array.
 */
export const hardenedContainer = () => ({
  allowPrivilegeEscalation: false,
  privileged: false,
  runAsNonRoot: true,
  runAsUser: IMAGE_USER,
  runAsGroup: IMAGE_USER,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
});

/**
 * Pod defaults: volumes group-owned by the image group (changed only when the volume root
 * does not already match, so large volumes mount fast), non-root, RuntimeDefault seccomp.
 */
const hardenedPod = () => ({
  fsGroup: IMAGE_USER,
  fsGroupChangePolicy: 'OnRootMismatch',
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
});

/**
 * The container security context: the user's fields win, but `capabilities.drop` stays
 * [ALL] unless the user sets `drop` themselves (adding a capability keeps drop ALL).
 */
export function containerSecurityContext(
  user: ContainerSecurityContext = {},
): Record<string, unknown> {
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
export function podSecurityContext(user: PodSecurityContext = {}): Record<string, unknown> {
  return { ...hardenedPod(), ...defined(user) };
}
