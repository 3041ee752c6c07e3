import type { DittoServer } from '../api/parse.js';
import type { KubeObject } from './types.js';

/** STUB (helper B): the DittoFS config.yaml text, with only keys the server reads. */
export function dittofsConfig(_server: DittoServer): string {
  throw new Error('not implemented');
}

/** STUB (helper B): ConfigMap `<n>-config` holding `config.yaml`. */
export function configMap(_server: DittoServer, _configYaml: string): KubeObject {
  throw new Error('not implemented');
}

/** STUB (helper B): sha256 hex of the config text, for the pod-template annotation. */
export function configHash(_configYaml: string): string {
  throw new Error('not implemented');
}
