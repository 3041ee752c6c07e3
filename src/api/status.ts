/**
 * The XR status the function owns (api.md §4). It is declared in the XRD from this schema
 * and written in full on every call, so Crossplane's server-side apply never drops a field.
 */
import { z } from './zod.js';

const count = (description: string) => z.int().min(0).max(2147483647).meta({ description });

export const PHASES = ['Pending', 'Running', 'Stopped'] as const;

export const dittoServerStatus = z
  .object({
    phase: z
      .enum(PHASES)
      .meta({ description: 'Pending until the server is available; Stopped when replicas is 0.' }),
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
        ready: z
          .boolean()
          .meta({ description: 'Percona reports ReadyForBackup and the repo1 stanza exists.' }),
        stanzaCreated: z.boolean().meta({ description: 'The pgBackRest stanza of repo1 exists.' }),
        repoPath: z
          .string()
          .meta({ description: 'repo1-path inside the bucket; empty without backups.' }),
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
  })
  .meta({ description: 'Observed state of the DittoServer, derived by function-dittoserver.' });

export type DittoServerStatus = z.output<typeof dittoServerStatus>;
