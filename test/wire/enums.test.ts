/**
 * The proto enums the runtime uses are our own copies (the SDK's ts-proto module is not
 * loaded for them): each must carry the SDK's number for the same proto name.
 */
import {
  Ready as SdkReady,
  Severity as SdkSeverity,
  Status as SdkStatus,
  Target as SdkTarget,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { ConditionStatus, Ready, Severity, Target } from '../../src/wire/types.js';

/** Our members under the SDK's names (`READY_TRUE`, `SEVERITY_FATAL`, ...). */
const prefixed = (prefix: string, copy: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(copy).map(([name, value]) => [`${prefix}_${name}`, value]));

/** The SDK's named members, without ts-proto's UNRECOGNIZED (-1) and its reverse mapping. */
const named = (sdk: Readonly<Record<string, string | number>>, skip: readonly string[]) =>
  Object.fromEntries(
    Object.entries(sdk).filter(
      ([name, value]) =>
        typeof value === 'number' && name !== 'UNRECOGNIZED' && !skip.includes(name),
    ),
  );

describe('proto enum copies', () => {
  it.each([
    { reason: 'Ready', ours: prefixed('READY', Ready), sdk: named(SdkReady, []) },
    {
      reason: 'Severity (UNSPECIFIED is never sent)',
      ours: prefixed('SEVERITY', Severity),
      sdk: named(SdkSeverity, ['SEVERITY_UNSPECIFIED']),
    },
    {
      reason: 'Target (UNSPECIFIED is never sent)',
      ours: prefixed('TARGET', Target),
      sdk: named(SdkTarget, ['TARGET_UNSPECIFIED']),
    },
    {
      reason: 'ConditionStatus (the proto Status; UNSPECIFIED is never sent)',
      ours: prefixed('STATUS_CONDITION', ConditionStatus),
      sdk: named(SdkStatus, ['STATUS_CONDITION_UNSPECIFIED']),
    },
  ])('$reason has the SDK numbers', ({ ours, sdk }) => {
    expect(ours).toEqual(sdk);
  });
});
