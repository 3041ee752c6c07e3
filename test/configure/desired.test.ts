/** desired.json: the one schema both sides use, its one-line errors and its exact bytes. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  desiredJson,
  desiredProblems,
  parseDesired,
  type Desired,
} from '../../src/configure/desired.js';
import { desired } from './fixtures.js';

describe('desiredJson', () => {
  it('writes keys in one fixed order (names first), two-space indent, a trailing newline', () => {
    const value: Desired = {
      shares: [],
      stores: {
        remote: [],
        local: [{ path: '/data/store/block/default', name: 'default' }],
        metadata: [{ type: 'postgres', name: 'pg' }],
      },
      adapters: { smb: { port: 12445, enabled: false }, nfs: { port: 12049, enabled: true } },
    };

    expect(desiredJson(value)).toBe(
      [
        '{',
        '  "adapters": {',
        '    "nfs": {',
        '      "enabled": true,',
        '      "port": 12049',
        '    },',
        '    "smb": {',
        '      "enabled": false,',
        '      "port": 12445',
        '    }',
        '  },',
        '  "stores": {',
        '    "metadata": [',
        '      {',
        '        "name": "pg",',
        '        "type": "postgres"',
        '      }',
        '    ],',
        '    "local": [',
        '      {',
        '        "name": "default",',
        '        "path": "/data/store/block/default"',
        '      }',
        '    ],',
        '    "remote": []',
        '  },',
        '  "shares": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is what examples/desired.json holds, byte for byte', async () => {
    const text = await readFile(new URL('../../examples/desired.json', import.meta.url), 'utf8');
    const parsed = parseDesired(text);

    expect(parsed.ok && desiredJson(parsed.desired)).toBe(text);
  });

  it('gives the same bytes whatever order the value was built in, and parses back', () => {
    const spec = desired();
    const reordered = JSON.parse(JSON.stringify(spec, Object.keys(spec).reverse())) as Desired;
    const text = desiredJson(spec);

    expect(desiredJson({ ...reordered, ...spec })).toBe(text);
    expect(parseDesired(text)).toEqual({ ok: true, desired: spec });
  });
});

type Case = {
  readonly reason: string;
  readonly edit: (d: Desired) => unknown;
  readonly message: string;
};

const cases: readonly Case[] = [
  {
    reason: 'a field the schema does not know',
    edit: (d) => ({ ...d, users: [] }),
    message: 'unknown field users',
  },
  {
    reason: 'a missing adapter',
    edit: (d) => ({ ...d, adapters: { nfs: d.adapters.nfs } }),
    message: 'adapters.smb: required',
  },
  {
    reason: 'a port out of range and a store type DittoFS has but this program does not write',
    edit: (d) => ({
      ...d,
      adapters: { ...d.adapters, smb: { enabled: true, port: 70000 } },
      stores: { ...d.stores, metadata: [{ name: 'm', type: 'memory' }] },
    }),
    message:
      'adapters.smb.port: must be at most 65535; stores.metadata[0].type: must be one of badger, postgres',
  },
  {
    reason: 'both adapters on one port, even with one disabled',
    edit: (d) => ({ ...d, adapters: { ...d.adapters, smb: { enabled: false, port: 12049 } } }),
    message: 'adapters.smb.port: same as adapters.nfs.port',
  },
  {
    reason: 'a relative path and an uppercase name (which the share no longer finds)',
    edit: (d) => ({ ...d, stores: { ...d.stores, local: [{ name: 'Default', path: 'data' }] } }),
    message:
      'stores.local[0].name: must match ^[a-z0-9][a-z0-9-]{0,62}$; ' +
      'stores.local[0].path: must be an absolute path without spaces; ' +
      'shares[0].localStore: names no declared store (default)',
  },
  {
    reason: 'a quota that is no whole positive byte count',
    edit: (d) => ({ ...d, shares: [{ ...d.shares[0], quotaBytes: 0 }] }),
    message: 'shares[0].quotaBytes: must be at least 1',
  },
  {
    reason: 'duplicate names and paths, two postgres stores, shares naming undeclared stores',
    edit: (d) => ({
      ...d,
      stores: {
        ...d.stores,
        metadata: [
          ...d.stores.metadata,
          { name: 'default', type: 'badger', path: '/data/store/metadata/default' },
          { name: 'pg', type: 'postgres' },
          { name: 'pg2', type: 'postgres' },
        ],
      },
      shares: [...d.shares, { ...d.shares[0], localStore: 'fast', remoteStore: 'cold' }],
    }),
    message:
      'stores.metadata[1].name: duplicate default; stores.metadata[1].path: duplicate ' +
      '/data/store/metadata/default; stores.metadata[3].type: only one postgres store is ' +
      'possible (they would share one database); shares[1].name: duplicate export; ' +
      'shares[1].localStore: names no declared store (fast); shares[1].remoteStore: names no ' +
      'declared store (cold)',
  },
];

describe('parseDesired', () => {
  it.each(cases)('$reason: one line naming every field', ({ edit, message }) => {
    expect(parseDesired(JSON.stringify(edit(desired())))).toEqual({ ok: false, message });
  });

  it('holds the function to the same rules before it writes the file', () => {
    const spec = desired();
    const broken = {
      ...spec,
      shares: spec.shares.map((share) => ({ ...share, remoteStore: 'cold' })),
    };

    expect([desiredProblems(spec), desiredProblems(broken)]).toEqual([
      undefined,
      'shares[0].remoteStore: names no declared store (cold)',
    ]);
  });

  it('refuses text that is no JSON without echoing it', () => {
    expect(parseDesired('{"password": "x"')).toEqual({ ok: false, message: 'not valid JSON' });
  });
});
