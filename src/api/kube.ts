/**
 * Zod schemas for the Kubernetes shapes the DittoServer spec reuses. Each one is the
 * runtime parser, the TypeScript type and (through scripts/generate.ts) the XRD schema.
 */
import * as z from 'zod';
import {
  isContainerResourceName,
  isQualifiedName,
  keysMatching,
  objectName,
  secretDataKey,
} from './kube-names.js';
import { QUANTITY_PATTERN, isQuantity, quantityValue } from './quantity.js';

const QUANTITY_MESSAGE = 'must be a Kubernetes quantity such as 10Gi or 500m';

/** A quantity as a string, the way storage sizes are written (`10Gi`). */
export const storageSize = (description: string) =>
  z
    .string()
    .regex(new RegExp(QUANTITY_PATTERN), QUANTITY_MESSAGE)
    .refine((text) => (quantityValue(text) ?? 0) > 0, 'must be a positive size')
    .meta({ description });

/** A quantity as Kubernetes accepts it in resources: `500m`, `1Gi` or a bare integer. */
export const resourceQuantity = z
  .union(
    [z.int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().refine(isQuantity, QUANTITY_MESSAGE)],
    {
      error: QUANTITY_MESSAGE,
    },
  )
  .meta({ 'x-kubernetes-int-or-string': true, pattern: QUANTITY_PATTERN });

/** Resource name -> quantity; the API server refuses an unprefixed unknown resource. */
const resourceList = () =>
  z
    .record(z.string(), resourceQuantity)
    .superRefine(
      keysMatching(
        isContainerResourceName,
        'must be cpu, memory, ephemeral-storage, hugepages-<size> or a prefixed extended resource such as nvidia.com/gpu',
      ),
    );

export const resourceRequirements = (description: string) =>
  z
    .object({
      limits: resourceList()
        .optional()
        .meta({ description: 'Maximum amount of compute resources allowed.' }),
      requests: resourceList()
        .optional()
        .meta({ description: 'Minimum amount of compute resources required.' }),
    })
    .meta({ description });

export type ResourceRequirements = z.output<ReturnType<typeof resourceRequirements>>;

export const secretKeyRef = (description: string) =>
  z
    .object({
      name: objectName().meta({
        description: 'Name of the Secret in the namespace of the server.',
      }),
      key: secretDataKey().max(253).meta({ description: 'Key in the Secret.' }),
    })
    .meta({ description });

export const annotations = (description: string) =>
  z
    .record(z.string(), z.string())
    .superRefine(
      keysMatching(
        isQualifiedName,
        'is not an annotation key: up to 63 letters, digits, -, _ and ., optionally after a DNS subdomain and /',
      ),
    )
    .optional()
    .meta({ description });

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

export const port = (fallback: number, description: string) =>
  z
    .int()
    .min(1)
    .max(65535)
    .default(fallback)
    .meta({ description: `${description} Defaults to ${fallback}.` });

const seccompProfile = z
  .object({
    type: z
      .enum(['RuntimeDefault', 'Localhost', 'Unconfined'])
      .meta({ description: 'Kind of seccomp profile.' }),
    localhostProfile: z
      .string()
      .optional()
      .meta({ description: 'Profile file on the node, for type Localhost.' }),
  })
  .superRefine(({ type, localhostProfile }, ctx) => {
    // The API server wants localhostProfile set if, and only if, the type is Localhost.
    if ((type === 'Localhost') === (localhostProfile !== undefined && localhostProfile !== ''))
      return;
    const message =
      type === 'Localhost'
        ? 'required when type is Localhost'
        : 'only allowed when type is Localhost';
    ctx.addIssue({ code: 'custom', path: ['localhostProfile'], message });
  })
  .meta({ description: 'Seccomp options.' });

const seLinuxOptions = z
  .object({ level: z.string(), role: z.string(), type: z.string(), user: z.string() })
  .partial()
  .meta({ description: 'SELinux context.' });

const id = (description: string) => z.int().min(0).max(2147483647).optional().meta({ description });

/** Container security context fields a user may set; merged over the hardened defaults. */
export const containerSecurityContext = z
  .object({
    allowPrivilegeEscalation: z.boolean().optional().meta({ description: 'Defaults to false.' }),
    capabilities: z
      .object({
        add: z.array(z.string()).optional().meta({ description: 'Capabilities to add.' }),
        drop: z
          .array(z.string())
          .optional()
          .meta({ description: 'Capabilities to drop. Defaults to [ALL].' }),
      })
      .optional()
      .meta({ description: 'Linux capabilities.' }),
    privileged: z.boolean().optional().meta({ description: 'Defaults to false.' }),
    readOnlyRootFilesystem: z.boolean().optional().meta({
      description: 'Left unset by default: the server writes to its temporary directory.',
    }),
    runAsGroup: id('Defaults to 65532, the image group.'),
    runAsNonRoot: z.boolean().optional().meta({ description: 'Defaults to true.' }),
    runAsUser: id('Defaults to 65532, the image user.'),
    seLinuxOptions: seLinuxOptions.optional(),
    seccompProfile: seccompProfile.optional().meta({ description: 'Defaults to RuntimeDefault.' }),
  })
  .meta({
    description: 'Security context of the dittofs container, merged over the hardened defaults.',
  });

export type ContainerSecurityContext = z.output<typeof containerSecurityContext>;

/** Pod security context fields a user may set; merged over the hardened defaults. */
export const podSecurityContext = z
  .object({
    fsGroup: id('Defaults to 65532 so the volumes are writable by the image user.'),
    fsGroupChangePolicy: z
      .enum(['OnRootMismatch', 'Always'])
      .optional()
      .meta({ description: 'Defaults to OnRootMismatch.' }),
    runAsGroup: id('Group for all containers.'),
    runAsNonRoot: z.boolean().optional().meta({ description: 'Defaults to true.' }),
    runAsUser: id('User for all containers.'),
    seLinuxOptions: seLinuxOptions.optional(),
    seccompProfile: seccompProfile.optional().meta({ description: 'Defaults to RuntimeDefault.' }),
    supplementalGroups: z
      .array(z.int().min(0).max(2147483647))
      .optional()
      .meta({ description: 'Extra groups.' }),
  })
  .meta({ description: 'Pod security context, merged over the hardened defaults.' });

export type PodSecurityContext = z.output<typeof podSecurityContext>;
