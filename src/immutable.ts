/**
 * Values shared between calls. Crossplane sends the same XR on every reconcile, so parse
 * results and the objects built from them are reused; sharing is only safe for values
 * nobody can change, so they are deep-frozen first. Objects marked reusable may also have
 * their encoded bytes reused by the response encoder.
 */

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

const reusable = new WeakSet<object>();

/** Deep-freezes `value` and marks it reusable: the same object may appear in many responses. */
export function freezeForReuse<T extends object>(value: T): T {
  reusable.add(deepFreeze(value));
  return value;
}

/** Whether `value` was marked by freezeForReuse, so its encoding can never change. */
export function isReusable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && reusable.has(value);
}
