/**
 * Where clients reach the server (api.md §4): each Service's load balancer address once it
 * has one, else its cluster DNS name, with the port of the spec. The status, the shares and
 * the connection Secret all read these, so they always agree.
 */
import type { DittoServer } from '../api/parse.js';
import { text, type Fields } from './fields.js';
import type { ObservedResources } from './observed.js';
import { loadBalancerAddress } from './readiness.js';

export type Endpoint = { readonly host: string; readonly port: number };

export type Endpoints = {
  readonly api: Endpoint;
  /** Undefined when the adapter is disabled. */
  readonly nfs: Endpoint | undefined;
  readonly smb: Endpoint | undefined;
};

/** `<service>.<namespace>.svc`, or the load balancer's address once it has one. */
function endpoint(server: DittoServer, service: Fields | undefined, name: string, port: number) {
  const address =
    service && text(service, 'spec', 'type') === 'LoadBalancer'
      ? loadBalancerAddress(service)
      : undefined;
  return { host: address ?? `${name}.${server.namespace}.svc`, port };
}

export function serverEndpoints(server: DittoServer, observed: ObservedResources): Endpoints {
  const { spec, names } = server;
  const { nfs, smb } = spec.adapters;
  return {
    api: endpoint(server, observed['api-service'], names.apiService, spec.controlPlane.port),
    nfs: nfs.enabled
      ? endpoint(server, observed['nfs-service'], names.nfsService, nfs.port)
      : undefined,
    smb: smb.enabled
      ? endpoint(server, observed['smb-service'], names.smbService, smb.port)
      : undefined,
  };
}

/** `host:port`; empty for a disabled adapter. */
export function hostPort(endpoint: Endpoint | undefined): string {
  return endpoint ? `${endpoint.host}:${endpoint.port}` : '';
}
