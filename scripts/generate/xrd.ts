/**
 * The two CompositeResourceDefinitions of api.md §1, built from the zod schemas. A cluster
 * installs one of them: the modern namespaced XR, or the legacy cluster XR with a claim.
 */
import { z } from 'zod';
import { dittoServerSpec } from '../../src/api/spec.js';
import { dittoServerStatus } from '../../src/api/status.js';
import { CONNECTION_KEYS } from '../../src/compose/connection-secret.js';
import { toStructural, type Schema } from './structural.js';

export const XR_GROUP = 'storage.dittofs.com';
export const XR_VERSION = 'v1alpha1';

export const MODERN = { kind: 'DittoServer', plural: 'dittoservers' } as const;
export const LEGACY = { kind: 'XDittoServer', plural: 'xdittoservers' } as const;
export const LEGACY_CLAIM = { kind: 'DittoServer', plural: 'dittoservers' } as const;

/** Composition names; each XRD selects its own by default. */
export const MODERN_COMPOSITION = `${MODERN.plural}.${XR_GROUP}`;
export const LEGACY_COMPOSITION = `${LEGACY.plural}.${XR_GROUP}`;

function jsonSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' });
}

/** The XR schema: spec (required) and the status the function owns. */
export function xrSchema(): Schema {
  return {
    type: 'object',
    description: 'A DittoFS NFS/SMB file server, composed by function-dittoserver.',
    properties: {
      spec: toStructural(jsonSchema(dittoServerSpec), 'spec'),
      status: toStructural(jsonSchema(dittoServerStatus), 'status', { dropRequired: true }),
    },
    required: ['spec'],
  };
}

/**
 * Columns like the DittoFS operator's. Crossplane appends SYNCED, READY, COMPOSITION and
 * AGE to every XR (xcrd.CompositeResourcePrinterColumns), so the operator's Ready and Age
 * columns would print twice: ready replicas go under READY-REPLICAS, and Age is Crossplane's.
 */
export const PRINTER_COLUMNS = [
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Ready-Replicas', type: 'integer', jsonPath: '.status.readyReplicas' },
  { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
  { name: 'Status', type: 'string', jsonPath: '.status.phase' },
] as const;

function version() {
  return {
    name: XR_VERSION,
    served: true,
    referenceable: true,
    additionalPrinterColumns: PRINTER_COLUMNS,
    schema: { openAPIV3Schema: xrSchema() },
  };
}

const names = (kind: string, plural: string) => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  categories: ['crossplane', 'dittofs'],
});

/** Crossplane v2 XRD: namespaced XRs, composed resources in the XR's namespace. */
export function modernXrd() {
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${MODERN.plural}.${XR_GROUP}` },
    spec: {
      group: XR_GROUP,
      names: names(MODERN.kind, MODERN.plural),
      scope: 'Namespaced',
      defaultCompositionRef: { name: MODERN_COMPOSITION },
      versions: [version()],
    },
  };
}

/** Crossplane v1-style XRD: cluster XRs offered to namespaces through a claim. */
export function legacyXrd() {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${LEGACY.plural}.${XR_GROUP}` },
    spec: {
      group: XR_GROUP,
      names: names(LEGACY.kind, LEGACY.plural),
      claimNames: names(LEGACY_CLAIM.kind, LEGACY_CLAIM.plural),
      scope: 'LegacyCluster',
      // What the function returns as connection details: a claim's writeConnectionSecretToRef
      // gets these keys, as the modern XR's <name>-connection Secret holds them.
      connectionSecretKeys: [...CONNECTION_KEYS],
      defaultCompositionRef: { name: LEGACY_COMPOSITION },
      versions: [version()],
    },
  };
}
