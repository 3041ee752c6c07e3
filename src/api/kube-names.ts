/**
 * The name rules the API server applies to fields the spec copies into composed objects,
 * checked here so a bad value is a FATAL result naming the field, not an apply error.
 * They are refinements, not patterns: the XRD schema stays as it is.
 */
import * as z from './zod.js';

/** RFC 1123 subdomain: Secret and StorageClass names (validation.IsDNS1123Subdomain). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDnsSubdomain(text: string): boolean {
  return text.length <= 253 && DNS_SUBDOMAIN.test(text);
}

/** A Secret data key (validation.IsConfigMapKey). */
export function isSecretKey(text: string): boolean {
  return /^[-._a-zA-Z0-9]+$/.test(text) && text !== '.' && !text.startsWith('..');
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** `name` or `prefix/name`, as annotation keys are (validation.IsQualifiedName). */
export function isQualifiedName(text: string): boolean {
  const parts = text.split('/');
  const name = parts.at(-1) ?? '';
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (parts.length > 2 || name.length > 63 || !NAME_PART.test(name)) return false;
  return prefix === undefined || isDnsSubdomain(prefix);
}

/**
 * A container resource: a standard one, a huge page size, or an extended resource, which
 * must carry a domain prefix (validateContainerResourceName).
 */
export function isContainerResourceName(text: string): boolean {
  if (['cpu', 'memory', 'ephemeral-storage'].includes(text)) return true;
  if (text.startsWith('hugepages-')) return true;
  return text.includes('/') && !/(^|\.)kubernetes\.io\//.test(text) && isQualifiedName(text);
}

/** The name of an object in the server's namespace, such as a Secret or a StorageClass. */
export const objectName = () =>
  z
    .string()
    .min(1)
    .max(253)
    .refine(isDnsSubdomain, 'must be a lowercase DNS subdomain (letters, digits, - and .)');

/** A key of a Secret's data. */
export const secretDataKey = () =>
  z.string().min(1).refine(isSecretKey, 'must be a Secret key: letters, digits, -, _ and . only');

/** Every key of a map passes `valid`; each offending key is named in the path. */
export const keysMatching =
  (valid: (key: string) => boolean, message: string) =>
  (map: Readonly<Record<string, unknown>>, ctx: z.core.$RefinementCtx) => {
    for (const key of Object.keys(map)) {
      if (!valid(key)) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  };
