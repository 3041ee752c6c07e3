import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_API_VERSION, INPUT_KIND } from '../../src/api/input.js';
import { FUNCTION_NAME, FUNCTION_REPOSITORY, toDnsLabel } from '../../scripts/package-names.js';
import { LEGACY_XRD, MODERN_XRD, ROOT, loadYaml, manifests } from './manifests.js';

/** The parts of the package files these tests read. */
type Xrd = {
  spec: {
    group: string;
    names: { kind: string };
    defaultCompositionRef: unknown;
    versions: { name: string }[];
  };
};
type Composition = {
  metadata: { name: string };
  spec: {
    compositeTypeRef: unknown;
    pipeline: { functionRef: { name: string }; input: { apiVersion: string; kind: string } }[];
  };
};
type ConfigurationMeta = { spec: { dependsOn: unknown } };

describe('toDnsLabel (crossplane internal/xpkg/name.go)', () => {
  it.each([
    {
      reason: 'the repository path of our package',
      input: 'dittofs/function-dittoserver',
      want: 'dittofs-function-dittoserver',
    },
    {
      reason: 'the template names its function this way',
      input: 'crossplane/function-template-typescript',
      want: 'crossplane-function-template-typescript',
    },
    { reason: 'upper case and underscores are dropped', input: 'Acme_Corp/fn', want: 'cmeorp-fn' },
    { reason: 'leading and trailing separators are trimmed', input: '/a.b:c-', want: 'a-b-c' },
    {
      reason: 'only the first 63 characters count',
      input: 'a'.repeat(70),
      want: 'a'.repeat(63),
    },
  ])('$reason', ({ input, want }) => {
    expect(toDnsLabel(input)).toBe(want);
  });
});

const FLAVOURS = [
  { flavour: 'modern', xrd: MODERN_XRD, kind: 'DittoServer' },
  { flavour: 'legacy', xrd: LEGACY_XRD, kind: 'XDittoServer' },
] as const;

describe('names agree across packages, Compositions and examples', () => {
  it('the render Function is the one Crossplane installs from the dependency', () => {
    expect(loadYaml('examples/functions.yaml')).toEqual({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'Function',
      metadata: {
        name: FUNCTION_NAME,
        annotations: { 'render.crossplane.io/runtime': 'Development' },
      },
      spec: { package: `${FUNCTION_REPOSITORY}:v0.1.0` },
    });
  });

  it.each(FLAVOURS)(
    '$flavour: Configuration, XRD and Composition match',
    ({ flavour, xrd, kind }) => {
      const root = `package/configuration/${flavour}`;
      const definition = loadYaml(xrd) as Xrd;
      const composition = loadYaml(`${root}/composition.yaml`) as Composition;
      const meta = loadYaml(`${root}/crossplane.yaml`) as ConfigurationMeta;
      const version = definition.spec.versions[0]?.name ?? '';
      expect(definition.spec.names.kind).toBe(kind);
      expect(definition.spec.defaultCompositionRef).toEqual({ name: composition.metadata.name });
      expect(composition.spec.compositeTypeRef).toEqual({
        apiVersion: `${definition.spec.group}/${version}`,
        kind,
      });
      expect(composition.spec.pipeline.map((s) => s.functionRef.name)).toEqual([FUNCTION_NAME]);
      expect(composition.spec.pipeline.map((s) => [s.input.apiVersion, s.input.kind])).toEqual([
        [INPUT_API_VERSION, INPUT_KIND],
      ]);
      expect(meta.spec.dependsOn).toEqual([
        {
          apiVersion: 'pkg.crossplane.io/v1',
          kind: 'Function',
          package: FUNCTION_REPOSITORY,
          version: '>=v0.1.0',
        },
      ]);
      expect(toDnsLabel(FUNCTION_REPOSITORY.split('/').slice(1).join('/'))).toBe(FUNCTION_NAME);
    },
  );

  it('the package source annotations name one repository', () => {
    const sources = manifests('package')
      .map(
        (m) =>
          (m.object.metadata as { annotations?: Record<string, string> } | undefined)
            ?.annotations?.['meta.crossplane.io/source'],
      )
      .filter((source) => source !== undefined);
    expect(sources).toEqual(Array(3).fill('github.com/dittofs/function-dittoserver'));
  });
});

/**
 * crossplane internal/xpkg/lint.go: a package root holds exactly one meta object, and a
 * Function package only CRDs besides it, a Configuration only XRDs and Compositions.
 */
const PACKAGE_ROOTS = [
  {
    root: 'package/function',
    meta: 'meta.pkg.crossplane.io/v1/Function',
    allowed: ['apiextensions.k8s.io/v1/CustomResourceDefinition'],
  },
  ...['modern', 'legacy'].map((flavour) => ({
    root: `package/configuration/${flavour}`,
    meta: 'meta.pkg.crossplane.io/v1/Configuration',
    allowed: [
      `apiextensions.crossplane.io/${flavour === 'modern' ? 'v2' : 'v1'}/CompositeResourceDefinition`,
      'apiextensions.crossplane.io/v1/Composition',
    ],
  })),
];

describe('each package root builds exactly one package (xpkg lint)', () => {
  it.each(PACKAGE_ROOTS)('$root', ({ root, meta, allowed }) => {
    const kinds = manifests(root).map(
      (m) => `${String(m.object.apiVersion)}/${String(m.object.kind)}`,
    );
    expect(kinds.filter((kind) => kind.startsWith('meta.pkg.crossplane.io/'))).toEqual([meta]);
    expect(kinds.filter((kind) => !kind.startsWith('meta.pkg.crossplane.io/')).sort()).toEqual(
      [...allowed].sort(),
    );
  });

  it('no package root sits inside another', () => {
    const roots = readdirSync(join(ROOT, 'package'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.name === 'crossplane.yaml')
      .map((entry) => join(entry.parentPath, entry.name).slice(ROOT.length + 1));
    expect(roots.sort()).toEqual(PACKAGE_ROOTS.map((p) => `${p.root}/crossplane.yaml`).sort());
  });
});
