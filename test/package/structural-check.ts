/**
 * An independent check of the Kubernetes structural-schema rules the generated XRDs and
 * Input CRD must meet (apiextensions-apiserver validation), walked node by node.
 */
import { isObject } from '../support/crd-structural.js';

const NODE_KEYS = ['properties', 'additionalProperties', 'items'] as const;

/** Every violation, as `path: problem`; empty for a valid structural schema. */
export function structuralProblems(node: unknown, path = '(root)'): string[] {
  if (!isObject(node)) return [`${path}: not a schema object`];
  const problems: string[] = [];
  if ('$schema' in node || '$ref' in node || '$defs' in node)
    problems.push(`${path}: JSON Schema keywords Kubernetes rejects`);
  if ('properties' in node && 'additionalProperties' in node)
    problems.push(`${path}: properties beside additionalProperties`);
  for (const keyword of ['anyOf', 'oneOf', 'allOf', 'not'])
    if (keyword in node) problems.push(`${path}: ${keyword} is not used in these schemas`);
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  if (
    typeof node.type !== 'string' &&
    !intOrString &&
    node['x-kubernetes-preserve-unknown-fields'] !== true
  )
    problems.push(`${path}: no type`);
  if (intOrString && 'type' in node) problems.push(`${path}: int-or-string with a type`);
  for (const bound of ['minimum', 'maximum'])
    if (Math.abs(Number(node[bound] ?? 0)) >= 2 ** 53 - 1)
      problems.push(`${path}: safe-integer ${bound}`);
  if (isObject(node.default) && Object.keys(node.default).length === 0)
    problems.push(`${path}: default {}`);
  if (typeof node.pattern === 'string' && /\(\?<?[=!]|\\[1-9]|\\k</.test(node.pattern))
    problems.push(`${path}: pattern is not RE2`);
  for (const key of NODE_KEYS) {
    const child = node[key];
    if (key === 'properties' && isObject(child)) {
      for (const [name, property] of Object.entries(child))
        problems.push(...structuralProblems(property, `${path}.${name}`));
    } else if (isObject(child))
      problems.push(...structuralProblems(child, `${path}${key === 'items' ? '[]' : '[*]'}`));
  }
  return problems;
}
