/**
 * The data-safety invariant every reconcile must keep, whatever the spec says now: an
 * object that holds data and is observed stays composed, never smaller, never moved to
 * another class or database, and the backup Secret stays while the cluster reads it.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { quantityValue } from '../../../src/api/quantity.js';
import { at, integer, list, text } from '../../../src/observe/fields.js';
import type { ResourceKey } from '../../../src/resources.js';
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
  const secret = observed['backup-secret'];
  const readBy = list(cluster, 'spec', 'backups', 'pgbackrest', 'configuration').map((item) =>
    text(item, 'secret', 'name'),
  );
  if (secret && readBy.includes(text(secret, 'metadata', 'name')) && !desired['backup-secret'])
    lost.push('backup-secret dropped while the cluster reads it');
  return lost;
}
