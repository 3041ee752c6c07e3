/**
 * The DittoServer spec: what application teams write. It mirrors the `DittoServer` of the
 * DittoFS Go operator (dittofs.dittofs.com/v1alpha1) so that a manifest ports over by
 * changing its apiVersion. Literal defaults live here; defaults that depend on the function
 * Input or on another field are resolved in `resolve.ts`.
 */
import * as z from './zod.js';
import { objectName } from './kube-names.js';
import {
  SERVICE_TYPES,
  annotations,
  containerSecurityContext,
  podSecurityContext,
  port,
  resourceRequirements,
  secretKeyRef,
  storageSize,
} from './kube.js';
import {
  adminFields,
  controlPlaneFields,
  databaseFields,
  identityFields,
  jwtFields,
  loggingFields,
  metricsFields,
  postgresSecretRefFields,
  topLevelFields,
} from './operator-fields.js';
import { perconaSpec } from './percona-spec.js';
import { shares, stores } from './stores-spec.js';

const adapter = (enabled: boolean, fallbackPort: number, name: string) =>
  z
    .object({
      enabled: z
        .boolean()
        .default(enabled)
        .meta({ description: `Expose the ${name} adapter. Defaults to ${enabled}.` }),
      port: port(fallbackPort, `Port of the ${name} adapter.`),
    })
    .prefault({})
    .meta({ description: `The ${name} adapter.` });

const serviceSpec = (fallback: (typeof SERVICE_TYPES)[number], what: string) =>
  z
    .object({
      type: z
        .enum(SERVICE_TYPES)
        .default(fallback)
        .meta({ description: `Service type. Defaults to ${fallback}.` }),
      annotations: annotations('Annotations of the Service.'),
    })
    .prefault({})
    .meta({ description: what });

export const storage = z
  .object({
    metadataSize: storageSize(
      'Size of the metadata volume, mounted at /data/store/metadata. Required.',
    ),
    contentSize: storageSize(
      'Size of the content volume, mounted at /data/store/block, that holds the local block stores. Defaults to 10Gi.',
    ).default('10Gi'),
    controlPlaneSize: storageSize(
      'Size of the control-plane volume, mounted at /data/controlplane. Defaults to 1Gi.',
    ).default('1Gi'),
    storageClassName: objectName().optional().meta({
      description:
        'Storage class of the three volumes. Defaults to the function Input, else the cluster default.',
    }),
  })
  .meta({ description: 'Volumes of the server. Required.' });

export const dittoServerSpec = z
  .object({
    image: z
      .string()
      .min(1)
      .max(512)
      .regex(/^\S+$/, 'must be an image reference without spaces')
      .optional()
      .meta({
        description: 'DittoFS image. Defaults to the function Input (marmos91c/dittofs:v0.29.0).',
      }),
    replicas: z
      .int()
      .min(0)
      .max(1)
      .default(1)
      .meta({ description: '1 runs the server, 0 stops it (phase Stopped). Defaults to 1.' }),
    resources: resourceRequirements('Compute resources of the dittofs container.').optional(),
    storage,
    database: z
      .object({
        type: z.enum(['sqlite', 'postgres']).optional().meta({
          description:
            'Control-plane database. Defaults to postgres when spec.percona.enabled, else sqlite.',
        }),
        postgresSecretRef: z
          .object({
            name: objectName().meta({ description: 'Name of the Secret.' }),
            ...postgresSecretRefFields,
          })
          .optional()
          .meta({
            description:
              'External PostgreSQL: a Secret with keys host, database, user, password and optional port, sslmode.',
          }),
        ...databaseFields,
      })
      .prefault({})
      .meta({ description: 'The control-plane database.' }),
    percona: perconaSpec.prefault({}),
    controlPlane: z
      .object({
        port: port(8080, 'Port of the REST API and health endpoints.'),
        ...controlPlaneFields,
      })
      .prefault({})
      .meta({ description: 'The control-plane REST API.' }),
    adapters: z
      .object({ nfs: adapter(true, 12049, 'NFS'), smb: adapter(false, 12445, 'SMB') })
      .prefault({})
      .meta({ description: 'File protocol adapters and their Services.' }),
    service: serviceSpec('ClusterIP', 'The API Service <name>-api.'),
    adapterServices: serviceSpec(
      'LoadBalancer',
      'The NFS and SMB Services <name>-nfs and <name>-smb.',
    ),
    identity: z
      .object({
        jwt: z
          .object({
            secretRef: secretKeyRef(
              'Secret key holding the JWT signing key (at least 32 characters).',
            ),
            ...jwtFields,
          })
          .optional()
          .meta({
            description: 'JWT signing key. A Secret <name>-jwt-secret is generated when unset.',
          }),
        admin: z
          .object({
            passwordSecretRef: secretKeyRef(
              'Secret key holding the initial admin password (cleartext).',
            ),
            ...adminFields,
          })
          .optional()
          .meta({
            description:
              'Admin bootstrap password. A Secret <name>-admin-bootstrap-credentials is generated when unset.',
          }),
        ...identityFields,
      })
      .prefault({})
      .meta({ description: 'Credentials of the control plane.' }),
    logging: z
      .object({
        level: z
          .enum(['DEBUG', 'INFO', 'WARN', 'ERROR'])
          .default('INFO')
          .meta({ description: 'Log level. Defaults to INFO.' }),
        format: z
          .enum(['text', 'json'])
          .default('json')
          .meta({ description: 'Log format. Defaults to json.' }),
        ...loggingFields,
      })
      .prefault({})
      .meta({ description: 'Server logging.' }),
    metrics: z
      .object({
        enabled: z.boolean().default(false).meta({
          description: 'Serve Prometheus metrics and a <name>-metrics Service. Defaults to false.',
        }),
        port: port(9090, 'Port of the metrics endpoint.'),
        ...metricsFields,
      })
      .prefault({})
      .meta({ description: 'Prometheus metrics.' }),
    terminationGracePeriodSeconds: z.int().min(36).max(86400).default(105).meta({
      description:
        'Time the server gets to flush on shutdown. Defaults to 105 (preStop 5 + 3 x 30 + 10).',
    }),
    securityContext: containerSecurityContext.optional(),
    podSecurityContext: podSecurityContext.optional(),
    stores: stores.prefault({}),
    shares,
    networkPolicy: z
      .object({
        enabled: z.boolean().default(true).meta({
          description:
            'Compose a NetworkPolicy <name> that lets in only the API, the enabled adapters and metrics. Defaults to true.',
        }),
      })
      .prefault({})
      .meta({ description: 'Ingress to the server pod.' }),
    deletionProtection: z.boolean().default(false).meta({
      description:
        'Compose a Crossplane Usage that makes the API server refuse to delete this DittoServer (and so its volumes) until it is turned off. Defaults to false.',
    }),
    ...topLevelFields,
  })
  .meta({ description: 'A DittoFS NFS/SMB file server.' });

export type DittoServerSpec = z.output<typeof dittoServerSpec>;
