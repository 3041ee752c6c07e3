/**
 * Objects Crossplane fetched for our requirements. Crossplane v2 answers in
 * `required_resources`; older versions and `crossplane render --extra-resources` in the
 * deprecated `extra_resources`, so both are read: an empty answer in one does not hide the
 * other.
 */
import type { FunctionRequest } from '../wire/types.js';
import { isFields, type Fields } from './fields.js';

export function requiredObjects(req: FunctionRequest, requirement: string): readonly Fields[] {
  return [
    ...(req.requiredResources[requirement] ?? []),
    ...(req.extraResources[requirement] ?? []),
  ].filter(isFields);
}

/** The first object fetched for a requirement that names one object. */
export function requiredObject(req: FunctionRequest, requirement: string): Fields | undefined {
  return requiredObjects(req, requirement)[0];
}
