/**
 * Values shared between calls. Crossplane sends the same XR on every reconcile, so parse
 * results and the objects built from them are reused; sharing is only safe for values
 * nobody can change, so they are deep-frozen first.
 */

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/** Deep-freezes `value`, which may then appear in many responses. */
export function freezeForReuse<T extends object>(value: T): T {
  return deepFreeze(value);
}
