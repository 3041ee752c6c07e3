/**
 * PerconaPGRestore `<n>-postgres-restore-<name>` (key `restore-<name>`): an in-place
 * restore of the control-plane database from repo1 (api.md §8, percona.md "Backups,
 * restores, upgrades"). Only the spec is composed: the operator itself writes the restore
 * fields, annotation and finalizer onto the PerconaPGCluster while it runs.
 */
import type { DittoServer } from '../api/parse.js';
import type { RestoreSpec } from '../api/percona-lifecycle.js';
import { labels, postgresRestoreName } from '../names.js';
import type { RestoreKey } from '../resources.js';
import { pgBackRestTarget } from '../timestamps.js';
import { BACKUP_REPO } from './percona-backups.js';
import type { PerconaPGRestore } from './types.js';

/** A restore to compose: under its key, with the options it was (or is) created with. */
export type PlannedRestore = {
  readonly key: RestoreKey;
  readonly name: string;
  /** Undefined: none, pgBackRest's default type replays every archived change. */
  readonly options: readonly string[] | undefined;
};

/**
 * pgBackRest restore options for the spec. The operator joins them into a shell command
 * line, so the target is quoted as in Percona's examples (`--target="2022-11-30 15:12:11+03"`);
 * the schema allows only digits, `-`, `:`, `.`, `T`, `Z` and `+` in it.
 */
export function restoreOptions(restore: RestoreSpec): readonly string[] | undefined {
  if (restore.type === 'latest' || restore.target === undefined) return undefined;
  return ['--type=time', `--target="${pgBackRestTarget(restore.target)}"`];
}

export function perconaPGRestore(server: DittoServer, restore: PlannedRestore): PerconaPGRestore {
  return {
    apiVersion: 'pgv2.percona.com/v2',
    kind: 'PerconaPGRestore',
    metadata: {
      name: postgresRestoreName(server.name, restore.name),
      namespace: server.namespace,
      labels: labels(server.name, 'database'),
    },
    spec: {
      pgCluster: server.names.postgresCluster,
      repoName: BACKUP_REPO,
      ...(restore.options === undefined ? {} : { options: [...restore.options] }),
    },
  };
}
