/**
 * Validates composed core objects against the Kubernetes OpenAPI schemas shipped with
 * `kubernetes-models`, and against the rule every builder follows: no `undefined` or
 * `null` anywhere (they cannot become protobuf Struct values). The schemas allow unknown
 * fields, so a misspelt key passes here: compare whole objects in the tests as well.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';

type Validate = (data: object) => void;

// Every model field is optional, so any object constructs; validate() does the checking.
const VALIDATORS: Readonly<Record<string, Validate>> = {
  'v1/ConfigMap': (data) => {
    new ConfigMap(data).validate();
  },
  'v1/Secret': (data) => {
    new Secret(data).validate();
  },
  'v1/Service': (data) => {
    new Service(data).validate();
  },
  'v1/PersistentVolumeClaim': (data) => {
    new PersistentVolumeClaim(data).validate();
  },
  'apps/v1/Deployment': (data) => {
    new Deployment(data).validate();
  },
  'batch/v1/Job': (data) => {
    new Job(data).validate();
  },
  'networking.k8s.io/v1/NetworkPolicy': (data) => {
    new NetworkPolicy(data).validate();
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths of every `undefined` or `null` value, e.g. `spec.ports[0].name`. */
function missingValues(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [`${path}: must not be ${String(value)}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => missingValues(item, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    missingValues(item, path === '' ? key : `${path}.${key}`),
  );
}

/** ajv errors as `/spec/ports/0/port must be integer`; anything else as its message. */
function schemaErrors(error: unknown): string[] {
  const details = isRecord(error) && Array.isArray(error.errors) ? error.errors : [];
  const messages = details.filter(isRecord).map((detail) => {
    const where = typeof detail.instancePath === 'string' ? detail.instancePath : '';
    const what = typeof detail.message === 'string' ? detail.message : 'is invalid';
    return `${where || '/'} ${what}`;
  });
  if (messages.length > 0) return messages;
  return [error instanceof Error ? error.message : String(error)];
}

/** Every problem found in `obj`; an empty list means it is a valid object of a known kind. */
export function validateKubeObject(obj: unknown): string[] {
  if (!isRecord(obj)) return ['the object must be a plain object'];
  const { apiVersion, kind } = obj;
  const validate =
    typeof apiVersion === 'string' && typeof kind === 'string'
      ? VALIDATORS[`${apiVersion}/${kind}`]
      : undefined;
  if (!validate) return [`unknown kind ${String(apiVersion)}/${String(kind)}`];
  const missing = missingValues(obj, '');
  try {
    validate(obj);
    return missing;
  } catch (error: unknown) {
    return [...missing, ...schemaErrors(error)];
  }
}
