/**
 * The check `crossplane composition render` makes of the observed resources before it
 * reconciles (crossplane v2.3.4 internal/render/composite/render.go:340-364,
 * CheckObservedResources). Classic render (v2.2) makes none, but an observed file that fails
 * it breaks the new CLI (v2.3.4+ exits with this error; v2.3.0-v2.3.3 silently ignore the
 * resources), so `npm run render` refuses it too.
 */
import { isObject, metaString, str, type KubeObject } from './load.js';

export class ObservedResourcesError extends Error {}

/** metav1.GetControllerOf: the first owner reference with `controller: true`. */
function controllerOf(obj: KubeObject): KubeObject | undefined {
  const refs = isObject(obj.metadata) ? obj.metadata.ownerReferences : undefined;
  return (Array.isArray(refs) ? refs : []).filter(isObject).find((ref) => ref.controller === true);
}

/**
 * Every observed resource has no controller or is controlled by the XR's UID, and sits in
 * the XR's namespace when the XR has one. Go joins the errors with newlines; they are
 * joined with "; " here to keep the message on one line.
 */
export function checkObservedResources(xr: KubeObject, observed: readonly KubeObject[]): void {
  const uid = metaString(xr, 'uid');
  const namespace = metaString(xr, 'namespace');
  const problems: string[] = [];
  for (const obj of observed) {
    const name = metaString(obj, 'name');
    const controller = controllerOf(obj);
    if (controller && str(controller.uid) !== uid)
      problems.push(
        `observed resource ${name} has a controller ref but is not controlled by the XR`,
      );
    if (namespace && metaString(obj, 'namespace') !== namespace)
      problems.push(`observed resource ${name} is not in the same namespace as the XR`);
  }
  if (problems.length)
    throw new ObservedResourcesError(`invalid observed resources: ${problems.join('; ')}`);
}
