/**
 * Zod schemas for the Kubernetes shapes the DittoServer spec reuses. Each one is the
 * runtime parser, the TypeScript type and (through scripts/generate.ts) the XRD schema.
 */
import * as z from './zod.js';
import {
  isContainerResourceName,
  isQualifiedName,
  keysMatching,
  objectName,
  secretDataKey,
} from './kube-names.js';
import {
  unsupported,
  unsupportedList,
  unsupportedObject,
  unsupportedSwitch,
  unsupportedUnless,
} from './operator-fields.js';
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

type ResourceList = Readonly<Record<string, number | string>>;

/** The value of a resource quantity in base units, or undefined if it is not one. */
function amount(quantity: number | string | undefined): number | undefined {
  return typeof quantity === 'string' ? quantityValue(quantity) : quantity;
}

/**
 * The API server refuses a request above its limit (ValidateResourceRequirements). Values
 * are compared as numbers with a relative tolerance, so `1` and `1000m` are equal.
 */
function requestsWithinLimits(
  { limits, requests }: { limits?: ResourceList | undefined; requests?: ResourceList | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (!limits || !requests) return;
  for (const [name, requested] of Object.entries(requests)) {
    const limit = limits[name];
    const [low, high] = [amount(limit), amount(requested)];
    if (limit === undefined || low === undefined || high === undefined) continue;
    if (high <= low + Math.abs(low) * 1e-12) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['requests', name],
      message: `is above its limit ${String(limit)}: the API server refuses a request above its limit`,
    });
  }
}

export const resourceRequirements = (description: string) =>
  z
    .object({
      limits: resourceList()
        .optional()
        .meta({ description: 'Maximum amount of compute resources allowed.' }),
      requests: resourceList().optional().meta({
        description: 'Minimum amount of compute resources required; at most the limit.',
      }),
      claims: unsupportedList('dynamic resource claims'),
    })
    .superRefine(requestsWithinLimits)
    // Refused unless empty, so it asks for nothing: the model leaves it out.
    .transform(({ claims: _claims, ...supported }) => supported)
    .meta({ description });

export type ResourceRequirements = z.output<ReturnType<typeof resourceRequirements>>;

export const secretKeyRef = (description: string) =>
  z
    .object({
      name: objectName().meta({
        description: 'Name of the Secret in the namespace of the server.',
      }),
      key: secretDataKey().max(253).meta({ description: 'Key in the Secret.' }),
      optional: unsupportedSwitch('an optional Secret'),
    })
    .transform(({ optional: _optional, ...supported }) => supported)
    .meta({ description });

/** The API server's limit on an object's annotations, keys plus values (TotalAnnotationSizeLimitB). */
export const ANNOTATIONS_LIMIT = 256 * 1024;

/**
 * What Crossplane adds to each composed object: `crossplane.io/composition-resource-name`
 * with the resource key (at most `metrics-service`).
 */
const CROSSPLANE_ANNOTATIONS = 'crossplane.io/composition-resource-name'.length + 15;

function annotationsFit(map: Readonly<Record<string, string>>, ctx: z.core.$RefinementCtx): void {
  let bytes = CROSSPLANE_ANNOTATIONS;
  for (const [key, value] of Object.entries(map)) {
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes <= ANNOTATIONS_LIMIT) return;
  ctx.addIssue({
    code: 'custom',
    message: `hold ${bytes - CROSSPLANE_ANNOTATIONS} bytes (keys plus values): with the ${CROSSPLANE_ANNOTATIONS} Crossplane adds, the Service's annotations would pass the API server's limit of ${ANNOTATIONS_LIMIT} bytes (256 KiB)`,
  });
}

/** Annotations copied onto one composed Service. */
export const annotations = (description: string) =>
  z
    .record(z.string(), z.string())
    .superRefine(
      keysMatching(
        isQualifiedName,
        'is not an annotation key: up to 63 letters, digits, -, _ and ., optionally after a DNS subdomain and /',
      ),
    )
    .superRefine(annotationsFit)
    .optional()
    .meta({
      description: `${description} Keys plus values at most 256 KiB, less what Crossplane adds.`,
    });

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

export const port = (fallback: number, description: string) =>
  z
    .int()
    .min(1)
    .max(65535)
    .default(fallback)
    .meta({ description: `${description} Defaults to ${fallback}.` });

/**
 * The API server wants localhostProfile set if, and only if, the type is Localhost, and as
 * a descending path: relative, with no `..` segment (validateLocalDescendingPath).
 */
function localhostProfileProblem(type: string, profile: string | undefined): string | undefined {
  const set = profile !== undefined && profile !== '';
  if (type !== 'Localhost') return set ? 'only allowed when type is Localhost' : undefined;
  if (!set) return 'required when type is Localhost';
  if (profile.startsWith('/'))
    return "must be a relative path (under the kubelet's seccomp directory)";
  return profile.split('/').includes('..') ? "must not contain '..'" : undefined;
}

const seccompProfile = z
  .object({
    type: z
      .enum(['RuntimeDefault', 'Localhost', 'Unconfined'])
      .meta({ description: 'Kind of seccomp profile.' }),
    localhostProfile: z.string().optional().meta({
      description:
        "Profile file on the node, for type Localhost: a path relative to the kubelet's seccomp directory, without '..'.",
    }),
  })
  .superRefine(({ type, localhostProfile }, ctx) => {
    const message = localhostProfileProblem(type, localhostProfile);
    if (message) ctx.addIssue({ code: 'custom', path: ['localhostProfile'], message });
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
    appArmorProfile: unsupportedObject('AppArmor profiles'),
    procMount: unsupportedUnless('Default', 'a /proc mount type'),
    windowsOptions: unsupportedObject('Windows options: DittoFS runs on Linux'),
  })
  // What passes of these asks for the Kubernetes default: the model leaves them out.
  .transform(
    ({ appArmorProfile: _a, procMount: _p, windowsOptions: _w, ...supported }) => supported,
  )
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
    appArmorProfile: unsupportedObject('AppArmor profiles'),
    windowsOptions: unsupportedObject('Windows options: DittoFS runs on Linux'),
    sysctls: unsupportedList('sysctls'),
    seLinuxChangePolicy: unsupported(z.string(), 'an SELinux relabelling policy (remove it)'),
    supplementalGroupsPolicy: unsupportedUnless('Merge', 'a supplemental groups policy'),
  })
  // What passes of these asks for the Kubernetes default: the model leaves them out.
  .transform(
    ({
      appArmorProfile: _a,
      windowsOptions: _w,
      sysctls: _s,
      seLinuxChangePolicy: _c,
      supplementalGroupsPolicy: _g,
      ...supported
    }) => supported,
  )
  .meta({ description: 'Pod security context, merged over the hardened defaults.' });

export type PodSecurityContext = z.output<typeof podSecurityContext>;
