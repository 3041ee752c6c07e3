/**
 * Validation of any object the function composes, by kind: the Percona cluster, restores and
 * upgrades against their CRDs (defaults and CEL rules applied), Crossplane's Usages against
 * theirs, the rest against the Kubernetes schemas. An empty list means the API server would
 * accept it.
 */
import { validators } from '../package/manifests.js';
import { validateKubeObject } from './kube-schema.js';
import { validatePerconaObject, validatePerconaPGCluster } from './percona-crd.js';

let crossplaneKinds: ReturnType<typeof validators> | undefined;

export function validateComposedObject(object: Record<string, unknown>): string[] {
  const kind = `${String(object.apiVersion)}/${String(object.kind)}`;
  if (kind === 'pgv2.percona.com/v2/PerconaPGCluster') return validatePerconaPGCluster(object);
  if (kind === 'pgv2.percona.com/v2/PerconaPGRestore')
    return validatePerconaObject('PerconaPGRestore', object);
  if (kind === 'pgv2.percona.com/v2/PerconaPGUpgrade')
    return validatePerconaObject('PerconaPGUpgrade', object);
  if (String(object.apiVersion).startsWith('protection.crossplane.io/')) {
    crossplaneKinds ??= validators();
    const validate = crossplaneKinds.get(kind);
    return validate ? validate(object) : [`unknown kind ${kind}`];
  }
  return validateKubeObject(object);
}
