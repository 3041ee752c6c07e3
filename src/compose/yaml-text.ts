/**
 * A tiny block-YAML writer for flat, hand-built documents such as the DittoFS config.yaml.
 * It keeps the runtime free of a YAML library (the function must start fast) and writes
 * what a human expects to read: nested maps, two-space indent, keys in insertion order.
 */

/** Numbers must be finite: the DittoFS config only holds ports. */
export type YamlScalar = string | number | boolean;
export type YamlMap = { readonly [key: string]: YamlScalar | YamlMap };

/** Words YAML 1.1 or 1.2 would read as a boolean or null if written unquoted. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/** Starts with a letter or slash and holds only letters, digits and `_./-`: never a number. */
const PLAIN_WORD = /^[A-Za-z/][\w./-]*$/;
/** Go durations (`30s`, `1h30m`): the units rule out hex (`0x1f`) and exponents (`1e3`). */
const DURATION = /^(\d+(ns|us|ms|s|m|h))+$/;
/** Dotted quads (`0.0.0.0`): more than one dot, so never a number. */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function scalar(value: YamlScalar): string {
  if (typeof value !== 'string') return String(value);
  const plain =
    (PLAIN_WORD.test(value) && !RESERVED.test(value)) || DURATION.test(value) || IPV4.test(value);
  // Anything else is double-quoted: a JSON string is a valid YAML double-quoted scalar.
  return plain ? value : JSON.stringify(value);
}

function lines(map: YamlMap, indent: string): string[] {
  return Object.entries(map).flatMap(([key, value]) => {
    const name = scalar(key);
    if (typeof value !== 'object') return [`${indent}${name}: ${scalar(value)}`];
    if (Object.keys(value).length === 0) return [`${indent}${name}: {}`];
    return [`${indent}${name}:`, ...lines(value, `${indent}  `)];
  });
}

/** The map as block YAML, one key per line, ending with a newline. */
export function yamlText(map: YamlMap): string {
  return lines(map, '')
    .map((line) => `${line}\n`)
    .join('');
}
