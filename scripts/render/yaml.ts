/**
 * YAML as `crossplane render` prints it. The Go CLI JSON-encodes each object and converts
 * it with sigs.k8s.io/yaml, i.e. go-yaml v2: keys sorted by its natural order, sequences
 * not indented under their key, YAML 1.1 quoting rules and plain scalars folded once a line
 * passes column 80. This is a port of the parts of that emitter JSON data can reach.
 */

// An index signature, not Record: a type alias cannot refer to itself through Record.
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2 sorted.go keyList.Less for string keys: letters after other runes, digit runs by value. */
export function compareKeys(a: string, b: string): number {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? '';
    const bc = br[i] ?? '';
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] ?? ''); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai] ?? ''); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi] ?? ''); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length - br.length;
}

const YAML11_NON_STRINGS = new Set(
  (
    'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ' +
    '~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'
  )
    .split(' ')
    .concat(['']),
);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(([Tt]|[ ]+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{2}:\d{2})?)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether go-yaml v2 would read the plain scalar back as something other than a string. */
function resolvesToNonString(text: string): boolean {
  if (YAML11_NON_STRINGS.has(text)) return true;
  const first = text[0] ?? '';
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text);
  if (!(isDigit(first) || first === '+' || first === '-')) return false;
  if (TIMESTAMP.test(text)) return true;
  const plain = text.replaceAll('_', '');
  return GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain) || /^-?0b[01]+$/.test(plain);
}

const isBreak = (c: string) =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp === 0x0a || (cp >= 0x20 && cp <= 0x7e)) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  return cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff;
}

type Analysis = { blockPlain: boolean; singleQuoted: boolean; block: boolean; multiline: boolean };

/** libyaml yaml_emitter_analyze_scalar, for the block context. */
function analyze(text: string): Analysis {
  if (!text) return { blockPlain: true, singleQuoted: true, block: false, multiline: false };
  const chars = Array.from(text);
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const next = chars[i + 1];
    const followedByWhitespace =
      next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      leadingSpace ||= i === 0;
      trailingSpace ||= last;
      breakSpace ||= previousBreak;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      leadingBreak ||= i === 0;
      trailingBreak ||= last;
      spaceBreak ||= previousSpace;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(c);
  }
  const edges = leadingSpace || leadingBreak || trailingSpace || trailingBreak;
  return {
    blockPlain: !(edges || breakSpace || spaceBreak || special || lineBreaks || blockIndicators),
    singleQuoted: !(breakSpace || spaceBreak || special),
    block: !(trailingSpace || spaceBreak || special),
    multiline: lineBreaks,
  };
}

export type Style = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml v2 encoder.stringv followed by libyaml's yaml_emitter_select_scalar_style. */
export function scalarStyle(text: string, simpleKey: boolean): Style {
  const analysis = analyze(text);
  let style: Style = text.includes('\n')
    ? 'literal'
    : !resolvesToNonString(text) && !BASE60_FLOAT.test(text)
      ? 'plain'
      : 'double';
  if (simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain' && (!analysis.blockPlain || (!text && simpleKey))) style = 'single';
  if (style === 'single' && !analysis.singleQuoted) style = 'double';
  if (style === 'literal' && (!analysis.block || simpleKey)) style = 'double';
  return style;
}

/** strconv.FormatFloat(x, 'g', -1, 64); integers print as Go's int64 do. */
export function goNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const [mantissa = '', exponent = '0'] = x.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(x);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}
