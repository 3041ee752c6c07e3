/**
 * The required resources the function asks for besides Secrets, as Crossplane answers them
 * for the full example once it runs: the PerconaPGBackups the Percona operator keeps under
 * the default schedules and retention (api.md §2: a full backup at 02:00, an incremental every
 * hour, full backups kept 7 days; Percona 2.8.2 deletes a succeeded PerconaPGBackup only once
 * pgBackRest expired its backup), so 7 days of 1 full and 23 incrementals, made from
 * examples/backups.yaml's two; and the pod that ran the completed configure Job of
 * examples/observed/ready.yaml. Each object carries the managedFields its writers leave (the
 * operator, the Job controller, the kubelet).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BACKUPS_REQUIREMENT, CONFIGURE_PODS_REQUIREMENT } from '../../src/names.js';
import { entry, fields, object, type Json } from './managed-fields.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DAYS = 7;
/** A full backup at 02:00, an incremental at every other hour. */
const INCREMENTALS_A_DAY = 23;
const OPERATOR = 'percona-postgresql-operator';

function documents(path: string): Json[] {
  return parseAllDocuments(readFileSync(resolve(ROOT, path), 'utf8')).map(
    (document) => document.toJS() as Json,
  );
}

/** `stamp` moved back `days` days, in the same form. */
function daysBefore(stamp: string, days: number): string {
  return new Date(Date.parse(stamp) - days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

/**
 * Backup `template` of XR `files`, for XR `xr`, made `day` days and `hours` hours before the
 * template's.
 */
function backup(template: Json, xr: string, day: number, hours = 0): Json {
  const metadata = object(template.metadata);
  const status = object(template.status);
  const created = daysBefore(String(metadata.creationTimestamp), day + hours / 24);
  const text = JSON.stringify({ ...template, status: { ...status, completed: created } })
    .replaceAll('files-postgres', `${xr}-postgres`)
    .replaceAll('/team-a/files/', `/team-a/${xr}/`)
    .replaceAll('"dittofs.io/server":"files"', `"dittofs.io/server":"${xr}"`);
  const moved = JSON.parse(text) as Json;
  const name = `${String(object(moved.metadata).name)}-${day}-${hours}`;
  const { latestRestorableTime: _newestOnly, ...rest } = object(moved.status);
  const apiVersion = String(moved.apiVersion);
  return {
    ...moved,
    metadata: {
      ...object(moved.metadata),
      name,
      uid: `5e7a0b1c-0000-4000-8000-${String(day * 100 + hours).padStart(12, '0')}`,
      creationTimestamp: created,
      managedFields: [
        entry(OPERATOR, 'Update', apiVersion, created, fields({ spec: moved.spec })),
        entry(OPERATOR, 'Update', apiVersion, created, fields({ status: rest }), 'status'),
      ],
    },
    status: day === 0 && hours === 0 ? moved.status : rest,
  };
}

/** The pod that ran `job` to completion, as the kubelet reports it. */
function configurePod(job: Json, time: string): Json {
  const metadata = object(job.metadata);
  const template = object(object(job.spec).template);
  const name = `${String(metadata.name)}-x7k2p`;
  const status = {
    phase: 'Succeeded',
    containerStatuses: [
      {
        name: 'configure',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: time } },
      },
    ],
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: metadata.namespace,
      labels: { ...object(object(template.metadata).labels), 'job-name': metadata.name },
      managedFields: [
        entry('kube-controller-manager', 'Update', 'v1', time, fields({ spec: template.spec })),
        entry('kubelet', 'Update', 'v1', time, fields({ status }), 'status'),
      ],
    },
    spec: template.spec,
    status,
  };
}

/** The `backups` and `configure-pods` answers for XR `xr`, whose observed Job is `job`. */
export function lifecycleRequired(xr: string, job: Json, time: string): Json {
  const [full, incremental] = documents('examples/backups.yaml');
  if (!full || !incremental) throw new Error('examples/backups.yaml needs a full and an incr');
  const backups = Array.from({ length: DAYS }, (_, day) => [
    backup(full, xr, day),
    ...Array.from({ length: INCREMENTALS_A_DAY }, (_, hour) => backup(incremental, xr, day, hour)),
  ]).flat();
  return {
    [BACKUPS_REQUIREMENT]: { items: backups.map((resource) => ({ resource })) },
    [CONFIGURE_PODS_REQUIREMENT]: { items: [{ resource: configurePod(job, time) }] },
  };
}
