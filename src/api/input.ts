/**
 * The function Input (`dittoserver.fn.dittofs.com/v1beta1`, kind `Input`): what the
 * platform team sets per Composition step. Every field has a default, so the step may
 * omit the input entirely. Image defaults are the ones Percona 2.8.2 ships.
 */
import * as z from './zod.js';
import { objectName } from './kube-names.js';
import { credentialsSecretRef, s3Bucket, s3Endpoint, s3Region } from './percona-spec.js';
import { FUNCTION_IMAGE } from './release.js';

export const INPUT_API_VERSION = 'dittoserver.fn.dittofs.com/v1beta1';
export const INPUT_KIND = 'Input';

const image = (fallback: string, description: string) =>
  z
    .string()
    .min(1)
    .max(512)
    .regex(/^\S+$/, 'must be an image reference without spaces')
    .default(fallback)
    .meta({
      description: `${description} Defaults to ${fallback}.`,
    });

const PERCONA_POSTGRES = 'docker.io/percona/percona-distribution-postgresql';

export const postgresImages = z
  .object({
    '13': image(`${PERCONA_POSTGRES}:13.23-2`, 'PostgreSQL 13 image.'),
    '14': image(`${PERCONA_POSTGRES}:14.20-2`, 'PostgreSQL 14 image.'),
    '15': image(`${PERCONA_POSTGRES}:15.15-2`, 'PostgreSQL 15 image.'),
    '16': image(`${PERCONA_POSTGRES}:16.11-2`, 'PostgreSQL 16 image.'),
    '17': image(`${PERCONA_POSTGRES}:17.7-2`, 'PostgreSQL 17 image.'),
    '18': image(`${PERCONA_POSTGRES}:18.1-3`, 'PostgreSQL 18 image.'),
  })
  .prefault({})
  .meta({
    description:
      'PostgreSQL image per major version; also runs the wait-for-postgres init container.',
  });

/**
 * A Go-style duration of hours, minutes and seconds, e.g. 1m30s. No lookahead: the XRD
 * pattern runs on RE2, so emptiness is refused by a separate minimum length.
 */
export const DURATION_PATTERN = /^([0-9]+h)?([0-9]+m)?([0-9]+s)?$/;

export const functionInput = z
  .object({
    apiVersion: z.literal(INPUT_API_VERSION).optional(),
    kind: z.literal(INPUT_KIND).optional(),
    images: z
      .object({
        dittofs: image('marmos91c/dittofs:v0.29.0', 'DittoFS server image when the XR names none.'),
        postgres: postgresImages,
        pgBouncer: image('docker.io/percona/percona-pgbouncer:1.25.0-1', 'pgBouncer image.'),
        pgBackRest: image('docker.io/percona/percona-pgbackrest:2.57.0-1', 'pgBackRest image.'),
        configure: image(
          FUNCTION_IMAGE,
          "Image of the configure Job, which runs the function's own configure program: the function image of this release.",
        ),
        upgrade: image(
          'docker.io/percona/percona-postgresql-operator:2.8.2-upgrade',
          'Image of PerconaPGUpgrade jobs (major PostgreSQL upgrades), as Percona 2.8.2 ships it (deploy/upgrade.yaml).',
        ),
      })
      .prefault({})
      .meta({ description: 'Images of every composed workload.' }),
    percona: z
      .object({
        crVersion: z
          .string()
          .regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 2.8.2')
          .default('2.8.2')
          .meta({ description: 'spec.crVersion of the PerconaPGCluster. Defaults to 2.8.2.' }),
      })
      .prefault({})
      .meta({ description: 'Percona operator settings.' }),
    defaults: z
      .object({
        storageClassName: objectName().optional().meta({
          description: 'Storage class when the XR names none. Unset: the cluster default.',
        }),
        backup: z
          .object({
            bucket: s3Bucket.optional().meta({ description: 'S3 bucket when the XR names none.' }),
            endpoint: s3Endpoint
              .optional()
              .meta({ description: 'S3 endpoint when the XR names none.' }),
            region: s3Region.optional().meta({ description: 'S3 region when the XR names none.' }),
            credentialsSecretRef: credentialsSecretRef
              .optional()
              .meta({ description: 'S3 credentials Secret when the XR names none.' }),
          })
          .prefault({})
          .meta({ description: 'Backup settings for XRs that leave them out.' }),
      })
      .prefault({})
      .meta({ description: 'Platform defaults for XR fields.' }),
    ttl: z
      .string()
      .min(2, 'must be a duration such as 60s or 1m30s')
      .regex(DURATION_PATTERN, 'must be a duration such as 60s or 1m30s')
      .default('60s')
      .meta({
        description:
          'Response TTL. With realtime compositions (on by default in Crossplane v2) Crossplane calls the function again after this interval; only with --enable-function-response-cache is it also how long the response is cached. Defaults to 60s.',
      }),
  })
  .meta({ description: 'Input of function-dittoserver. Every field is optional.' });

export type FunctionInput = z.output<typeof functionInput>;

export function durationSeconds(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  const part = (index: number) => Number(match?.[index]?.slice(0, -1) ?? 0);
  return part(1) * 3600 + part(2) * 60 + part(3);
}
