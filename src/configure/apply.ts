/**
 * Carries out a plan, one line per action. A POST answered 409 means the thing appeared since
 * it was listed: it is read back and compared like any existing one.
 */
import { compareAdapter, type AdapterType } from './adapters.js';
import type { DittoClient } from './client.js';
import { adapterDto, blockStoreDto, metadataStoreDto, shareDto } from './dto.js';
import { ConfigureError } from './http.js';
import { shareSteps, storeSteps, type Planned, type Step } from './plan.js';
import { createShareBody, sharePath, updateShareBody } from './shares.js';
import { storeLabel, type StoreKind, type WantedStore } from './store-configs.js';
import type { DesiredAdapter, DesiredShare } from './desired.js';

export type StoreIds = Map<string, string>;

/** Key of a store in StoreIds: names are unique per kind only. */
export const storeKey = (kind: StoreKind, name: string): string => `${kind}/${name}`;

function storesPath(kind: StoreKind): string {
  return kind === 'metadata' ? '/api/v1/store/metadata' : `/api/v1/store/block/${kind}`;
}

const storePath = (kind: StoreKind, name: string) =>
  `${storesPath(kind)}/${encodeURIComponent(name)}`;

const adapterPath = (type: AdapterType) => `/api/v1/adapters/${type}`;

export class Applier {
  /** Writes made so far. */
  changes = 0;

  constructor(
    private readonly client: DittoClient,
    /** UUIDs of the stores on the server, by storeKey; grows as stores are created. */
    private readonly ids: StoreIds,
    private readonly log: (line: string) => void,
  ) {}

  async run(steps: readonly Step[]): Promise<void> {
    for (const step of steps) await this.step(step);
  }

  private async step(step: Step): Promise<void> {
    switch (step.op) {
      case 'note':
        this.log(step.line);
        break;
      case 'create-store':
        await this.createStore(step.store);
        break;
      case 'rotate-store-keys': {
        const { kind, name, config } = step.store;
        const body = { config: JSON.stringify(config) };
        await this.client.send('PUT', storePath(kind, name), body, blockStoreDto);
        this.done(`${storeLabel(kind, name)}: updated its S3 keys (the access key id changed)`);
        break;
      }
      case 'create-share':
        await this.createShare(step.share);
        break;
      case 'update-share': {
        const body = updateShareBody(step.change, (kind, name) => this.idOf(kind, name));
        const share = await this.client.send('PUT', sharePath(step.name), body, shareDto);
        this.done(`share ${step.name}: updated ${step.what}`);
        for (const warning of share.warnings ?? [])
          this.log(`share ${step.name}: DittoFS warns: ${warning}`);
        break;
      }
      case 'enable-share':
        await this.client.send('POST', `${sharePath(step.name)}/enable`, undefined, shareDto);
        this.done(`share ${step.name}: enabled`);
        break;
      case 'create-adapter':
        await this.createAdapter(step.type, step.wanted);
        break;
      case 'update-adapter':
        await this.client.send('PUT', adapterPath(step.type), step.change, adapterDto);
        this.done(`adapter ${step.type}: updated ${step.what}`);
        break;
    }
  }

  private async createAdapter(type: AdapterType, wanted: DesiredAdapter): Promise<void> {
    const created = await this.client.create('/api/v1/adapters', { type, ...wanted }, adapterDto);
    if (created === undefined) {
      await this.recheckAdapter(type, wanted);
      return;
    }
    // A POST starts the listener even when disabled; a PUT of enabled:false stops it.
    if (!wanted.enabled)
      await this.client.send('PUT', adapterPath(type), { enabled: false }, adapterDto);
    this.done(
      `adapter ${type}: created (${wanted.enabled ? 'enabled' : 'disabled'}, port ${wanted.port})`,
    );
  }

  private async createStore(store: WantedStore): Promise<void> {
    const { kind, name, type, config } = store;
    const schema = kind === 'metadata' ? metadataStoreDto : blockStoreDto;
    const body = { name, type, config: JSON.stringify(config) };
    const created = await this.client.create(storesPath(kind), body, schema);
    if (created !== undefined) {
      this.ids.set(storeKey(kind, name), created.id);
      this.done(`${storeLabel(kind, name)}: created (${type})`);
      return;
    }
    const found = await this.client.find(storePath(kind, name), schema);
    if (found === undefined) this.recheck(storeLabel(kind, name));
    this.ids.set(storeKey(kind, name), found.id);
    await this.follow(storeSteps(store, found));
  }

  private async createShare(share: DesiredShare): Promise<void> {
    const created = await this.client.create('/api/v1/shares', createShareBody(share), shareDto);
    if (created !== undefined) {
      this.done(`share ${share.name}: created`);
      return;
    }
    const found = await this.client.find(sharePath(share.name), shareDto);
    if (found === undefined) this.recheck(`share ${share.name}`);
    await this.follow(shareSteps(share, found, (kind, id) => this.nameOf(kind, id)));
  }

  private async recheckAdapter(type: AdapterType, wanted: DesiredAdapter): Promise<void> {
    const found = await this.client.find(adapterPath(type), adapterDto);
    if (found === undefined) this.recheck(`adapter ${type}`);
    const comparison = compareAdapter(type, wanted, found);
    if (comparison.result === 'equal') this.log(`adapter ${type}: unchanged`);
    else
      await this.step({
        op: 'update-adapter',
        type,
        change: comparison.change,
        what: comparison.what,
      });
  }

  /** Runs what a re-read thing still needs; a conflict stops the program here. */
  private async follow(planned: Planned): Promise<void> {
    if (planned.conflicts.length > 0) throw new ConfigureError(planned.conflicts.join('; '));
    await this.run(planned.steps);
  }

  private recheck(what: string): never {
    throw new ConfigureError(
      `${what}: DittoFS says it already exists (409) but does not list it; run again`,
    );
  }

  private done(line: string): void {
    this.changes += 1;
    this.log(line);
  }

  private idOf(kind: StoreKind, name: string): string {
    const id = this.ids.get(storeKey(kind, name));
    // The plan puts every store before the shares; a missing id is a bug, not bad input.
    if (id === undefined) throw new Error(`no id for ${storeLabel(kind, name)}`);
    return id;
  }

  private nameOf(kind: StoreKind, id: string): string | undefined {
    const prefix = storeKey(kind, '');
    for (const [key, value] of this.ids)
      if (value === id && key.startsWith(prefix)) return key.slice(prefix.length);
    return undefined;
  }
}
