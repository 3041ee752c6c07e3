import type { ResourceRequirements } from '../api/kube.js';

type Quantities = Record<string, string>;

/** Integer quantities become strings, the form the API server returns them in. */
function quantities(values: Readonly<Record<string, string | number>>): Quantities {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}

/**
 * A container's `resources` from the spec's: every quantity a string, no empty maps, and
 * nothing at all when neither limits nor requests hold a value.
 */
export function resourceRequirements(
  spec: ResourceRequirements | undefined,
): { resources: { limits?: Quantities; requests?: Quantities } } | Record<string, never> {
  const limits = spec?.limits ?? {};
  const requests = spec?.requests ?? {};
  const hasLimits = Object.keys(limits).length > 0;
  const hasRequests = Object.keys(requests).length > 0;
  if (!hasLimits && !hasRequests) return {};
  return {
    resources: {
      ...(hasLimits && { limits: quantities(limits) }),
      ...(hasRequests && { requests: quantities(requests) }),
    },
  };
}
