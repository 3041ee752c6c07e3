/**
 * What the fake DittoFS holds, and how DittoFS v0.29.0 renders it: stores keep `config` as
 * the JSON string they were given and answer with an object, secrets redacted; shares keep
 * byte counts and UUIDs. Ids and times are deterministic so tests compare whole states.
 */
import { formatByteSize } from '../../src/configure/bytesize.js';

export type FakeAdapter = {
  id: string;
  type: string;
  enabled: boolean;
  /** 0 means the type's default port. */
  port: number;
  config: Record<string, unknown>;
  /** Not in the API: whether the listener runs (POST starts it even when disabled). */
  listening: boolean;
  /** Not in the API: how often the listener started (each start drops that protocol's clients). */
  starts: number;
};

export type FakeMetadataStore = { id: string; name: string; type: string; config: string };

export type FakeBlockStore = {
  id: string;
  name: string;
  kind: 'local' | 'remote';
  type: string;
  config: string;
};

export type FakeShare = {
  id: string;
  /** With one leading slash. */
  name: string;
  metadata_store_id: string;
  local_block_store_id: string;
  remote_block_store_id: string | null;
  read_only: boolean;
  enabled: boolean;
  default_permission: string;
  quota_bytes: number;
};

export type FakeUser = {
  username: string;
  password: string;
  role: string;
  enabled: boolean;
  must_change_password: boolean;
};

/** Everything the fake server holds, with its id counter. */
export class FakeData {
  readonly adapters: FakeAdapter[] = [];
  readonly metadataStores: FakeMetadataStore[] = [];
  readonly blockStores: FakeBlockStore[] = [];
  readonly shares: FakeShare[] = [];
  private ids = 0;

  nextId(): string {
    this.ids += 1;
    return fakeId(this.ids);
  }
}

/** Every response time: the fake has no clock of its own. */
export const FAKE_TIME = '2026-01-01T00:00:00Z';

/** `00000000-0000-4000-8000-000000000001`, `...002`, ...: valid v4-shaped UUIDs, in order. */
export function fakeId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

export const healthy = { status: 'healthy', checked_at: FAKE_TIME };

/** `helpers.go` isSecretKey: contains secret or password, or ends in `_key`. */
function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.includes('secret') || lower.includes('password') || lower.endsWith('_key');
}

export const REDACTED = '********';

export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      isSecretKey(key) ? REDACTED : redactValue(child),
    ]),
  );
}

/** `helpers.go` redactedConfigRaw: the stored string as an object, redacted; absent if empty. */
export function configView(config: string): { config?: unknown } {
  if (config.trim() === '') return {};
  try {
    return { config: redactValue(JSON.parse(config)) };
  } catch {
    return {};
  }
}

/** `helpers.go` mergeRedactedSecrets: a `"********"` sent back keeps the stored value. */
export function mergeRedacted(stored: unknown, sent: unknown): unknown {
  if (sent === REDACTED) return stored;
  if (Array.isArray(sent)) {
    const old: unknown[] = Array.isArray(stored) ? stored : [];
    return sent.map((item: unknown, i) => (i < old.length ? mergeRedacted(old[i], item) : item));
  }
  if (typeof sent !== 'object' || sent === null) return sent;
  const old =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(sent).map(([key, child]) =>
      child === REDACTED && !(key in old) ? [key, child] : [key, mergeRedacted(old[key], child)],
    ),
  );
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

/** `internal/bytesize` ParseByteSize: `<number>[unit]`, case-insensitive; undefined if bad. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) return undefined;
  const [, amount = '', unit = ''] = match;
  const multiplier = BYTE_UNITS[unit.toLowerCase()];
  if (multiplier === undefined) return undefined;
  return Math.trunc(Number(amount) * multiplier);
}

export function metadataStoreView(store: FakeMetadataStore): Record<string, unknown> {
  const { id, name, type, config } = store;
  return { id, name, type, ...configView(config), created_at: FAKE_TIME, status: healthy };
}

export function blockStoreView(store: FakeBlockStore): Record<string, unknown> {
  const { id, name, kind, type, config } = store;
  return { id, name, kind, type, ...configView(config), created_at: FAKE_TIME, status: healthy };
}

/** `shares.go` shareToResponse, with the fields the fake does not model at their defaults. */
export function shareView(share: FakeShare): Record<string, unknown> {
  return {
    ...share,
    encrypt_data: false,
    retention_policy: 'lru',
    ...(share.quota_bytes > 0
      ? { quota_bytes: formatByteSize(share.quota_bytes) }
      : { quota_bytes: undefined }),
    used_bytes: 0,
    physical_bytes: 0,
    usage_percent: 0,
    acl_flag_inherited_canonicalization: true,
    access_based_enumeration: false,
    change_notify_disabled: false,
    streams_disabled: false,
    continuous_availability: false,
    allow_mfsymlink: false,
    trash_enabled: false,
    trash_retention_days: 0,
    trash_restrict_to_admin: false,
    trash_max_bytes: 0,
    created_at: FAKE_TIME,
    updated_at: FAKE_TIME,
    status: healthy,
  };
}

export function adapterView(adapter: FakeAdapter, running: boolean): Record<string, unknown> {
  const { id, type, enabled, port, config } = adapter;
  return {
    id,
    type,
    enabled,
    running,
    port,
    ...(Object.keys(config).length > 0 ? { config } : {}),
    created_at: FAKE_TIME,
    updated_at: FAKE_TIME,
    status: enabled ? healthy : { status: 'disabled', checked_at: FAKE_TIME },
  };
}

export type FakeStoreState = { id: string; name: string; type: string; config: unknown };

/** What a test compares: the whole server, configs parsed (secrets included: it is a fake). */
export type FakeState = {
  adapters: { type: string; enabled: boolean; port: number; listening: boolean; starts: number }[];
  metadataStores: FakeStoreState[];
  localStores: FakeStoreState[];
  remoteStores: FakeStoreState[];
  shares: FakeShare[];
  admin: { password: string; mustChangePassword: boolean };
};

export function snapshot(data: FakeData, admin: FakeUser): FakeState {
  const store = ({ id, name, type, config }: FakeMetadataStore | FakeBlockStore) => ({
    id,
    name,
    type,
    config: config === '' ? {} : (JSON.parse(config) as unknown),
  });
  return structuredClone({
    adapters: data.adapters.map(({ type, enabled, port, listening, starts }) => ({
      type,
      enabled,
      port,
      listening,
      starts,
    })),
    metadataStores: data.metadataStores.map(store),
    localStores: data.blockStores.filter((s) => s.kind === 'local').map(store),
    remoteStores: data.blockStores.filter((s) => s.kind === 'remote').map(store),
    shares: data.shares,
    admin: { password: admin.password, mustChangePassword: admin.must_change_password },
  });
}
