/**
 * Runs once, before vitest starts its workers: fills the validator cache
 * (test/support/validator-cache.ts), so that no two workers parse and compile the same CRD.
 * With the cache already full it only hashes the schemas (a few ms).
 */
import { validators } from '../package/manifests.js';
import { preparePerconaValidator } from './percona-crd.js';

export default function setup(): void {
  preparePerconaValidator();
  validators();
}
