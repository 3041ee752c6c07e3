import type { DittoServer } from '../api/parse.js';
import type { KubeObject } from './types.js';

/** STUB (helper A): the pgBackRest INI `[global]` with repo1-s3-key and repo1-s3-key-secret. */
export function s3Conf(_accessKeyId: string, _secretAccessKey: string): string {
  throw new Error('not implemented');
}

/** STUB (helper A): Secret `<n>-pgbackrest-s3` with key `s3.conf`. */
export function backupSecret(_server: DittoServer, _s3Conf: string): KubeObject {
  throw new Error('not implemented');
}
