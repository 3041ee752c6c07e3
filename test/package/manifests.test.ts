import { describe, expect, it } from 'vitest';
import { functionInput } from '../../src/api/input.js';
import { manifests, validateManifest, validators } from './manifests.js';

const registry = validators();
const shipped = manifests('package', 'examples');

describe('every manifest under package/ and examples/', () => {
  it('finds the package and example files', () => {
    expect(new Set(shipped.map((m) => m.file))).toEqual(
      new Set([
        'examples/backups.yaml',
        'examples/claim.yaml',
        'examples/credentials-secret.yaml',
        'examples/functions.yaml',
        'examples/xr-full.yaml',
        'examples/xr-legacy.yaml',
        'examples/xr-restore.yaml',
        'examples/xr.yaml',
        'package/configuration/legacy/composition.yaml',
        'package/configuration/legacy/crossplane.yaml',
        'package/configuration/legacy/definition.yaml',
        'package/configuration/modern/composition.yaml',
        'package/configuration/modern/crossplane.yaml',
        'package/configuration/modern/definition.yaml',
        'package/function/crossplane.yaml',
        'package/function/input/dittoserver.fn.dittofs.com_inputs.yaml',
        'package/rbac/clusterrole.yaml',
        'package/rbac/without-rbac-manager.yaml',
        ...shipped.map((m) => m.file).filter((file) => file.startsWith('examples/observed/')),
      ]),
    );
  });

  it.each(shipped.map((m) => [`${m.file}#${m.index}`, m] as const))(
    '%s is valid against its schema',
    (_name, manifest) => {
      expect(validateManifest(registry, manifest.object)).toEqual([]);
    },
  );

  it.each(
    shipped
      .filter((m) => m.object.kind === 'Composition')
      .map((m) => [m.file, m.object.spec as { pipeline: { input?: unknown }[] }] as const),
  )('%s: every step input is a valid function Input', (_file, spec) => {
    for (const step of spec.pipeline) {
      expect(validateManifest(registry, step.input as Record<string, unknown>)).toEqual([]);
      expect(functionInput.safeParse(step.input).error).toBeUndefined();
    }
  });
});

/** Broken copies of shipped manifests: the validators must catch each one. */
type Obj = Record<string, unknown>;
type Edit = (o: Obj) => void;

/** The object at a dotted path of parsed YAML (`spec.pipeline.0`). */
function at(o: Obj, path: string): Obj {
  return path.split('.').reduce<Obj>((node, key) => {
    const next = node[key];
    if (typeof next !== 'object' || next === null) throw new Error(`no object at ${path}`);
    return next as Obj;
  }, o);
}

const broken: { reason: string; file: string; edit: Edit; want: string }[] = [
  {
    reason: 'a misspelt Composition field is pruned by the API server: reject it',
    file: 'package/configuration/modern/composition.yaml',
    edit: (o) => {
      const step = at(o, 'spec.pipeline.0');
      step.functionref = step.functionRef;
      delete step.functionRef;
    },
    want: "/spec/pipeline/0 must have required property 'functionRef'",
  },
  {
    reason: 'v2 XRDs cannot offer claims (CEL rule)',
    file: 'package/configuration/modern/definition.yaml',
    edit: (o) => {
      at(o, 'spec').claimNames = { kind: 'Claim', plural: 'claims' };
    },
    want: "(root).spec: Claims aren't supported in apiextensions.crossplane.io/v2",
  },
  {
    reason: 'a Function package must be fully qualified (CEL rule)',
    file: 'examples/functions.yaml',
    edit: (o) => {
      at(o, 'spec').package = 'function-dittoserver:v0.1.0';
    },
    want: "(root).spec.package: must be a fully qualified image name, including the registry, repository, and tag or digest. For example, 'registry.example.com/repo/package:tag' or 'registry.example.com/repo/package[:tag]@sha256:1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef'.",
  },
  {
    reason: 'the XR schema enforces the spec bounds',
    file: 'examples/xr.yaml',
    edit: (o) => {
      at(o, 'spec').replicas = 2;
    },
    want: '/spec/replicas must be <= 1',
  },
  {
    reason: 'the XR schema requires the storage block',
    file: 'examples/xr.yaml',
    edit: (o) => {
      delete at(o, 'spec').storage;
    },
    want: "/spec must have required property 'storage'",
  },
];

describe('the validators', () => {
  it.each(broken)('$reason', ({ file, edit, want }) => {
    const object = structuredClone(shipped.find((m) => m.file === file)?.object ?? {});
    edit(object);
    expect(validateManifest(registry, object)).toContain(want);
  });
});
