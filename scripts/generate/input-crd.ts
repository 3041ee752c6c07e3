/**
 * The CRD of the function Input. Crossplane never installs it: a Function package carries
 * it only to publish the schema of its input (xpkg spec), for editors and linters.
 */
import { z } from 'zod';
import { INPUT_API_VERSION, INPUT_KIND, functionInput } from '../../src/api/input.js';
import { toStructural, type Schema } from './structural.js';

const [INPUT_GROUP = '', INPUT_VERSION = ''] = INPUT_API_VERSION.split('/');
export { INPUT_GROUP, INPUT_VERSION };
export const INPUT_PLURAL = 'inputs';

/** The standard TypeMeta descriptions, as controller-gen writes them. */
const TYPE_META: Schema = {
  apiVersion: {
    description: `APIVersion of this object: ${INPUT_API_VERSION}.`,
    type: 'string',
  },
  kind: { description: `Kind of this object: ${INPUT_KIND}.`, type: 'string' },
  metadata: { type: 'object' },
};

export function inputSchema(): Schema {
  const json = z.toJSONSchema(functionInput, { target: 'openapi-3.0', io: 'input' }) as Schema;
  const structural = toStructural(json, 'input');
  const { apiVersion: _apiVersion, kind: _kind, ...fields } = structural.properties as Schema;
  return { ...structural, properties: { ...TYPE_META, ...fields } };
}

export function inputCrd() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${INPUT_PLURAL}.${INPUT_GROUP}` },
    spec: {
      group: INPUT_GROUP,
      names: {
        categories: ['crossplane'],
        kind: INPUT_KIND,
        listKind: `${INPUT_KIND}List`,
        plural: INPUT_PLURAL,
        singular: INPUT_KIND.toLowerCase(),
      },
      scope: 'Namespaced',
      versions: [
        {
          name: INPUT_VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: inputSchema() },
        },
      ],
    },
  };
}
