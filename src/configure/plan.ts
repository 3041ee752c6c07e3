/**
 * What to do, decided before any write: the server's state against the spec, in the order
 * the program converges (metadata, local and remote stores, shares, adapters last, so a port
 * moves once the shares exist). What cannot be changed in place safely is a conflict: the
 * program then stops before writing anything.
 */
import { ADAPTER_TYPES, compareAdapter, type AdapterChange, type AdapterType } from './adapters.js';
import type { Credentials } from './credentials.js';
import type { Desired, DesiredAdapter, DesiredShare } from './desired.js';
import type { AdapterDto, BlockStoreDto, MetadataStoreDto, ShareDto } from './dto.js';
import { compareShare, shareName, type ShareChange, type StoreNameOf } from './shares.js';
import {
  compareStore,
  storeLabel,
  wantedLocalStore,
  wantedMetadataStore,
  wantedRemoteStore,
  type StoreKind,
  type WantedStore,
} from './store-configs.js';

/** The server's state, as listed before any write. */
export type Observed = {
  readonly metadata: readonly MetadataStoreDto[];
  readonly local: readonly BlockStoreDto[];
  readonly remote: readonly BlockStoreDto[];
  readonly shares: readonly ShareDto[];
  readonly adapters: readonly AdapterDto[];
};

export type Step =
  /** Nothing to do; the line says so (unchanged, left alone). */
  | { readonly op: 'note'; readonly line: string }
  | { readonly op: 'create-store'; readonly store: WantedStore }
  | { readonly op: 'rotate-store-keys'; readonly store: WantedStore }
  | { readonly op: 'create-share'; readonly share: DesiredShare }
  | {
      readonly op: 'update-share';
      readonly name: string;
      readonly change: ShareChange;
      readonly what: string;
    }
  | { readonly op: 'enable-share'; readonly name: string }
  | { readonly op: 'create-adapter'; readonly type: AdapterType; readonly wanted: DesiredAdapter }
  | {
      readonly op: 'update-adapter';
      readonly type: AdapterType;
      readonly change: AdapterChange;
      readonly what: string;
    };

export type Planned = { readonly steps: Step[]; readonly conflicts: string[] };

const note = (line: string): Step => ({ op: 'note', line });

/** Steps for one store, given what the server has under its name. */
export function storeSteps(
  wanted: WantedStore,
  observed: MetadataStoreDto | BlockStoreDto | undefined,
): Planned {
  if (observed === undefined)
    return { steps: [{ op: 'create-store', store: wanted }], conflicts: [] };
  const comparison = compareStore(wanted, observed);
  switch (comparison.result) {
    case 'conflict':
      return { steps: [], conflicts: [comparison.reason] };
    case 'credentials':
      return { steps: [{ op: 'rotate-store-keys', store: wanted }], conflicts: [] };
    case 'equal':
      return { steps: [note(`${storeLabel(wanted.kind, wanted.name)}: unchanged`)], conflicts: [] };
  }
}

/** Steps for one share, given what the server has under its name. */
export function shareSteps(
  share: DesiredShare,
  observed: ShareDto | undefined,
  nameOf: StoreNameOf,
): Planned {
  if (observed === undefined) return { steps: [{ op: 'create-share', share }], conflicts: [] };
  const comparison = compareShare(share, observed, nameOf);
  if (comparison.result === 'conflict') return { steps: [], conflicts: [comparison.reason] };
  const steps: Step[] = [];
  if (comparison.change !== undefined)
    steps.push({
      op: 'update-share',
      name: share.name,
      change: comparison.change,
      what: comparison.what,
    });
  if (comparison.enable) steps.push({ op: 'enable-share', name: share.name });
  if (steps.length === 0) steps.push(note(`share ${share.name}: unchanged`));
  return { steps, conflicts: [] };
}

function adapterSteps(
  type: AdapterType,
  wanted: DesiredAdapter,
  observed: AdapterDto | undefined,
): Step {
  if (observed === undefined) return { op: 'create-adapter', type, wanted };
  const comparison = compareAdapter(type, wanted, observed);
  return comparison.result === 'equal'
    ? note(`adapter ${type}: unchanged`)
    : { op: 'update-adapter', type, change: comparison.change, what: comparison.what };
}

/** Store names by UUID, from the lists the server gave. */
export function storeNames(observed: Observed): StoreNameOf {
  return (kind: StoreKind, id: string) => observed[kind].find((store) => store.id === id)?.name;
}

export function plan(desired: Desired, observed: Observed, credentials: Credentials): Planned {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  const take = (planned: Planned) => {
    steps.push(...planned.steps);
    conflicts.push(...planned.conflicts);
  };
  const sections: [StoreKind, WantedStore[]][] = [
    ['metadata', desired.stores.metadata.map((store) => wantedMetadataStore(store, credentials))],
    ['local', desired.stores.local.map(wantedLocalStore)],
    ['remote', desired.stores.remote.map((store) => wantedRemoteStore(store, credentials))],
  ];
  for (const [kind, wanted] of sections) {
    for (const store of wanted)
      take(
        storeSteps(
          store,
          observed[kind].find((have) => have.name === store.name),
        ),
      );
    for (const have of observed[kind])
      if (!wanted.some((store) => store.name === have.name))
        steps.push(note(`left alone: ${storeLabel(kind, have.name)} (not in the spec)`));
  }
  const nameOf = storeNames(observed);
  for (const share of desired.shares)
    take(
      shareSteps(
        share,
        observed.shares.find((have) => shareName(have.name) === share.name),
        nameOf,
      ),
    );
  for (const have of observed.shares) {
    const name = shareName(have.name);
    if (!desired.shares.some((share) => share.name === name))
      steps.push(note(`left alone: share ${name} (not in the spec)`));
  }
  for (const type of ADAPTER_TYPES)
    steps.push(
      adapterSteps(
        type,
        desired.adapters[type],
        observed.adapters.find((a) => a.type === type),
      ),
    );
  return { steps, conflicts };
}
