/**
 * The XR status the function owns (api.md §4). It is declared in the XRD from this schema
 * and written in full on every call, so Crossplane's server-side apply never drops a field.
 */
import * as z from './zod.js';

const count = (description: string) => z.int().min(0).max(2147483647).meta({ description });

export const PHASES = ['Pending', 'Running', 'Stopped', 'Restoring', 'Upgrading'] as const;

export const dittoServerStatus = z
  .object({
    phase: z.enum(PHASES).meta({
      description:
        'Stopped when replicas is 0; Restoring or Upgrading while a restore or a major PostgreSQL upgrade runs; Running once the server is available and its configuration applied; Pending otherwise.',
    }),
    replicas: count('Replicas of the server Deployment.'),
    readyReplicas: count('Ready replicas of the server Deployment.'),
    availableReplicas: count('Available replicas of the server Deployment.'),
    database: z
      .object({
        type: z.enum(['sqlite', 'postgres']).meta({ description: 'Control-plane database type.' }),
        clusterName: z
          .string()
          .meta({ description: 'PerconaPGCluster name; empty without Percona.' }),
        state: z.string().meta({
          description: 'PerconaPGCluster status.state; empty without Percona or before it reports.',
        }),
        host: z
          .string()
          .meta({ description: 'PostgreSQL host as Percona reports it (the pgBouncer Service).' }),
        secretName: z
          .string()
          .meta({ description: 'Secret with the PostgreSQL credentials of the server.' }),
        ready: z.boolean().meta({ description: 'The database accepts the server.' }),
      })
      .meta({ description: 'The control-plane database.' }),
    backup: z
      .object({
        enabled: z.boolean().meta({ description: 'pgBackRest backups are configured.' }),
        ready: z.boolean().meta({
          description:
            'Percona reports ReadyForBackup, the repo1 stanza exists, and the newest finished backup did not fail.',
        }),
        stanzaCreated: z.boolean().meta({ description: 'The pgBackRest stanza of repo1 exists.' }),
        repoPath: z
          .string()
          .meta({ description: 'repo1-path inside the bucket; empty without backups.' }),
        lastSuccessful: z
          .object({
            name: z.string().meta({ description: 'Name of the PerconaPGBackup.' }),
            completedAt: z
              .string()
              .meta({ description: 'When it completed, as Percona reports it.' }),
            type: z.string().meta({ description: 'full, diff or incr.' }),
          })
          .optional()
          .meta({ description: 'The newest backup that succeeded; absent before the first.' }),
        lastFailed: z
          .object({
            name: z.string().meta({ description: 'Name of the PerconaPGBackup.' }),
            at: z
              .string()
              .meta({ description: 'When it was created (a failed one never completes).' }),
          })
          .optional()
          .meta({ description: 'The newest backup that failed; absent when none has.' }),
        latestRestorableTime: z.string().optional().meta({
          description:
            'The latest time a point-in-time restore can reach, in RFC 3339 (UTC), as Percona reports it on the newest successful backup: a spec.percona.restore target up to it is restorable.',
        }),
      })
      .meta({ description: 'pgBackRest backups.' }),
    endpoints: z
      .object({
        api: z.string().meta({
          description: 'REST API: <service>.<namespace>.svc:<port>, or the load balancer address.',
        }),
        nfs: z.string().meta({ description: 'NFS endpoint; empty when the adapter is disabled.' }),
        smb: z.string().meta({ description: 'SMB endpoint; empty when the adapter is disabled.' }),
      })
      .meta({ description: 'Where clients reach the server.' }),
    shares: z
      .array(
        z.object({
          name: z.string().meta({ description: 'Name of the share.' }),
          nfs: z.string().meta({
            description: 'What to mount over NFS, <host>:<port>:/<name>; empty when NFS is off.',
          }),
          smb: z.string().meta({
            description: 'What to mount over SMB, //<host>:<port>/<name>; empty when SMB is off.',
          }),
        }),
      )
      .meta({ description: 'The shares of spec.shares and where clients mount them.' }),
    configuration: z
      .object({
        applied: z.boolean().meta({
          description:
            'The configure Job for the current configuration and server completed: stores, shares and adapters match the spec.',
        }),
        hash: z.string().meta({
          description:
            'Hash of the desired configuration and of the server it is for, the suffix of the configure Job; empty until the server exists.',
        }),
      })
      .meta({
        description: 'Whether the running server matches spec.stores, shares and adapters.',
      }),
    restore: z
      .object({
        name: z.string().meta({ description: 'spec.percona.restore.name.' }),
        state: z.string().meta({
          description:
            'The PerconaPGRestore state: empty until Percona reports, then Starting, Running, Succeeded or Failed.',
        }),
      })
      .optional()
      .meta({ description: 'The restore asked for in spec.percona.restore; absent when none is.' }),
  })
  .meta({ description: 'Observed state of the DittoServer, derived by function-dittoserver.' });

export type DittoServerStatus = z.output<typeof dittoServerStatus>;
