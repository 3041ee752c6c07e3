/**
 * The YAML stream `npm run render` prints: each object after a `---` line, as both
 * `crossplane render` and `crossplane composition render` print them. The text is printed
 * by the `yaml` package, so it is semantically equal to the CLI's (go-yaml through
 * sigs.k8s.io/yaml), not byte-equal: quoting and line folding may differ.
 */
import {
  Document,
  isScalar,
  visit,
  type CreateNodeOptions,
  type DocumentOptions,
  type SchemaOptions,
  type ToStringOptions,
} from 'yaml';
import type { KubeObject } from './load.js';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

const OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  // The CLI's output is read back by YAML 1.1 parsers (go-yaml v2 in kubectl and
  // sigs.k8s.io/yaml), so strings such as "on", "y" or "0755" must be quoted as 1.1 wants.
  version: '1.1',
  // Keys sorted (by UTF-16 code unit; go-yaml puts digit runs in numeric order) and
  // sequences flush with their key, as the CLI prints them.
  sortMapEntries: true,
  indentSeq: false,
  // Multi-line text as a literal block, line by line as the CLI prints it, never folded.
  blockQuote: 'literal',
  // The CLI never writes anchors; an object reached twice is printed twice.
  aliasDuplicateObjects: false,
  // Without the merge tag the yaml package prints a `<<` field as a string, which
  // printDocument then quotes; with it, the field comes out bare, a merge to 1.1 readers.
  customTags: (tags) =>
    tags.filter((tag) => (typeof tag === 'string' ? tag !== 'merge' : tag.tag !== MERGE_TAG)),
};

/** One YAML document for one object, without the leading `---`. */
export function printDocument(value: KubeObject): string {
  const doc = new Document(value, OPTIONS);
  // A bare `<<` key is YAML 1.1's merge key: a field of that name must be quoted.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') pair.key.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(OPTIONS);
}

/** Every object as its own document, each preceded by `---`. */
export function printDocuments(values: readonly KubeObject[]): string {
  return values.map((value) => `---\n${printDocument(value)}`).join('');
}
