/**
 * The composed configure Job, run: its command line, its environment (each secretKeyRef
 * resolved from the Secrets it names) and the desired.json of its ConfigMap, given to the
 * configure program against the fake DittoFS. The Job builder and the program agree on every
 * flag, variable and field, and a second run writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDittoFs, FAKE_PASSWORD } from '../support/fake-dittofs.js';
import { observeDesired } from '../fixtures/observed.js';
import { xr, type JsonObject } from '../fixtures/xr.js';
import { callFunction } from '../support/call.js';
import { desiredObjects, request, TEST_SECRET_KEY } from '../support/request.js';
import { run } from '../configure/harness.js';

/** Badger and postgres, two local and two remote stores, two shares, SMB on. */
const SPEC = {
  database: { postgresSecretRef: { name: 'shared-postgres' } },
  adapters: { smb: { enabled: true } },
  stores: {
    metadata: [{ name: 'fast' }, { name: 'pg', type: 'postgres' }],
    local: [{ name: 'default' }, { name: 'scratch' }],
    remote: [
      { name: 'archive', s3: { bucket: 'files', credentialsSecretRef: { name: 'archive-s3' } } },
      {
        name: 'cold-minio',
        s3: {
          bucket: 'cold',
          endpoint: 'http://minio.storage.svc:9000',
          allowPrivateEndpoint: true,
          credentialsSecretRef: { name: 'minio', accessKeyIdKey: 'id', secretAccessKeyKey: 'key' },
        },
      },
    ],
  },
  shares: [
    { name: 'export', remoteStore: 'cold-minio' },
    { name: 'reports', metadataStore: 'pg', localStore: 'scratch', readOnly: true },
  ],
};

/** The Secrets the Job's env names, by name and key (port and sslmode left out: optional). */
const SECRETS: Record<string, Record<string, string>> = {
  'demo-admin-bootstrap-credentials': { password: FAKE_PASSWORD },
  'archive-s3': {
    AWS_ACCESS_KEY_ID: 'AKIAARCHIVE00000001',
    AWS_SECRET_ACCESS_KEY: 'archive/secret',
  },
  minio: { id: 'minio-id-000001', key: 'minio-secret-000001' },
  'shared-postgres': {
    host: 'pg.db.svc',
    database: 'dittofs',
    user: 'dittofs',
    password: 'pg-pw-0001',
  },
};

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } };
};

/** The environment the kubelet gives the Job's container. */
function environment(env: readonly EnvVar[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value, valueFrom } of env) {
    if (value !== undefined) out[name] = value;
    const ref = valueFrom?.secretKeyRef;
    if (!ref) continue;
    const found = SECRETS[ref.name]?.[ref.key];
    if (found !== undefined) out[name] = found;
    else if (!ref.optional) throw new Error(`Secret ${ref.name} has no key ${ref.key}`);
  }
  return out;
}

/** The Job and desired.json the function composes once the server is available. */
function composedJob() {
  const first = callFunction(request({ xr: xr(SPEC) }), { secretKey: TEST_SECRET_KEY });
  const observed = observeDesired(desiredObjects(first), { deployment: 'available' });
  const objects = desiredObjects(
    callFunction(request({ xr: xr(SPEC), observed }), { secretKey: TEST_SECRET_KEY }),
  );
  const job = Object.entries(objects).find(([key]) => /^configure-[0-9a-f]{10}$/.test(key))?.[1];
  const spec = (job?.spec as JsonObject).template as { spec: { containers: JsonObject[] } };
  const [container] = spec.spec.containers;
  const desired = ((objects['configure-spec']?.data ?? {}) as JsonObject)['desired.json'];
  return {
    args: (container?.args ?? []) as string[],
    env: (container?.env ?? []) as EnvVar[],
    desired: desired as string,
  };
}

let fake: FakeDittoFs;
beforeEach(async () => {
  fake = await FakeDittoFs.start();
});
afterEach(async () => {
  await fake.stop();
});

describe('the composed configure Job, run against a fresh DittoFS', () => {
  it('converges the server to the spec, then changes nothing', async () => {
    const job = composedJob();
    // In the cluster the API is the Service and desired.json the mounted ConfigMap.
    const argv = job.args.map((arg, index) => (job.args[index - 1] === '--api' ? fake.url : arg));
    const env = environment(job.env);
    const files = { '/etc/dittofs-configure/desired.json': job.desired };
    const first = await run([...argv, '--termination-log', '/tmp/log'], env, files);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: [] });

    const state = fake.state();
    const byName = (stores: typeof state.metadataStores) =>
      stores.map(({ name, type, config }) => ({ name, type, config }));
    expect({
      adapters: state.adapters.map(({ type, enabled, port }) => ({ type, enabled, port })),
      metadata: byName(state.metadataStores),
      local: byName(state.localStores),
      remote: byName(state.remoteStores),
      shares: state.shares.map(({ name, read_only }) => ({ name, read_only })),
    }).toEqual({
      adapters: [
        { type: 'nfs', enabled: true, port: 12049 },
        { type: 'smb', enabled: true, port: 12445 },
      ],
      metadata: [
        { name: 'fast', type: 'badger', config: { path: '/data/store/metadata/fast' } },
        {
          name: 'pg',
          type: 'postgres',
          // No port in the Secret: the program sends DittoFS's default.
          config: {
            host: 'pg.db.svc',
            port: 5432,
            database: 'dittofs',
            user: 'dittofs',
            password: 'pg-pw-0001',
          },
        },
      ],
      local: [
        { name: 'default', type: 'fs', config: { path: '/data/store/block/default' } },
        { name: 'scratch', type: 'fs', config: { path: '/data/store/block/scratch' } },
      ],
      remote: [
        {
          name: 'archive',
          type: 's3',
          config: {
            bucket: 'files',
            region: 'us-east-1',
            prefix: 'team-a/demo/',
            access_key_id: 'AKIAARCHIVE00000001',
            secret_access_key: 'archive/secret',
          },
        },
        {
          name: 'cold-minio',
          type: 's3',
          config: {
            bucket: 'cold',
            region: 'us-east-1',
            endpoint: 'http://minio.storage.svc:9000',
            prefix: 'team-a/demo/',
            allow_private_endpoint: true,
            access_key_id: 'minio-id-000001',
            secret_access_key: 'minio-secret-000001',
          },
        },
      ],
      shares: [
        { name: '/export', read_only: false },
        { name: '/reports', read_only: true },
      ],
    });

    const second = await run(argv, env, files);
    expect({ code: second.code, last: second.stdout.at(-1) }).toEqual({
      code: 0,
      last: 'done: no changes',
    });
  });
});
