/**
 * `spec.percona.restore` and `spec.percona.bootstrapFrom` (api.md §8): a restore of the
 * control-plane database from repo1, and a new cluster's data from a pgBackRest repository.
 * Rules that need other fields (backups on, the restore object's name) are in resolve.ts.
 */
import * as z from './zod.js';

/** The restore's own part of `<n>-postgres-restore-<name>`: an RFC 1123 label. */
const RESTORE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const RESTORE_TYPES = ['latest', 'time'] as const;

export const restoreSpec = z
  .object({
    name: z
      .string()
      .max(63)
      .regex(
        RESTORE_NAME,
        'must be lowercase letters, digits and -, starting and ending with a letter or digit',
      )
      .meta({
        description:
          'Name of this restore, required: the PerconaPGRestore is <name of the server>-postgres-restore-<name>, at most 63 characters. A restore runs once per name; a new name asks for a new one.',
      }),
    type: z.enum(RESTORE_TYPES).default('latest').meta({
      description:
        'latest replays every archived change; time stops at target (point-in-time recovery). Defaults to latest.',
    }),
    target: z.iso
      .datetime({
        offset: true,
        error: 'must be an RFC 3339 timestamp such as 2026-05-01T02:30:00Z',
      })
      .optional()
      .meta({ description: 'For type time only: when to stop, an RFC 3339 timestamp.' }),
  })
  .superRefine(({ type, target }, ctx) => {
    if (type === 'time' && target === undefined)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'required when type is time' });
    if (type === 'latest' && target !== undefined)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'only allowed when type is time' });
  })
  .meta({
    description:
      'Restore the control-plane database from repo1. The server is stopped while it runs (phase Restoring). Needs backups enabled.',
  });

/** A pgBackRest repository path: absolute, no `.` or `..` segment. */
const REPO_PATH = /^(\/[A-Za-z0-9_.-]+)+$/;

export const bootstrapSpec = z
  .object({
    repoPath: z
      .string()
      .max(1024)
      .regex(
        REPO_PATH,
        'must be an absolute pgBackRest path such as /pgbackrest/team-a/files/repo1',
      )
      .refine(
        (path) => !path.split('/').some((part) => part === '.' || part === '..'),
        'must not hold . or .. segments',
      )
      .meta({
        description:
          'repo1-path of the backups to start from, in the backup bucket, e.g. /pgbackrest/team-a/files/repo1. Required.',
      }),
  })
  .meta({
    description:
      'Create the PostgreSQL cluster from existing pgBackRest backups (same bucket and credentials as spec.percona.backup). Only applies when the cluster is created. Needs backups enabled.',
  });

export type RestoreSpec = z.output<typeof restoreSpec>;
export type BootstrapSpec = z.output<typeof bootstrapSpec>;
