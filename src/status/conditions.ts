/**
 * The XR conditions DatabaseReady, BackupReady and Available, in that order, targeted at
 * the composite and its claim. The same observation always gives the same conditions.
 */
import { Target, type Condition } from '@crossplane-org/function-sdk-typescript';
import type { Composition } from '../compose/index.js';
import type { ObservedResources } from '../observe/observed.js';
import { availableVerdict, backupVerdict, databaseVerdict, type Verdict } from './verdicts.js';

export function deriveConditions(
  composition: Composition,
  observed: ObservedResources,
): Condition[] {
  const verdicts: [string, Verdict][] = [
    ['DatabaseReady', databaseVerdict(composition.server, observed)],
    ['BackupReady', backupVerdict(composition, observed)],
    ['Available', availableVerdict(composition, observed)],
  ];
  return verdicts.map(([type, { status, reason, message }]) => ({
    type,
    status,
    reason,
    message,
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  }));
}
