/**
 * The S3 credentials Secret, as Crossplane returns it for our requirement: what pgBackRest
 * can use of it. Values are read only to write the backup Secret; messages name keys only.
 */
import type { CredentialsSecretRef } from '../api/percona-spec.js';
import { at, isFields, text, type Fields } from './fields.js';

export type Credentials =
  /** The Secret already holds a pgBackRest INI file: reference it as it is. */
  | { readonly state: 'conf' }
  | { readonly state: 'keys'; readonly accessKeyId: string; readonly secretAccessKey: string }
  | { readonly state: 'missing' }
  /** The Secret exists but cannot be used; `problem` names keys, never values. */
  | { readonly state: 'invalid'; readonly problem: string };

function decode(data: unknown, key: string): string | undefined {
  const value = text(data, key);
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8').trim();
}

export function readCredentials(
  secret: Fields | undefined,
  ref: CredentialsSecretRef,
): Credentials {
  if (!secret) return { state: 'missing' };
  if (text(secret, 'kind') !== 'Secret' || text(secret, 'apiVersion') !== 'v1') {
    return { state: 'invalid', problem: `${ref.name} is not a v1 Secret` };
  }
  const data = at(secret, 'data');
  const keys = isFields(data) ? Object.keys(data) : [];
  if (keys.some((key) => key.endsWith('.conf'))) return { state: 'conf' };
  const accessKeyId = decode(data, ref.accessKeyIdKey);
  const secretAccessKey = decode(data, ref.secretAccessKeyKey);
  if (!accessKeyId || !secretAccessKey) {
    const absent = [
      ...(accessKeyId ? [] : [ref.accessKeyIdKey]),
      ...(secretAccessKey ? [] : [ref.secretAccessKeyKey]),
    ];
    return {
      state: 'invalid',
      problem: `Secret ${ref.name} has no value for key ${absent.join(' or key ')}`,
    };
  }
  const broken = [
    ...(/[\r\n]/.test(accessKeyId) ? [ref.accessKeyIdKey] : []),
    ...(/[\r\n]/.test(secretAccessKey) ? [ref.secretAccessKeyKey] : []),
  ];
  if (broken.length > 0) {
    return {
      state: 'invalid',
      problem: `Secret ${ref.name} key ${broken.join(' and key ')} holds a line break`,
    };
  }
  return { state: 'keys', accessKeyId, secretAccessKey };
}
