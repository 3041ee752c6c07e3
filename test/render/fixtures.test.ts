/**
 * The observed fixtures must name, in their controller references, the UID the render
 * engine derives for their XR, or `crossplane composition render` (CLI v2.3+) rejects them
 * (v2.3.4) or ignores them (v2.3.0-v2.3.3). Recomputed here from each fixture's XR.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObject, loadDocuments, metaString, str } from '../../scripts/render/load.js';
import { renderUid } from '../../scripts/render/xr-uid.js';

const EXAMPLES = 'examples';
const OBSERVED = join(EXAMPLES, 'observed');

/** The example XRs: every top-level example whose kind is a DittoServer XR. */
const xrs = readdirSync(EXAMPLES)
  .filter((file) => /^xr.*\.ya?ml$/.test(file))
  .flatMap((file) => loadDocuments(join(EXAMPLES, file)));

const fixtures = readdirSync(OBSERVED)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => join(OBSERVED, file));

type Controller = { apiVersion: string; kind: string; name: string; uid: string };

describe.each(fixtures)('%s', (file) => {
  const docs = loadDocuments(file);

  it('holds observed resources', () => {
    expect(docs.length).toBeGreaterThan(0);
  });

  it('every resource is controlled by its XR, under the UID the render engine derives', () => {
    const actual: { resource: string; controller: Controller | string | undefined }[] = [];
    const expected: typeof actual = [];
    for (const doc of docs) {
      const resource = `${str(doc.kind)}/${metaString(doc, 'name')}`;
      const refs = isObject(doc.metadata) ? doc.metadata.ownerReferences : undefined;
      const ref = (Array.isArray(refs) ? refs : []).filter(isObject).find((r) => r.controller);
      const controller = ref && {
        apiVersion: str(ref.apiVersion),
        kind: str(ref.kind),
        name: str(ref.name),
        uid: str(ref.uid),
      };
      actual.push({ resource, controller });
      const xr =
        controller &&
        xrs.find(
          (x) =>
            x.apiVersion === controller.apiVersion &&
            x.kind === controller.kind &&
            metaString(x, 'name') === controller.name &&
            [metaString(doc, 'namespace'), ''].includes(metaString(x, 'namespace')),
        );
      expected.push({
        resource,
        controller: xr
          ? {
              apiVersion: str(xr.apiVersion),
              kind: str(xr.kind),
              name: metaString(xr, 'name'),
              uid: renderUid({
                apiVersion: str(xr.apiVersion),
                kind: str(xr.kind),
                namespace: metaString(xr, 'namespace'),
                name: metaString(xr, 'name'),
              }),
            }
          : 'a controller reference to an example XR',
      });
    }
    expect(actual).toEqual(expected);
  });
});
