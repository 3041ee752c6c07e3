/**
 * Which PerconaPGRestores are composed (api.md §8). A restore runs once per name:
 * - every observed restore that is still running stays, whatever the spec says now;
 * - a restore that succeeded stays too: it is the record that its name has run (deleting
 *   and re-creating one runs it again, rolling the database back once more);
 * - a failed one stays while the spec names it, so it is seen, and goes once the name
 *   changes (running it again is then a retry);
 * - the named restore is created only when none of that name is observed and the XR's
 *   status does not record one of that name as finished (deleted since);
 * - and only when it can do its job: no other restore or upgrade running, the cluster
 *   observed, a backup that succeeded, and for a time restore a target already restorable.
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import type { RestoreSpec } from '../api/percona-lifecycle.js';
import { restoreOptions, type PlannedRestore } from '../compose/percona-restore.js';
import { postgresRestoreName, SERVER_LABEL } from '../names.js';
import {
  RESTORE_FAILED,
  RESTORE_SUCCEEDED,
  restoreRunning,
  type ObservedRestore,
} from '../observe/lifecycle.js';
import type { Observation } from '../observe/observe.js';
import { restoreKey } from '../resources.js';
import { epochMillis } from '../timestamps.js';
import type { Kept } from './kept.js';

export type RestorePlan = {
  /** In key order. */
  readonly restores: readonly PlannedRestore[];
  /** The restore object that runs now (observed running or created on this call). */
  readonly running: string | undefined;
  /** `status.restore`: the named restore and its state; undefined when none is named. */
  readonly status: { readonly name: string; readonly state: string } | undefined;
};

const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  (a ?? []).join('\n') === (b ?? []).join('\n');

/** Why the named restore cannot start yet; a Notice when a human should know. */
function waiting(
  server: DittoServer,
  asked: RestoreSpec,
  observation: Observation,
  busy: boolean,
): { readonly notice: Notice | undefined } | undefined {
  const { backups, upgrade } = observation.lifecycle;
  // Another restore or an upgrade holds the cluster; this one follows it.
  if (busy || upgrade?.state === 'running' || !observation.resources.postgres) {
    return { notice: undefined };
  }
  const cluster = `PerconaPGCluster ${server.names.postgresCluster}`;
  const restore = `spec.percona.restore ${asked.name}`;
  if (!backups.lastSuccessful) {
    return {
      notice: {
        reason: 'RestoreWaiting',
        message: `${restore} waits: no backup of ${cluster} has succeeded yet (PerconaPGBackups labelled ${SERVER_LABEL}=${server.name}), so there is nothing to restore from; it starts once one has`,
      },
    };
  }
  const latest = backups.latestRestorableTime;
  if (asked.type === 'time' && asked.target !== undefined && latest !== undefined) {
    // PostgreSQL 13 and later refuse to start when recovery ends before its target.
    if (epochMillis(asked.target) > epochMillis(latest)) {
      return {
        notice: {
          reason: 'RestoreWaiting',
          message: `${restore} waits: its target ${asked.target} is after the latest restorable time ${latest} of ${cluster}, and PostgreSQL would refuse to start short of it; it starts once the target is restorable (type latest restores everything there is)`,
        },
      };
    }
  }
  return undefined;
}

/** Warnings about the named restore that exists: asked for differently, or failed. */
function existingNotices(server: DittoServer, named: RestoreSpec, mine: ObservedRestore): Notice[] {
  const object = `PerconaPGRestore ${postgresRestoreName(server.name, named.name)}`;
  const cluster = server.names.postgresCluster;
  return [
    ...(same(mine.options, restoreOptions(named))
      ? []
      : [
          {
            reason: 'RestoreChangeIgnored',
            message: `spec.percona.restore ${named.name} differs from ${object}, which exists with options ${mine.options?.join(' ') ?? '(none)'}; a restore runs once per name, so it is kept as it is: give the restore a new name to restore again`,
          },
        ]),
    ...(mine.state === RESTORE_FAILED
      ? [
          {
            reason: 'RestoreFailed',
            message: `${object} failed: read the logs of Job ${cluster}-pgbackrest-restore and the events of PerconaPGCluster ${cluster}; a restore runs once per name, so give spec.percona.restore a new name to try again, or remove it`,
          },
        ]
      : []),
  ];
}

export function planRestores(server: DittoServer, observation: Observation): Kept<RestorePlan> {
  const { restores: observed, recorded } = observation.lifecycle;
  const named = server.perconaSettings.restore;
  const mine = named && observed.find(({ name }) => name === named.name);
  const busy = observed.find(({ state }) => restoreRunning(state));
  const kept = observed
    .filter(
      ({ name, state }) =>
        restoreRunning(state) || state === RESTORE_SUCCEEDED || name === named?.name,
    )
    .map(({ key, name, options }): PlannedRestore => ({ key, name, options }));
  const notices = named && mine ? existingNotices(server, named, mine) : [];
  // Deleted after it finished (by hand, or lost): the status the XR keeps says it ran.
  const finished =
    !mine && named && recorded?.name === named.name && !restoreRunning(recorded.state)
      ? recorded.state
      : undefined;
  // Only a cluster that is composed gets a restore: server.percona, not the settings.
  const asked = !mine && finished === undefined ? server.percona?.restore : undefined;
  const wait = asked && waiting(server, asked, observation, busy !== undefined);
  if (wait?.notice) notices.push(wait.notice);
  const created: PlannedRestore | undefined =
    asked && !wait
      ? { key: restoreKey(asked.name), name: asked.name, options: restoreOptions(asked) }
      : undefined;
  const running = busy?.name ?? created?.name;
  return {
    value: {
      restores: created ? [...kept, created].sort((a, b) => compare(a.key, b.key)) : kept,
      running: running === undefined ? undefined : postgresRestoreName(server.name, running),
      status: named && { name: named.name, state: mine?.state ?? finished ?? '' },
    },
    notices,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
