/**
 * The XR conditions DatabaseReady, BackupReady, Available and Configured, in that order,
 * targeted at the composite and its claim: the verdicts, as conditions.
 */
import { Target, type Condition } from '../wire/types.js';
import type { Verdicts } from './verdicts.js';

export function deriveConditions(verdicts: Verdicts): Condition[] {
  const conditions = [
    ['DatabaseReady', verdicts.database],
    ['BackupReady', verdicts.backup],
    ['Available', verdicts.available],
    ['Configured', verdicts.configured],
  ] as const;
  return conditions.map(([type, { status, reason, message }]) => ({
    type,
    status,
    reason,
    message,
    target: Target.COMPOSITE_AND_CLAIM,
  }));
}
