/**
 * The data-safety invariant every reconcile must keep, whatever the spec says now: an
 * object that holds data and is observed stays composed, never smaller, never moved to
 * another class or database, and the backup Secret stays while the cluster reads it. A
 * restore or an upgrade that runs stays composed as it is, the server stays at 0 replicas
 * meanwhile, and PostgreSQL's version is raised only by an upgrade that succeeded.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { quantityValue } from '../../../src/api/quantity.js';
import { at, integer, list, text, type Fields } from '../../../src/observe/fields.js';
import { restoreRunning, upgradeState } from '../../../src/observe/lifecycle.js';
import { isRestoreKey, type ResourceKey } from '../../../src/resources.js';
import { composed, type Observed } from './checks.js';

const HOLDS_DATA: readonly ResourceKey[] = [
  'pvc-controlplane',
  'pvc-metadata',
  'pvc-content',
  'postgres',
  'jwt-secret',
  'admin-secret',
];

const size = (value: unknown) => quantityValue(typeof value === 'string' ? value : '') ?? 0;

/** Every way `rsp` would lose what `observed` holds; empty when it keeps it all. */
export function dataLost(observed: Observed, rsp: RunFunctionResponse): string[] {
  const desired = composed(rsp);
  const lost = HOLDS_DATA.filter((key) => observed[key] && !desired[key]).map(
    (key) => `${key} dropped`,
  );
  for (const key of ['pvc-controlplane', 'pvc-metadata', 'pvc-content'] as const) {
    const [before, after] = [observed[key], desired[key]];
    if (!before || !after) continue;
    const storage = (object: unknown) => at(object, 'spec', 'resources', 'requests', 'storage');
    if (size(storage(after)) < size(storage(before))) lost.push(`${key} shrunk`);
    const classOf = (object: unknown) => text(object, 'spec', 'storageClassName');
    if (classOf(after) !== undefined && classOf(after) !== classOf(before))
      lost.push(`${key} moved to another storage class`);
  }
  const [cluster, kept] = [observed.postgres, desired.postgres];
  if (cluster && kept) {
    const volume = (object: unknown) =>
      at(list(object, 'spec', 'instances')[0], 'dataVolumeClaimSpec');
    const database = (object: unknown) =>
      text(list(list(object, 'spec', 'users')[0], 'databases')[0]);
    const version = (object: unknown) => integer(object, 'spec', 'postgresVersion') ?? 0;
    if (version(kept) < version(cluster)) lost.push('postgres downgraded');
    if (database(kept) !== database(cluster)) lost.push('postgres database renamed');
    const storage = (object: unknown) => at(volume(object), 'resources', 'requests', 'storage');
    if (size(storage(kept)) < size(storage(cluster))) lost.push('postgres volumes shrunk');
    const classOf = (object: unknown) => text(volume(object), 'storageClassName');
    if (classOf(kept) !== undefined && classOf(kept) !== classOf(cluster))
      lost.push('postgres volumes moved to another storage class');
  }
  lost.push(...operationsLost(observed, desired));
  const secret = observed['backup-secret'];
  const readBy = list(cluster, 'spec', 'backups', 'pgbackrest', 'configuration').map((item) =>
    text(item, 'secret', 'name'),
  );
  if (secret && readBy.includes(text(secret, 'metadata', 'name')) && !desired['backup-secret'])
    lost.push('backup-secret dropped while the cluster reads it');
  return lost;
}

const isKind = (object: unknown, kind: string) =>
  text(object, 'apiVersion') === 'pgv2.percona.com/v2' && text(object, 'kind') === kind;

/** Running restores and upgrades dropped or changed, the server up meanwhile, a version raised in place. */
function operationsLost(observed: Observed, desired: Observed): string[] {
  const lost: string[] = [];
  const same = (a: unknown, b: unknown) =>
    isDeepStrictEqual(at(a, 'spec'), at(b, 'spec')) &&
    text(a, 'metadata', 'name') === text(b, 'metadata', 'name');
  const entries = Object.entries(observed) as [string, Fields][];
  const restores = entries.filter(
    ([key, object]) =>
      isRestoreKey(key) &&
      isKind(object, 'PerconaPGRestore') &&
      restoreRunning(text(object, 'status', 'state') ?? ''),
  );
  for (const [key, object] of restores) {
    if (!same(object, (desired as Record<string, unknown>)[key]))
      lost.push(`${key} dropped or changed while it runs`);
  }
  const upgrade = observed.upgrade;
  const upgradeIs =
    upgrade && isKind(upgrade, 'PerconaPGUpgrade') ? upgradeState(upgrade).state : undefined;
  if (upgradeIs === 'running' && !same(upgrade, desired.upgrade))
    lost.push('upgrade dropped or changed while it runs');
  const replicas = integer(desired.deployment, 'spec', 'replicas') ?? 0;
  if ((restores.length > 0 || upgradeIs === 'running') && replicas > 0)
    lost.push('server running during a restore or an upgrade');
  const version = (object: unknown) => integer(object, 'spec', 'postgresVersion') ?? 0;
  const [cluster, kept] = [observed.postgres, desired.postgres];
  const upgradedTo =
    upgradeIs === 'succeeded' ? integer(upgrade, 'spec', 'toPostgresVersion') : undefined;
  if (cluster && kept && version(kept) > version(cluster) && version(kept) !== upgradedTo)
    lost.push('postgres version raised without an upgrade');
  return lost;
}
