/**
 * A DittoServer's life with Percona and backups, played through the function one reconcile
 * at a time: each step observes what the previous response desired, as the API server, the
 * Job controller and the Percona 2.8.2 operator would return it. test/lifecycle*.test.ts
 * assert each step's whole response.
 */
import { Ready, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { observeDesired, type World } from '../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { callFunction } from './call.js';
import { backupKeysWith, condition } from './expected.js';
import { credentialsSecret, request, responseJson, TEST_SECRET_KEY } from './request.js';
import { desiredObjects } from './request.js';

type Reconcile = { spec?: Overrides; world?: World; credentials?: JsonObject[] };

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };
const SCALED = { percona: { enabled: true, replicas: 2, backup: BACKUP_SPEC } };
const STOPPED = { replicas: 0, ...SCALED };
const READY = { state: 'ready', backup: 'ready' } as const;
const READY_AGAIN = { state: 'ready', generation: 2, backup: 'ready' } as const;
const AVAILABLE_WORLD = { percona: READY, deployment: 'available' } as const;
const CONFIGURED = { ...AVAILABLE_WORLD, job: 'complete' } as const;
const RESTARTED = { percona: READY_AGAIN, deployment: 'available', job: 'complete' } as const;

/**
 * The story, one reconcile per entry: each observes what the one before desired, in the
 * world it names. Entries the tests do not look at set the scene for the next one.
 */
const STORY = [
  ['1-nothing-observed', {}],
  [
    '2-percona-initializing',
    {
      world: {
        percona: { state: 'initializing', backup: 'pending' },
        volumes: 'Pending',
        addresses: false,
      },
    },
  ],
  ['3-percona-ready', { world: { percona: READY, volumes: 'Pending', addresses: true } }],
  ['4-deployment-progressing', { world: { percona: READY, deployment: 'progressing' } }],
  ['5-available', { world: AVAILABLE_WORLD }],
  ['6-configuring', { world: { ...AVAILABLE_WORLD, job: 'running' } }],
  ['7-configured', { world: CONFIGURED }],
  ['spec changed: two PostgreSQL instances', { spec: SCALED, world: CONFIGURED }],
  [
    '8-percona-reinitializing',
    {
      spec: SCALED,
      world: { ...CONFIGURED, percona: { state: 'initializing', generation: 2, backup: 'ready' } },
    },
  ],
  ['spec changed: stopped', { spec: STOPPED, world: RESTARTED }],
  ['9-stopped', { spec: STOPPED, world: { ...RESTARTED, deploymentGeneration: 2 } }],
  [
    '10-credentials-deleted',
    { spec: STOPPED, credentials: [], world: { ...RESTARTED, deploymentGeneration: 2 } },
  ],
  ['spec changed: started', { spec: SCALED, world: { ...RESTARTED, deploymentGeneration: 2 } }],
  ['11-restarted', { spec: SCALED, world: { ...RESTARTED, deploymentGeneration: 3 } }],
  ['12-reconfigured', { spec: SCALED, world: { ...RESTARTED, deploymentGeneration: 3 } }],
] as const satisfies readonly (readonly [string, Reconcile])[];

export type Step = (typeof STORY)[number][0];

/** Every step's response, the story played once from the start (it is deterministic). */
let played: ReadonlyMap<Step, RunFunctionResponse> | undefined;

function play(): ReadonlyMap<Step, RunFunctionResponse> {
  const story: readonly (readonly [Step, Reconcile])[] = STORY;
  const responses = new Map<Step, RunFunctionResponse>();
  let last: RunFunctionResponse | undefined;
  for (const [name, { spec = SPEC, world, credentials = [credentialsSecret()] }] of story) {
    const observed = last && world ? observeDesired(desiredObjects(last), world) : {};
    last = callFunction(request({ xr: xr(spec), observed, credentials }), {
      secretKey: TEST_SECRET_KEY,
    });
    responses.set(name, last);
  }
  return responses;
}

/** The response at `step`; a copy, so no test can change what another one reads. */
export function responseAt(step: Step): RunFunctionResponse {
  played ??= play();
  const rsp = played.get(step);
  if (!rsp) throw new Error(`no step ${step}`);
  return structuredClone(rsp);
}

/** The whole response against its golden file (the path is the calling test file's, in test/). */
export async function matchesGolden(rsp: RunFunctionResponse, step: Step): Promise<void> {
  await expect(stringify(responseJson(rsp), { lineWidth: 0, version: '1.1' })).toMatchFileSnapshot(
    `golden/lifecycle/${step}.yaml`,
  );
}

/**
 * Readiness of every composed key, in response order: BACKUP_KEYS (the Deployment included
 * unless `deployment` is false, the Jobs `jobs` after `configure-spec`), every one ready
 * but `notReady`.
 */
export function readinessOf(
  keys: { deployment?: boolean; jobs?: readonly string[] },
  notReady: readonly string[] = [],
): Record<string, Ready> {
  const all = backupKeysWith(...(keys.jobs ?? [])).filter(
    (key) => key !== 'deployment' || keys.deployment !== false,
  );
  return Object.fromEntries(
    all.map((key) => [key, notReady.includes(key) ? Ready.READY_FALSE : Ready.READY_TRUE]),
  );
}

export const percona = (
  state: string,
  ready: boolean,
  host = 'demo-postgres-pgbouncer.team-a.svc',
) => ({
  type: 'postgres' as const,
  clusterName: 'demo-postgres',
  state,
  host,
  secretName: 'demo-postgres-pguser-dittofs',
  ready,
});

export const backup = (ready: boolean, stanzaCreated = ready) => ({
  enabled: true,
  ready,
  stanzaCreated,
  repoPath: '/pgbackrest/team-a/demo/repo1',
});

/** The NFS Service's load balancer address, and the share behind it. */
export const LB_NFS = '203.0.113.2:12049';
export const LB_SHARES = [{ name: 'export', nfs: `${LB_NFS}:/export`, smb: '' }];

/** The status of a server serving one replica, its database and backups ready; tests add what differs. */
export const SERVING = {
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  database: percona('ready', true),
  backup: backup(true),
  endpoints: { nfs: LB_NFS },
  shares: LB_SHARES,
};

export const STOPPED_AVAILABLE = condition(
  'Available',
  'True',
  'Stopped',
  'The server is stopped (spec.replicas is 0)',
);
export const STOPPED_CONFIGURED = condition(
  'Configured',
  'False',
  'Stopped',
  'The server is stopped (spec.replicas is 0); it is configured again when it starts',
);
export const waiting = (why: string) =>
  condition('Configured', 'False', 'Waiting', `Deployment demo ${why}`);
