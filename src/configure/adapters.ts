/**
 * The NFS and SMB adapters: DittoFS creates both at every boot (SMB on 1445, whatever the
 * spec says), so they are only ever updated, or created when missing; never deleted.
 */
import type { DesiredAdapter } from './desired.js';
import type { AdapterDto } from './dto.js';

export const ADAPTER_TYPES = ['nfs', 'smb'] as const;
export type AdapterType = (typeof ADAPTER_TYPES)[number];

/** What DittoFS listens on when an adapter's stored port is 0 (`models/adapter.go`). */
export const ADAPTER_DEFAULT_PORT: Readonly<Record<AdapterType, number>> = {
  nfs: 12049,
  smb: 12445,
};

export type AdapterChange = { readonly enabled?: boolean; readonly port?: number };

export type AdapterComparison =
  | { readonly result: 'equal' }
  | { readonly result: 'update'; readonly change: AdapterChange; readonly what: string };

export function compareAdapter(
  type: AdapterType,
  wanted: DesiredAdapter,
  observed: AdapterDto,
): AdapterComparison {
  const port = observed.port === 0 ? ADAPTER_DEFAULT_PORT[type] : observed.port;
  const change: { enabled?: boolean; port?: number } = {};
  const what: string[] = [];
  if (observed.enabled !== wanted.enabled) {
    change.enabled = wanted.enabled;
    what.push(`enabled ${observed.enabled} -> ${wanted.enabled}`);
  }
  if (port !== wanted.port) {
    change.port = wanted.port;
    what.push(`port ${port} -> ${wanted.port}`);
  }
  return what.length === 0
    ? { result: 'equal' }
    : { result: 'update', change, what: what.join(', ') };
}
