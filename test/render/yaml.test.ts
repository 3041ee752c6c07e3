import { describe, expect, it } from 'vitest';
import { Emitter } from '../../scripts/render/yaml-emitter.js';
import { compareKeys, goNumber, scalarStyle, type Json } from '../../scripts/render/yaml.js';

describe('scalarStyle (go-yaml v2 quoting)', () => {
  it.each([
    { reason: 'a plain word', text: 'demo', key: false, want: 'plain' },
    { reason: 'YAML 1.1 booleans must stay strings', text: 'y', key: false, want: 'double' },
    { reason: 'on is a boolean in YAML 1.1 too', text: 'on', key: true, want: 'double' },
    { reason: 'digits would read back as an int', text: '9000', key: false, want: 'double' },
    {
      reason: 'a leading zero is still a number to go-yaml',
      text: '0755',
      key: false,
      want: 'double',
    },
    {
      reason: 'timestamps would read back as time',
      text: '2024-01-01T00:00:00Z',
      key: false,
      want: 'double',
    },
    { reason: 'the empty string would read back as null', text: '', key: false, want: 'double' },
    { reason: '": " cannot be plain', text: 'Unready resources: a', key: false, want: 'single' },
    {
      reason: 'a leading * is an alias indicator',
      text: '*/5 * * * *',
      key: false,
      want: 'single',
    },
    { reason: 'a cron with digits first is plain', text: '0 2 * * *', key: false, want: 'plain' },
    { reason: 'several lines are a literal block', text: 'a\nb\n', key: false, want: 'literal' },
    {
      reason: 'trailing spaces before a break rule out literal blocks',
      text: 'a \nb',
      key: false,
      want: 'double',
    },
    { reason: 'a tab is not printable to the emitter', text: 'a\tb', key: false, want: 'double' },
    { reason: 'a version is a string', text: '2.8.2', key: false, want: 'plain' },
  ])('$reason', ({ text, key, want }) => {
    expect(scalarStyle(text, key)).toBe(want);
  });
});

describe('compareKeys (go-yaml v2 sorted.go)', () => {
  it.each([
    {
      reason: 'letters by code point',
      keys: ['kind', 'apiVersion', 'metadata'],
      want: ['apiVersion', 'kind', 'metadata'],
    },
    { reason: 'digit runs compare by value', keys: ['a10', 'a9', 'a1'], want: ['a1', 'a9', 'a10'] },
    {
      reason: 'non-letters sort before letters',
      keys: ['a_b', 'aB', 'a-b'],
      want: ['a-b', 'a_b', 'aB'],
    },
    { reason: 'a prefix sorts first', keys: ['ab', 'a'], want: ['a', 'ab'] },
  ])('$reason', ({ keys, want }) => {
    expect([...keys].sort(compareKeys)).toEqual(want);
  });
});

describe('goNumber (strconv.FormatFloat g -1)', () => {
  it.each([
    { reason: 'integers as int64', value: 8080, want: '8080' },
    { reason: 'small fractions plainly', value: 0.5, want: '0.5' },
    { reason: 'large fractions in exponent form', value: 1234567.5, want: '1.2345675e+06' },
    { reason: 'tiny fractions with a two-digit exponent', value: 0.00001, want: '1e-05' },
  ])('$reason', ({ value, want }) => {
    expect(goNumber(value)).toBe(want);
  });
});

const documents: { reason: string; value: Json; want: string }[] = [
  {
    reason: 'sequences sit at their key, maps under them indent by two',
    value: { spec: { ports: [{ name: 'api', port: 8080 }], empty: {}, none: [] } },
    want: 'spec:\n  empty: {}\n  none: []\n  ports:\n  - name: api\n    port: 8080\n',
  },
  {
    reason: 'a literal block keeps its lines; without a final newline it is |-',
    value: { a: 'x\ny\n', b: 'x\ny' },
    want: 'a: |\n  x\n  y\nb: |-\n  x\n  y\n',
  },
  {
    reason: 'a plain scalar folds at the first space past column 80',
    value: {
      message:
        'Deployment demo-full is created once PerconaPGCluster demo-full-postgres is ready and then some',
    },
    want: 'message: Deployment demo-full is created once PerconaPGCluster demo-full-postgres\n  is ready and then some\n',
  },
  {
    reason: 'a single-quoted scalar folds too, and doubles its quotes',
    value: {
      m: "Unready resources: it's api-service, config, deployment, and a great many more after that",
    },
    want: "m: 'Unready resources: it''s api-service, config, deployment, and a great many more\n  after that'\n",
  },
  {
    reason: 'numeric-looking keys and values are quoted, null and booleans are plain',
    value: { '13': 'image', port: '9000', ok: true, gone: null },
    want: '"13": image\ngone: null\nok: true\nport: "9000"\n',
  },
  {
    reason: 'a sequence of sequences nests',
    value: { a: [['x', 'y']] },
    want: 'a:\n- - x\n  - "y"\n',
  },
];

describe('Emitter.document', () => {
  it.each(documents)('$reason', ({ value, want }) => {
    expect(Emitter.document(value)).toBe(want);
  });
});
