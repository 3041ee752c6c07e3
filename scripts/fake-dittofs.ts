/**
 * npm run fake-dittofs -- [--port 18080] [--password PASSWORD] [--must-change-password]
 *
 * Runs the test suite's fake DittoFS v0.29.0 API (test/support/fake-dittofs.ts) by hand, so
 * the configure program can be tried without a cluster:
 *
 *   npm run fake-dittofs -- --port 18080 --password s3cret-pass
 *   DITTOFS_ADMIN_PASSWORD=s3cret-pass DITTOFS_REMOTE_ARCHIVE_ACCESS_KEY_ID=... \
 *     node dist/configure.js --api http://127.0.0.1:18080 --desired examples/desired.json
 *
 * Prints each request as it is answered, and the server's state (secrets redacted, as the
 * API shows them) when stopped with Ctrl-C or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { FakeDittoFs, FAKE_PASSWORD } from '../test/support/fake-dittofs.js';
import { redactValue } from '../test/support/fake-dittofs-state.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18080' },
    password: { type: 'string', default: FAKE_PASSWORD },
    'must-change-password': { type: 'boolean', default: false },
  },
});

const fake = await FakeDittoFs.start({
  port: Number(values.port),
  password: values.password,
  mustChangePassword: values['must-change-password'],
  onRequest: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`fake DittoFS v0.29.0 API on ${fake.url} (admin password from --password)\n`);

async function stop(): Promise<void> {
  await fake.stop();
  const { admin: _, ...state } = fake.state();
  process.stdout.write(`${JSON.stringify(redactValue(state), null, 2)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
