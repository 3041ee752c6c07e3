/**
 * Crossplane can compose and read every kind function-dittoserver asks of it: each is
 * covered by Crossplane's own ClusterRole (vendored from its Helm chart) or by the
 * ClusterRoles in package/rbac, and package/rbac grants nothing beyond that.
 */
import { describe, expect, it } from 'vitest';
import { COMPOSED_KINDS, REQUIRED_KINDS, type Kind } from '../../src/resources.js';
import { manifests } from './manifests.js';

type Use = 'compose' | 'require';
type FunctionKind = { readonly apiVersion: string; readonly kind: string; readonly use: Use };

/**
 * Every kind the function composes or requires. One list, to be replaced by the function's
 * own registry of kinds once it exists.
 */
const FUNCTION_KINDS: readonly FunctionKind[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', use: 'compose' },
  { apiVersion: 'v1', kind: 'Secret', use: 'compose' },
  { apiVersion: 'v1', kind: 'Service', use: 'compose' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', use: 'compose' },
  { apiVersion: 'apps/v1', kind: 'Deployment', use: 'compose' },
  { apiVersion: 'batch/v1', kind: 'Job', use: 'compose' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', use: 'compose' },
  { apiVersion: 'protection.crossplane.io/v1beta1', kind: 'Usage', use: 'compose' },
  { apiVersion: 'protection.crossplane.io/v1beta1', kind: 'ClusterUsage', use: 'compose' },
  { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGCluster', use: 'compose' },
  { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGRestore', use: 'compose' },
  { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGUpgrade', use: 'compose' },
  { apiVersion: 'v1', kind: 'Secret', use: 'require' },
  { apiVersion: 'v1', kind: 'Pod', use: 'require' },
  { apiVersion: 'pgv2.percona.com/v2', kind: 'PerconaPGBackup', use: 'require' },
];

/** The API resource (plural) of each kind, as RBAC rules name it. */
const RESOURCES: Readonly<Record<string, string>> = {
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Service: 'services',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Pod: 'pods',
  Deployment: 'deployments',
  Job: 'jobs',
  NetworkPolicy: 'networkpolicies',
  Usage: 'usages',
  ClusterUsage: 'clusterusages',
  PerconaPGCluster: 'perconapgclusters',
  PerconaPGRestore: 'perconapgrestores',
  PerconaPGUpgrade: 'perconapgupgrades',
  PerconaPGBackup: 'perconapgbackups',
};

/**
 * Composing: the verbs crossplane internal/engine/engine.go IsAuthorizedFor checks before
 * it composes a kind. Requiring: reading only.
 */
const VERBS: Readonly<Record<Use, readonly string[]>> = {
  compose: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  require: ['get', 'list', 'watch'],
};

type Rule = {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
};

/** One permission, written `group/resource verb` (the core group is empty). */
type Permission = string;

/** Whether a PolicyRule allows a verb on every object of a resource; `*` matches all. */
function allows(rule: Rule, permission: Permission): boolean {
  const [groupResource = '', verb = ''] = permission.split(' ');
  const slash = groupResource.lastIndexOf('/');
  const [group, resource] = [groupResource.slice(0, slash), groupResource.slice(slash + 1)];
  const has = (list: string[] | undefined, value: string) =>
    (list ?? []).some((item) => item === '*' || item === value);
  // A rule naming objects grants nothing on the others.
  if (rule.resourceNames?.length) return false;
  return has(rule.apiGroups, group) && has(rule.resources, resource) && has(rule.verbs, verb);
}

/** Every permission the function's kinds need from Crossplane's service account. */
function needed(): Permission[] {
  const out = FUNCTION_KINDS.flatMap(({ apiVersion, kind, use }) => {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const resource = RESOURCES[kind] ?? `<no resource for ${kind}>`;
    return VERBS[use].map((verb) => `${group ?? ''}/${resource} ${verb}`);
  });
  return [...new Set(out)].sort();
}

const rulesOf = (...paths: string[]): Rule[] =>
  manifests(...paths)
    .filter((m) => m.object.kind === 'ClusterRole')
    .flatMap((m) => (m.object.rules ?? []) as Rule[]);

const CROSSPLANE_ROLE = 'test/schemas/crossplane/helm/clusterrole.yaml';
const COMPOSED_ROLE = 'package/rbac/clusterrole.yaml';
const WITHOUT_RBAC_MANAGER = 'package/rbac/without-rbac-manager.yaml';
const crossplaneRules = rulesOf(CROSSPLANE_ROLE);
const packageRules = rulesOf(COMPOSED_ROLE);

/** Every permission a rule grants, wildcards as written. */
const expand = (rules: Rule[]): Permission[] =>
  rules
    .flatMap((rule) =>
      (rule.apiGroups ?? []).flatMap((group) =>
        (rule.resources ?? []).flatMap((resource) =>
          (rule.verbs ?? []).map((verb) => `${group}/${resource} ${verb}`),
        ),
      ),
    )
    .sort();

const uncovered = (rules: Rule[], permissions: Permission[]) =>
  permissions.filter((p) => !rules.some((rule) => allows(rule, p)));

describe('RBAC for what function-dittoserver composes and requires', () => {
  it('names the resource of every kind', () => {
    expect(FUNCTION_KINDS.filter(({ kind }) => !(kind in RESOURCES))).toEqual([]);
  });

  it("lists every kind of the function's registry (src/resources.ts), for its use", () => {
    const listed = (use: Use) =>
      FUNCTION_KINDS.filter((kind) => kind.use === use).map(({ apiVersion, kind }) => ({
        apiVersion,
        kind,
      }));
    const missing = (kinds: readonly Kind[], use: Use) =>
      kinds.filter(
        (kind) =>
          !listed(use).some((k) => k.apiVersion === kind.apiVersion && k.kind === kind.kind),
      );
    expect([missing(COMPOSED_KINDS, 'compose'), missing(REQUIRED_KINDS, 'require')]).toEqual([
      [],
      [],
    ]);
  });

  it("every permission is granted by Crossplane's role or by package/rbac", () => {
    expect(uncovered([...crossplaneRules, ...packageRules], needed())).toEqual([]);
  });

  it("package/rbac/clusterrole.yaml grants exactly what Crossplane's role lacks", () => {
    expect(expand(packageRules)).toEqual(uncovered(crossplaneRules, needed()));
  });

  it('the composed role aggregates into Crossplane and names no objects or wildcards', () => {
    const roles = manifests(COMPOSED_ROLE).map((m) => m.object);
    expect(roles.map((role) => (role.metadata as { labels?: unknown }).labels)).toEqual(
      roles.map(() => ({ 'rbac.crossplane.io/aggregate-to-crossplane': 'true' })),
    );
    expect(packageRules.filter((rule) => JSON.stringify(rule).includes('*'))).toEqual([]);
    expect(packageRules.filter((rule) => rule.resourceNames)).toEqual([]);
  });
});

type Xrd = { spec: { group: string; names: { plural: string }; claimNames?: { plural: string } } };

/** crossplane v2.3.4 internal/controller/rbac/definition/roles.go, the system role. */
function rbacManagerGrants(xrd: Xrd): Permission[] {
  const { group, names, claimNames } = xrd.spec;
  return [names.plural, ...(claimNames ? [claimNames.plural] : [])].flatMap((plural) => [
    `${group}/${plural} *`,
    `${group}/${plural}/status *`,
    `${group}/${plural}/finalizers update`,
  ]);
}

describe('package/rbac/without-rbac-manager.yaml', () => {
  const objects = manifests(WITHOUT_RBAC_MANAGER).map((m) => m.object);
  const xrds = manifests('package/configuration').filter(
    (m) => m.object.kind === 'CompositeResourceDefinition',
  );

  it('grants what the RBAC manager would for both XRDs', () => {
    const want = [...new Set(xrds.flatMap((m) => rbacManagerGrants(m.object as Xrd)))].sort();
    expect(expand(rulesOf(WITHOUT_RBAC_MANAGER))).toEqual(want);
  });

  it("binds its role and the composed role to the Helm chart's service account", () => {
    const names = [
      ...manifests(COMPOSED_ROLE, WITHOUT_RBAC_MANAGER)
        .filter((m) => m.object.kind === 'ClusterRole')
        .map((m) => (m.object.metadata as { name: string }).name),
    ].sort();
    expect(objects.filter((o) => o.kind === 'ClusterRoleBinding')).toEqual(
      names.map((name) => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ kind: 'ServiceAccount', name: 'crossplane', namespace: 'crossplane-system' }],
      })),
    );
  });
});

describe('allows (RBAC PolicyRule matching)', () => {
  it.each([
    {
      reason: 'exact group, resource and verb',
      rule: { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get'] },
      permission: 'batch/jobs get',
      want: true,
    },
    {
      reason: 'wildcards match anything',
      rule: { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      permission: 'pgv2.percona.com/perconapgclusters delete',
      want: true,
    },
    {
      reason: 'the core group is the empty string',
      rule: { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      permission: '/pods list',
      want: true,
    },
    {
      reason: 'another verb is not granted',
      rule: { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
      permission: 'apps/deployments delete',
      want: false,
    },
    {
      reason: 'another group is not granted',
      rule: { apiGroups: ['extensions'], resources: ['deployments'], verbs: ['*'] },
      permission: 'apps/deployments get',
      want: false,
    },
    {
      reason: 'a rule limited to named objects does not cover the resource',
      rule: { apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['one'] },
      permission: '/pods get',
      want: false,
    },
  ])('$reason', ({ rule, permission, want }) => {
    expect(allows(rule, permission)).toBe(want);
  });
});
