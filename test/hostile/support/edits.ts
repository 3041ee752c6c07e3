/**
 * What a team changes between two reconciles of a running server: stop or start it,
 * resize or re-class its volumes, turn Percona off, raise or lower PostgreSQL, ask for a
 * restore or take it back. Each edit keeps the spec valid; the data-safety rules decide
 * what is actually carried out.
 */
import fc from 'fast-check';
import type { JsonObject } from '../../fixtures/xr.js';
import { text } from '../../../src/observe/fields.js';
import { storage } from './spec-arbitraries.js';

export type Edit = {
  readonly replicas: number | undefined;
  readonly storage: JsonObject | undefined;
  readonly perconaOff: boolean | undefined;
  /** Percona settings a team might change on a running cluster, valid each on its own. */
  readonly percona: JsonObject | undefined;
  readonly backupsOff: boolean | undefined;
  /** A restore asked for (two names, so a sequence comes back to one), or null: none. */
  readonly restore: JsonObject | null | undefined;
};

/** Mostly no change: a reconcile usually sees the spec it saw last time. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, arbitrary);

const perconaChange = fc.record(
  {
    postgresVersion: fc.integer({ min: 13, max: 18 }),
    databaseName: fc.constantFrom('dittofs', 'files', 'control_plane'),
    storageSize: fc.constantFrom('1Gi', '10Gi', '50Gi', '200Gi'),
    storageClassName: fc.constantFrom('standard', 'fast', 'slow'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<JsonObject>;

const restore = fc.oneof(
  fc.constant(null),
  fc.constantFrom('first', 'second').map((name) => ({ name })),
  fc.constantFrom('first', 'second').map((name) => ({
    name,
    type: 'time',
    target: '2026-11-20T01:30:00Z',
  })),
);

export const edit: fc.Arbitrary<Edit> = fc.record({
  replicas: sometimes(fc.constantFrom(0, 1), 3),
  storage: sometimes(storage as fc.Arbitrary<JsonObject>, 3),
  perconaOff: sometimes(fc.constant(true), 8),
  percona: sometimes(perconaChange, 3),
  backupsOff: sometimes(fc.constant(true), 6),
  restore: sometimes(restore, 3),
});

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The XR with `change` applied to its spec. */
export function edited(xr: JsonObject, change: Edit): JsonObject {
  if (!isObject(xr.spec)) return xr;
  const { database, percona, stores, ...rest } = xr.spec;
  // Without Percona, the database falls back to SQLite: drop what pointed at PostgreSQL,
  // and keep metadata stores that used it on badger.
  const off = change.perconaOff === true && isObject(percona);
  const metadata = isObject(stores) && Array.isArray(stores.metadata) ? stores.metadata : undefined;
  const backupsOff = change.backupsOff === true && isObject(percona) && isObject(percona.backup);
  const changed: JsonObject | undefined = isObject(percona)
    ? {
        ...percona,
        ...change.percona,
        ...(off && { enabled: false }),
        ...(backupsOff && { backup: { ...(percona.backup as JsonObject), enabled: false } }),
      }
    : undefined;
  // A restore and a bootstrap need backups: they go with them.
  if (backupsOff && changed) {
    delete changed.restore;
    delete changed.bootstrapFrom;
  }
  const backupsOn = isObject(changed?.backup) && changed.backup.enabled === true;
  // <n>-postgres-restore-<name> must fit in 63: a long XR name leaves no room for one.
  const name = text(xr, 'metadata', 'name') ?? '';
  const fits = name.length + '-postgres-restore-second'.length <= 63;
  if (changed && backupsOn && fits && change.restore !== undefined) {
    if (change.restore === null) delete changed.restore;
    else changed.restore = change.restore;
  }
  const spec: JsonObject = {
    ...rest,
    ...(stores === undefined
      ? {}
      : {
          stores:
            off && isObject(stores) && metadata
              ? {
                  ...stores,
                  metadata: metadata.map((store) =>
                    isObject(store) ? { ...store, type: 'badger' } : store,
                  ),
                }
              : stores,
        }),
    ...(off || database === undefined ? {} : { database }),
    ...(changed === undefined ? {} : { percona: changed }),
    ...(change.replicas === undefined ? {} : { replicas: change.replicas }),
    ...(change.storage === undefined ? {} : { storage: change.storage }),
  };
  return { ...xr, spec };
}
