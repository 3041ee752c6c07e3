/**
 * The backup credentials Secret as Crossplane returns it for the function's requirement,
 * in every state it can be in, with the secret values it carries.
 */
import fc from 'fast-check';
import type { JsonObject } from '../../fixtures/xr.js';
import type { CredentialsRef } from './scenario.js';
import { secretValue } from './name-arbitraries.js';

export type CredentialsWorld = {
  /** What `required_resources` (or `extra_resources`) holds; undefined: not answered yet. */
  readonly items: readonly JsonObject[] | undefined;
  readonly viaExtraResources: boolean;
  /** Every secret value the items carry, as written (before base64). */
  readonly secrets: readonly string[];
};

const b64 = (text: string) => Buffer.from(text).toString('base64');

function secret(ref: CredentialsRef, namespace: string, data: unknown): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: ref.name, namespace, resourceVersion: '812' },
    type: 'Opaque',
    data: data as JsonObject,
  };
}

type Shape = 'plain' | 'conf' | 'one-key' | 'line-break' | 'config-map' | 'data-not-object';

function items(
  shape: Shape,
  ref: CredentialsRef,
  namespace: string,
  [id, key, extra]: readonly [string, string, string],
): { items: JsonObject[]; secrets: string[] } {
  const { accessKeyIdKey: idKey, secretAccessKeyKey: keyKey } = ref;
  switch (shape) {
    case 'plain':
      return {
        items: [secret(ref, namespace, { [idKey]: b64(id), [keyKey]: b64(key) })],
        secrets: [id, key],
      };
    case 'conf': {
      const conf = `[global]\nrepo1-s3-key=${id}\nrepo1-s3-key-secret=${key}\n`;
      return { items: [secret(ref, namespace, { 's3.conf': b64(conf) })], secrets: [id, key] };
    }
    case 'one-key':
      return { items: [secret(ref, namespace, { [idKey]: b64(id) })], secrets: [id] };
    case 'line-break':
      return {
        items: [secret(ref, namespace, { [idKey]: b64(`${id}\n${extra}`), [keyKey]: b64(key) })],
        secrets: [id, key, extra],
      };
    case 'config-map':
      return {
        items: [{ ...secret(ref, namespace, { [idKey]: id, [keyKey]: key }), kind: 'ConfigMap' }],
        secrets: [id, key],
      };
    case 'data-not-object':
      return { items: [secret(ref, namespace, `${id}:${key}`)], secrets: [id, key] };
  }
}

/** One reconcile's view of the credentials Secret named by `ref`. */
export function credentialsWorld(
  ref: CredentialsRef,
  namespace: string,
): fc.Arbitrary<CredentialsWorld> {
  const shape = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<Shape>('plain', 'conf') },
    fc.constantFrom<Shape>('one-key', 'line-break', 'config-map', 'data-not-object'),
  );
  const notAnswered = fc.constant({ items: undefined, viaExtraResources: false, secrets: [] });
  const notFound = fc.record({
    items: fc.constant([]),
    viaExtraResources: fc.boolean(),
    secrets: fc.constant([]),
  });
  const found = fc
    .record({
      shape,
      values: fc.tuple(secretValue, secretValue, secretValue),
      viaExtraResources: fc.boolean(),
      second: fc.boolean(),
    })
    .map(({ shape: chosen, values, viaExtraResources, second }) => {
      const first = items(chosen, ref, namespace, values);
      // A second item (Crossplane matched more than one object) is never read.
      const other = second
        ? items('plain', { ...ref, name: `${ref.name}-2` }, namespace, values).items
        : [];
      return { items: [...first.items, ...other], viaExtraResources, secrets: first.secrets };
    });
  return fc.oneof(notAnswered, notFound, { weight: 4, arbitrary: found });
}
