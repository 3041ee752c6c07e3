/**
 * Validation costs time linear in the size of the XR (issue 11 #1): counted, not timed.
 * 20,000 bad annotation keys once took 85 s because every removed key copied the whole map.
 */
import { describe, expect, it } from 'vitest';
import { parseDittoServer } from '../../src/api/parse.js';
import { dittoServerSpec } from '../../src/api/spec.js';
import { validPart, type ValidPartWork } from '../../src/api/valid-part.js';
import { xr } from '../fixtures/xr.js';
import { badAnnotations, expectedMessage, keyIssue } from './support/bad-annotations.js';

function work(count: number): ValidPartWork {
  const spec = {
    storage: { metadataSize: '10Gi' },
    service: { annotations: badAnnotations(count) },
  };
  const first = dittoServerSpec.safeParse(spec);
  if (first.success) throw new Error('the spec should be invalid');
  const meter = { parses: 0, copiedKeys: 0 };
  const part = validPart(dittoServerSpec, spec, first.error, meter);
  if (part?.service.annotations === undefined || Object.keys(part.service.annotations).length)
    throw new Error('the bad keys should be left out');
  return meter;
}

describe('validation work as the bad keys double', () => {
  it('parses once more and copies each object on the way once: spec, service, the map', () => {
    expect([500, 1000, 2000, 4000].map(work)).toEqual([
      { parses: 1, copiedKeys: 500 + 3 },
      { parses: 1, copiedKeys: 1000 + 3 },
      { parses: 1, copiedKeys: 2000 + 3 },
      { parses: 1, copiedKeys: 4000 + 3 },
    ]);
  });
});

describe('the FATAL message', () => {
  it('names the first issues that fit in 4 KiB, then how many more', () => {
    const issues = Array.from({ length: 300 }, (_, index) => keyIssue(index));
    const parsed = parseDittoServer(xr({ service: { annotations: badAnnotations(300) } }), {});
    expect(parsed).toEqual({ ok: false, message: expectedMessage(issues) });
  });

  it('cuts a long map key in a path to 64 characters', () => {
    const key = `${'k'.repeat(100)} x`;
    const parsed = parseDittoServer(xr({ service: { annotations: { [key]: 'v' } } }), {});
    expect(parsed).toEqual({
      ok: false,
      message: `invalid DittoServer: spec.service.annotations['${'k'.repeat(64)}…']: is not an annotation key: up to 63 letters, digits, -, _ and ., optionally after a DNS subdomain and /`,
    });
  });
});
