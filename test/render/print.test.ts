import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scripts/render/load.js';
import { printDocument, printDocuments } from '../../scripts/render/print.js';
import { propertyRuns } from '../support/depth.js';

const shared = { name: 'api', port: 8080 };

const documents: { reason: string; value: KubeObject; want: string }[] = [
  {
    reason: 'keys sorted, sequences flush with their key, empty collections in flow style',
    value: { spec: { ports: [{ port: 8080, name: 'api' }], none: [], empty: {} }, kind: 'Service' },
    want: 'kind: Service\nspec:\n  empty: {}\n  none: []\n  ports:\n  - name: api\n    port: 8080\n',
  },
  {
    reason: 'strings a YAML 1.1 reader would take for something else are quoted',
    value: {
      bool: 'y',
      on: 'on',
      octal: '0755',
      port: '9000',
      time: '2024-01-01T00:00:00Z',
      empty: '',
      '13': 'image',
    },
    want: '"13": image\nbool: "y"\nempty: ""\noctal: "0755"\n"on": "on"\nport: "9000"\ntime: "2024-01-01T00:00:00Z"\n',
  },
  {
    reason: 'a field named << is quoted, or YAML 1.1 would read a merge key',
    value: { '<<': { a: 1 } },
    want: '"<<":\n  a: 1\n',
  },
  {
    reason: 'null, booleans and numbers stay plain',
    value: { gone: null, ok: true, half: 0.5, count: 3 },
    want: 'count: 3\ngone: null\nhalf: 0.5\nok: true\n',
  },
  {
    reason: 'multi-line text is a literal block, |- without a final newline',
    value: { a: 'x\ny\n', b: 'until ready; do\n  sleep 2\ndone' },
    want: 'a: |\n  x\n  y\nb: |-\n  until ready; do\n    sleep 2\n  done\n',
  },
  {
    reason: 'an object reached twice is printed twice, never as an anchor',
    value: { a: shared, b: shared },
    want: 'a:\n  name: api\n  port: 8080\nb:\n  name: api\n  port: 8080\n',
  },
];

describe('printDocument', () => {
  it.each(documents)('$reason', ({ value, want }) => {
    expect(printDocument(value)).toBe(want);
  });
});

describe('printDocuments', () => {
  it('puts --- before every document', () => {
    expect(printDocuments([{ a: 1 }, { b: 'c' }])).toBe('---\na: 1\n---\nb: c\n');
  });

  it('prints nothing for no documents', () => {
    expect(printDocuments([])).toBe('');
  });
});

/** Objects as the render prints them: JSON, with string keys and finite numbers. */
const jsonObject = fc.dictionary(
  fc.string(),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as KubeObject[string]),
  { maxKeys: 8 },
);

describe('what is printed reads back, as YAML 1.1, as the same objects', () => {
  it('on random JSON objects', () => {
    fc.assert(
      fc.property(fc.array(jsonObject, { maxLength: 3 }), (values) => {
        const text = printDocuments(values);
        const docs = parseAllDocuments(text, { version: '1.1' });
        expect(docs.flatMap((doc) => doc.errors)).toEqual([]);
        expect(docs.map((doc) => doc.toJS({ maxAliasCount: 0 }) as unknown)).toEqual(values);
      }),
      { numRuns: propertyRuns(100, 5000) },
    );
  });
});
