/**
 * The block emitter of go-yaml v2 (a port of libyaml's emitter.c) for JSON values: column
 * and indentation bookkeeping, the four scalar writers, and flow `{}`/`[]` for empty
 * collections. Kept apart from the quoting rules in yaml.ts.
 */
import { compareKeys, goNumber, scalarStyle, type Json } from './yaml.js';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const isBreak = (c: string | undefined) =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function needsEscape(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  const printable =
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
  return !printable || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\';
}

function escape(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const named = ESCAPES[cp];
  if (named) return `\\${named}`;
  const [prefix, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${prefix}${cp.toString(16).toUpperCase().padStart(width, '0')}`;
}

export class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private whitespace = true;
  private indention = true;
  private openEnded = false;

  /** One YAML document for `value`, as go-yaml v2 Marshal writes it. */
  static document(value: Json): string {
    const emitter = new Emitter();
    emitter.node(value, false);
    emitter.writeIndent();
    if (emitter.openEnded) {
      emitter.indicator('...', true, false, false);
      emitter.writeIndent();
    }
    return emitter.out;
  }

  private put(text: string): void {
    this.out += text;
    this.column += Array.from(text).length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(
    text: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ) {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  private withIndent(indentless: boolean, body: () => void): void {
    const saved = this.indent;
    if (this.indent < 0) this.indent = 0;
    else if (!indentless) this.indent += BEST_INDENT;
    body();
    this.indent = saved;
  }

  private node(value: Json, mappingContext: boolean): void {
    if (Array.isArray(value)) {
      this.sequence(value, mappingContext);
      return;
    }
    if (value !== null && typeof value === 'object') {
      this.mapping(value);
      return;
    }
    const text = typeof value === 'number' ? goNumber(value) : String(value);
    const style = typeof value === 'string' ? scalarStyle(value, false) : 'plain';
    this.withIndent(false, () => {
      this.scalar(text, style, false);
    });
  }

  private mapping(value: Record<string, Json>): void {
    const keys = Object.keys(value).sort(compareKeys);
    if (!keys.length) {
      this.indicator('{}', true, false, false);
      return;
    }
    this.withIndent(false, () => {
      for (const key of keys) {
        this.writeIndent();
        this.withIndent(false, () => {
          this.scalar(key, scalarStyle(key, true), true);
        });
        this.indicator(':', false, false, false);
        this.node(value[key] ?? null, true);
      }
    });
  }

  private sequence(items: Json[], mappingContext: boolean): void {
    if (!items.length) {
      this.indicator('[]', true, false, false);
      return;
    }
    this.withIndent(mappingContext && !this.indention, () => {
      for (const item of items) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(item, false);
      }
    });
  }

  private scalar(text: string, style: string, simpleKey: boolean): void {
    if (style === 'plain') this.plain(text, !simpleKey);
    else if (style === 'single') this.quoted(text, !simpleKey);
    else if (style === 'double') this.doubleQuoted(text, !simpleKey);
    else this.literal(text);
  }

  private plain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = Array.from(text);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ')
          this.writeIndent();
        else this.put(c);
        spaces = true;
        return;
      }
      this.put(c);
      this.indention = false;
      spaces = false;
    });
    this.whitespace = false;
    this.indention = false;
  }

  private quoted(text: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = Array.from(text);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const inside = i > 0 && i < chars.length - 1;
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inside && chars[i + 1] !== ' ')
          this.writeIndent();
        else this.put(c);
        spaces = true;
        return;
      }
      this.put(c === "'" ? "''" : c);
      this.indention = false;
      spaces = false;
    });
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(text: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = Array.from(text);
    let spaces = false;
    chars.forEach((c, i) => {
      if (needsEscape(c)) {
        this.put(escape(c));
        spaces = false;
      } else if (c === ' ') {
        const inside = i > 0 && i < chars.length - 1;
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inside) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(text: string): void {
    this.indicator('|', true, false, false);
    const chars = Array.from(text);
    if (chars[0] === ' ' || isBreak(chars[0]))
      this.indicator(String(BEST_INDENT), false, false, false);
    this.openEnded = false;
    const last = chars.length - 1;
    if (!isBreak(chars[last])) this.indicator('-', false, false, false);
    else if (last === 0 || isBreak(chars[last - 1])) {
      this.indicator('+', false, false, false);
      this.openEnded = true;
    }
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
        continue;
      }
      if (breaks) this.writeIndent();
      this.put(c);
      this.indention = false;
      breaks = false;
    }
  }
}
