/**
 * What is observed of the Percona lifecycle operations (api.md §8): the PerconaPGRestores
 * composed under `restore-<name>`, the PerconaPGUpgrade under `upgrade`, the restore the
 * XR's own status recorded last time, and the server's backups. Garbage reads as absent.
 */
import type { DittoServer } from '../api/parse.js';
import { isRestoreKey, PERCONA_RESTORE, type RestoreKey } from '../resources.js';
import type { FunctionRequest } from '../wire/types.js';
import { readBackups, type BackupHistory } from './backups.js';
import { at, condition, integer, isFields, list, text, type Fields } from './fields.js';
import type { ObservedResources } from './observed.js';

/** PerconaPGRestore states (perconapgrestore_types.go); "" until the operator reports. */
export const RESTORE_SUCCEEDED = 'Succeeded';
export const RESTORE_FAILED = 'Failed';

export type ObservedRestore = {
  readonly key: RestoreKey;
  /** The `spec.percona.restore.name` it was composed for: its key's suffix. */
  readonly name: string;
  readonly state: string;
  /** The pgBackRest options it was created with; undefined when it has none. */
  readonly options: readonly string[] | undefined;
};

/** Succeeded and Failed are final: the operator never touches such a restore again. */
export function restoreRunning(state: string): boolean {
  return state !== RESTORE_SUCCEEDED && state !== RESTORE_FAILED;
}

export type UpgradeState = 'running' | 'succeeded' | 'failed';

/**
 * What a PerconaPGUpgrade says of the upgrade, besides the cluster it names: the fields the
 * CRD requires (perconapgupgrade_types.go), as composed and as observed.
 */
export type UpgradeFields = {
  readonly from: number;
  readonly to: number;
  /** The upgrade Job's image: Input images.upgrade. */
  readonly image: string;
  readonly toPostgresImage: string;
  readonly toPgBouncerImage: string;
  readonly toPgBackRestImage: string;
};

/** An observed PerconaPGUpgrade with the fields the CRD requires, all valid. */
export type ObservedUpgrade = UpgradeFields & {
  readonly state: UpgradeState;
  /** The reason of the condition that ended it, when it failed. */
  readonly failure: string;
};

export type RecordedRestore = { readonly name: string; readonly state: string };

export type LifecycleView = {
  /** By key, in key order. */
  readonly restores: readonly ObservedRestore[];
  readonly upgrade: ObservedUpgrade | undefined;
  /** `status.restore` as the function wrote it on an earlier call. */
  readonly recorded: RecordedRestore | undefined;
  readonly backups: BackupHistory;
};

/**
 * Where a PerconaPGUpgrade stands, from the conditions Percona copies from Crunchy's
 * PGUpgrade (pgupgrade_controller.go): Succeeded True is done; Progressing False with
 * PGUpgradeResolved is done too (the cluster already ran the target version); Succeeded
 * False (PGUpgradeFailed) or Progressing False with PGUpgradeInvalidForCluster is final
 * without success. Anything else is still in progress.
 */
export function upgradeState(upgrade: Fields): { state: UpgradeState; failure: string } {
  const succeeded = condition(upgrade, 'Succeeded');
  const progressing = condition(upgrade, 'Progressing');
  if (succeeded?.status === 'True') return { state: 'succeeded', failure: '' };
  if (succeeded?.status === 'False') return { state: 'failed', failure: succeeded.reason };
  if (progressing?.status === 'False' && progressing.reason === 'PGUpgradeResolved')
    return { state: 'succeeded', failure: '' };
  if (progressing?.status === 'False' && progressing.reason === 'PGUpgradeInvalidForCluster')
    return { state: 'failed', failure: progressing.reason };
  return { state: 'running', failure: '' };
}

/** A PerconaPGUpgrade is ready once it succeeded per its status (upgradeState). */
export function perconaUpgradeReady(upgrade: Fields): boolean {
  return upgradeState(upgrade).state === 'succeeded';
}

/** A PerconaPGRestore is ready once `status.state` is Succeeded. */
export function restoreReady(restore: ObservedRestore): boolean {
  return restore.state === RESTORE_SUCCEEDED;
}

const inRange = (value: number | undefined, min: number, max: number): value is number =>
  value !== undefined && value >= min && value <= max;

function readUpgrade(upgrade: Fields | undefined): ObservedUpgrade | undefined {
  if (!upgrade) return undefined;
  const from = integer(upgrade, 'spec', 'fromPostgresVersion');
  const to = integer(upgrade, 'spec', 'toPostgresVersion');
  const image = (field: string) => {
    const value = text(upgrade, 'spec', field);
    return value !== undefined && /^\S+$/.test(value) ? value : undefined;
  };
  const images = {
    image: image('image'),
    toPostgresImage: image('toPostgresImage'),
    toPgBouncerImage: image('toPgBouncerImage'),
    toPgBackRestImage: image('toPgBackRestImage'),
  };
  // The CRD's bounds; an upgrade outside them was never one of ours.
  if (!inRange(from, 12, 17) || !inRange(to, 13, 18) || from >= to) return undefined;
  const { image: job, toPostgresImage, toPgBouncerImage, toPgBackRestImage } = images;
  if (!job || !toPostgresImage || !toPgBouncerImage || !toPgBackRestImage) return undefined;
  return {
    from,
    to,
    image: job,
    toPostgresImage,
    toPgBouncerImage,
    toPgBackRestImage,
    ...upgradeState(upgrade),
  };
}

function readRestore(key: RestoreKey, restore: Fields): ObservedRestore | undefined {
  const isRestore =
    text(restore, 'apiVersion') === PERCONA_RESTORE.apiVersion &&
    text(restore, 'kind') === PERCONA_RESTORE.kind;
  if (!isRestore) return undefined;
  const options = list(restore, 'spec', 'options');
  const strings = options.filter((option): option is string => typeof option === 'string');
  return {
    key,
    name: key.slice('restore-'.length),
    state: text(restore, 'status', 'state') ?? '',
    options: strings.length > 0 && strings.length === options.length ? strings : undefined,
  };
}

function readRecorded(composite: unknown): RecordedRestore | undefined {
  const recorded = at(composite, 'status', 'restore');
  const name = text(recorded, 'name');
  const state = text(recorded, 'state');
  return isFields(recorded) && name !== undefined && state !== undefined
    ? { name, state }
    : undefined;
}

export function readLifecycle(
  req: FunctionRequest,
  server: DittoServer,
  resources: ObservedResources,
): LifecycleView {
  const restores = Object.keys(req.observedResources)
    .filter(isRestoreKey)
    .sort()
    .flatMap((key) => {
      const object = req.observedResources[key];
      const restore = object && readRestore(key, object);
      return restore ? [restore] : [];
    });
  return {
    restores,
    upgrade: readUpgrade(resources.upgrade),
    recorded: readRecorded(req.observedComposite),
    backups: readBackups(req, server.names.postgresCluster),
  };
}
