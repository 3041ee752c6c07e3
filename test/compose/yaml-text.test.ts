import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlText, type YamlMap } from '../../src/compose/yaml-text.js';
import { propertyRuns } from '../support/depth.js';

describe('yamlText', () => {
  const cases: Record<string, { reason: string; map: YamlMap; want: string }> = {
    'plain scalars': {
      reason: 'words, paths, durations and addresses need no quotes',
      map: { a: 'INFO', b: '/data/x.db', c: '1h30m', d: '0.0.0.0', e: 8080, f: false },
      want: 'a: INFO\nb: /data/x.db\nc: 1h30m\nd: 0.0.0.0\ne: 8080\nf: false\n',
    },
    'ambiguous strings': {
      reason: 'strings YAML would read as booleans, null or numbers are quoted',
      map: { a: 'true', b: 'No', c: 'null', d: '8080', e: '1e3', f: '', g: 'a: b', h: '0x1f' },
      want: 'a: "true"\nb: "No"\nc: "null"\nd: "8080"\ne: "1e3"\nf: ""\ng: "a: b"\nh: "0x1f"\n',
    },
    nesting: {
      reason: 'nested maps indent by two spaces; an empty map is written as {}',
      map: { a: { b: { c: 'd' }, e: {} } },
      want: 'a:\n  b:\n    c: d\n  e: {}\n',
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { map, want }) => {
    expect(yamlText(map)).toBe(want);
  });

  it('reads back as the same map for any keys and values', () => {
    // Short strings over characters YAML gives meaning to (numbers, hex, octal, booleans).
    const tricky = fc.string({
      unit: fc.constantFrom(...Array.from('0123456789xobe.-+_:~ /nyhmsfalt')),
      maxLength: 5,
    });
    const scalar = fc.oneof(fc.string(), tricky, fc.integer(), fc.boolean());
    const { tree } = fc.letrec<{ tree: YamlMap }>((node) => ({
      tree: fc.dictionary(fc.string(), fc.oneof(scalar, node('tree')), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(tree, (map) => {
        expect(parse(yamlText(map)) ?? {}).toEqual(map);
      }),
      { numRuns: propertyRuns(200, 2000) },
    );
  });
});
