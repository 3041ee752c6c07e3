/** The `spec.percona` block: the Percona-managed PostgreSQL of the control plane. */
import * as z from './zod.js';
import { cronProblem } from './cron.js';
import { parseS3Endpoint } from './endpoint.js';
import { resourceRequirements, storageSize } from './kube.js';
import { bootstrapSpec, restoreSpec } from './percona-lifecycle.js';
import { objectName, secretDataKey } from './kube-names.js';

const cron = (fallback: string, description: string) =>
  z
    .string()
    .superRefine((text, ctx) => {
      const problem = cronProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: `invalid cron schedule: ${problem}` });
    })
    .default(fallback)
    .meta({
      description: `${description} Five-field cron or @hourly/@daily/@weekly/@monthly/@yearly, as Percona's scheduler (robfig/cron v3 standard parser) runs it; no @every. Defaults to "${fallback}".`,
    });

/** A Secret with S3 credentials under two keys. */
export const s3Credentials = (description: string) =>
  z
    .object({
      name: objectName().meta({
        description: 'Name of the Secret, in the namespace of the server.',
      }),
      accessKeyIdKey: secretDataKey()
        .default('AWS_ACCESS_KEY_ID')
        .meta({ description: 'Key holding the access key id. Defaults to AWS_ACCESS_KEY_ID.' }),
      secretAccessKeyKey: secretDataKey().default('AWS_SECRET_ACCESS_KEY').meta({
        description: 'Key holding the secret access key. Defaults to AWS_SECRET_ACCESS_KEY.',
      }),
    })
    .meta({ description });

export const credentialsSecretRef = s3Credentials(
  'Secret with the S3 credentials. If it already holds a key ending in .conf (a pgBackRest INI file), it is used as is. It must not be <name>-pgbackrest-s3, the Secret the function composes from it.',
);

export const s3Region = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,63}$/, 'must be a region name such as eu-west-1');

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const s3Bucket = z
  .string()
  .regex(
    BUCKET_PATTERN,
    'must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)',
  );

/** Checked here so a bad endpoint is reported with every other field, not after them. */
export const s3Endpoint = z
  .string()
  .min(1)
  .max(300)
  .superRefine((text, ctx) => {
    const parsed = parseS3Endpoint(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
  });

export const backupSpec = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .meta({ description: 'Back up to S3 with pgBackRest. Defaults to false.' }),
    credentialsSecretRef: credentialsSecretRef.optional().meta({
      description: 'S3 credentials. Required when enabled, unless the function Input supplies one.',
    }),
    bucket: s3Bucket.optional().meta({
      description: 'S3 bucket. Required when enabled, unless the function Input supplies one.',
    }),
    endpoint: s3Endpoint.optional().meta({
      description:
        'S3 endpoint: host, host:port or https://host[:port]. http:// is refused (pgBackRest 2.57 speaks HTTPS only). Required when enabled, unless the function Input supplies one.',
    }),
    region: s3Region
      .optional()
      .meta({ description: 'S3 region. Defaults to the function Input, else eu-west-1.' }),
    uriStyle: z.enum(['path', 'host']).default('path').meta({
      description:
        'S3 URI style; path suits MinIO and most S3-compatible stores. Defaults to path.',
    }),
    verifyTLS: z
      .boolean()
      .default(true)
      .meta({ description: 'Verify the TLS certificate of the endpoint. Defaults to true.' }),
    fullSchedule: cron('0 2 * * *', 'Schedule of full backups.'),
    incrSchedule: cron('0 * * * *', 'Schedule of incremental backups.'),
    retentionDays: z.int().min(1).max(9999999).default(7).meta({
      description: 'Days full backups are kept (repo1-retention-full-type=time). Defaults to 7.',
    }),
  })
  .meta({ description: 'pgBackRest backups to S3.' });

export const perconaSpec = z
  .object({
    enabled: z.boolean().default(false).meta({
      description:
        'Run the control-plane database on a Percona PostgreSQL cluster. Defaults to false.',
    }),
    deleteWithServer: z.boolean().default(false).meta({
      description:
        'Delete the PostgreSQL volumes and user Secrets with the server (Percona finalizers percona.com/delete-pvc and percona.com/delete-ssl). Defaults to false: the data survives and a server re-created with the same name finds it again.',
    }),
    postgresVersion: z
      .int()
      .min(13)
      .max(18)
      .default(17)
      .meta({ description: 'PostgreSQL major version. Defaults to 17.' }),
    replicas: z
      .int()
      .min(1)
      .max(5)
      .default(1)
      .meta({ description: 'PostgreSQL instances. Defaults to 1.' }),
    storageSize: storageSize('Volume size of each PostgreSQL instance. Defaults to 10Gi.').default(
      '10Gi',
    ),
    storageClassName: objectName().optional().meta({
      description:
        'Storage class of the PostgreSQL volumes. Defaults to spec.storage.storageClassName.',
    }),
    databaseName: z
      .string()
      .max(63)
      .regex(/^[a-z_][a-z0-9_]*$/, 'must match ^[a-z_][a-z0-9_]*$')
      .default('dittofs')
      .meta({ description: 'Database owned by the dittofs user. Defaults to dittofs.' }),
    pgBouncer: z
      .object({
        replicas: z
          .int()
          .min(0)
          .max(3)
          .default(1)
          .meta({ description: 'pgBouncer replicas. Defaults to 1.' }),
      })
      .prefault({})
      .meta({
        description: 'The pgBouncer connection pooler Percona deploys in front of PostgreSQL.',
      }),
    resources: resourceRequirements('Compute resources of each PostgreSQL instance.').optional(),
    backup: backupSpec.prefault({}),
    restore: restoreSpec.optional(),
    bootstrapFrom: bootstrapSpec.optional(),
  })
  .meta({ description: 'A Percona-operated PostgreSQL cluster for the control-plane database.' });

export type PerconaSpec = z.output<typeof perconaSpec>;
export type BackupSpec = z.output<typeof backupSpec>;
export type CredentialsSecretRef = z.output<typeof credentialsSecretRef>;
