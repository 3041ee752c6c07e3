/**
 * What `npm run render` prints for the examples, committed under test/golden/render and
 * reviewed in diffs. Regenerate with `npm run test:update` after a deliberate change.
 */
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../scripts/render/cli.js';

/** Generated Secret values are derived from this key, so the output is reproducible. */
const SEED = ['--seed', '00112233445566778899aabbccddeeff'];
const FULL = ['examples/xr-full.yaml', '-e', 'examples/credentials-secret.yaml', '-r'];

const cases = [
  { reason: 'no arguments: the minimal XR on its first reconcile', golden: 'xr', argv: [] },
  {
    reason: 'the full XR before anything exists: only the database is composed',
    golden: 'xr-full-first',
    argv: FULL,
  },
  {
    reason: 'the full XR while PostgreSQL starts: not ready, naming what is not',
    golden: 'xr-full-pending',
    argv: [...FULL, '-o', 'examples/observed/pending.yaml'],
  },
  {
    reason: 'the full XR once everything is observed ready',
    golden: 'xr-full-ready',
    argv: [...FULL, '-o', 'examples/observed/ready.yaml'],
  },
  {
    reason: 'a point-in-time restore running: the server held at 0 replicas, phase Restoring',
    golden: 'xr-restore-running',
    argv: [
      'examples/xr-restore.yaml',
      '-o',
      'examples/observed/restoring.yaml',
      '-e',
      'examples/credentials-secret.yaml',
      '-e',
      'examples/backups.yaml',
      '-r',
    ],
  },
  {
    reason: 'the legacy XR of a claim, with its spec and metadata (-x)',
    golden: 'xr-legacy',
    argv: ['examples/xr-legacy.yaml', '-x'],
  },
];

describe('npm run render on the examples', () => {
  it.each(cases)('$reason', async ({ golden, argv }) => {
    const outcome = await renderCommand([...argv, ...SEED]);
    expect(outcome.stderr).toBe('');
    expect(outcome.exitCode).toBe(0);
    await expect(outcome.stdout).toMatchFileSnapshot(`../golden/render/${golden}.yaml`);
  });
});
