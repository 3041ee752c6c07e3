/**
 * Health probes of the dittofs container, on the named `api` port. `/health` answers 200
 * while the HTTP server is up; `/health/ready` once the runtime is initialised. Timings
 * are the DittoFS operator's.
 */

import type { IContainer } from 'kubernetes-models/v1/Container';

const httpGet = (path: string) => ({ httpGet: { path, port: 'api' } });

export function serverProbes(): Pick<
  IContainer,
  'livenessProbe' | 'readinessProbe' | 'startupProbe'
> {
  return {
    livenessProbe: {
      ...httpGet('/health'),
      initialDelaySeconds: 15,
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    },
    readinessProbe: {
      ...httpGet('/health/ready'),
      initialDelaySeconds: 10,
      periodSeconds: 5,
      timeoutSeconds: 5,
      failureThreshold: 3,
    },
    // Up to 30 x 5 s = 150 s to start (database migrations) before liveness takes over.
    startupProbe: {
      ...httpGet('/health'),
      periodSeconds: 5,
      timeoutSeconds: 5,
      failureThreshold: 30,
    },
  };
}
