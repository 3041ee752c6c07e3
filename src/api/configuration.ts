/**
 * What the configure program makes the running server match (api.md §7): the adapters, the
 * stores and the shares of the spec with every default applied, in the shape of desired.json
 * (src/configure/desired.ts, the program's own schema). Built once while parsing, so a
 * desired.json the program would refuse is bad input, reported before anything is composed.
 */
import type { Desired, DesiredMetadataStore, DesiredRemoteStore } from '../configure/desired.js';
import { desiredProblems } from '../configure/desired.js';
import type { Issue } from './issues.js';
import type { ResolvedRemoteStore, ResolvedShare, ResolvedStores } from './resolve-stores.js';
import type { DittoServerSpec } from './spec.js';

/** Where the metadata volume is mounted; a badger store lives in `<root>/<name>`. */
export const METADATA_STORE_ROOT = '/data/store/metadata';
/** Where the content volume is mounted; a local (fs) store lives in `<root>/<name>`. */
export const BLOCK_STORE_ROOT = '/data/store/block';

function metadataStore({ name, type }: ResolvedStores['metadata'][number]): DesiredMetadataStore {
  return type === 'badger'
    ? { name, type, path: `${METADATA_STORE_ROOT}/${name}` }
    : { name, type };
}

/** Secrets stay out: the credentials reach the program as environment variables. */
function remoteStore(store: ResolvedRemoteStore): DesiredRemoteStore {
  return {
    name: store.name,
    bucket: store.bucket,
    ...(store.endpoint !== undefined && { endpoint: store.endpoint }),
    region: store.region,
    prefix: store.prefix,
    allowPrivateEndpoint: store.allowPrivateEndpoint,
  };
}

function share(item: ResolvedShare): Desired['shares'][number] {
  return {
    name: item.name,
    metadataStore: item.metadataStore,
    localStore: item.localStore,
    ...(item.remoteStore !== undefined && { remoteStore: item.remoteStore }),
    readOnly: item.readOnly,
    defaultPermission: item.defaultPermission,
    ...(item.quotaBytes !== undefined && { quotaBytes: item.quotaBytes }),
  };
}

export function desiredConfiguration(
  adapters: DittoServerSpec['adapters'],
  stores: ResolvedStores,
  shares: readonly ResolvedShare[],
): Desired {
  const adapter = ({ enabled, port }: { enabled: boolean; port: number }) => ({ enabled, port });
  return {
    adapters: { nfs: adapter(adapters.nfs), smb: adapter(adapters.smb) },
    stores: {
      metadata: stores.metadata.map(metadataStore),
      local: stores.local.map(({ name }) => ({ name, path: `${BLOCK_STORE_ROOT}/${name}` })),
      remote: stores.remote.map(remoteStore),
    },
    shares: shares.map(share),
  };
}

/**
 * The program's own check of what the spec gives it. The spec's rules already refuse all of
 * this, so an issue here means the two schemas drifted apart: still bad input, never a Job
 * that fails at run time.
 */
export function configurationIssues(configuration: Desired): Issue[] {
  const problems = desiredProblems(configuration);
  return problems === undefined
    ? []
    : [
        {
          path: 'spec',
          message: `gives a desired.json the configure program refuses: ${problems}`,
        },
      ];
}
