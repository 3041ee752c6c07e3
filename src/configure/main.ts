/**
 * Entry of the configure program (`node dist/configure.js --api URL --desired FILE ...`, or
 * `npm run configure -- ...`): the process around `configure()`. What it does: configure.ts;
 * how to use it: docs/configure.md.
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { configure, type ConfigureIo } from './configure.js';

const io: ConfigureIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: async (path, text, { create }) => {
    if (create) return writeFile(path, text);
    // r+ fails on a missing file: outside Kubernetes there is no /dev/termination-log to fill.
    const file = await open(path, 'r+');
    try {
      await file.truncate(0);
      await file.write(text, 0);
    } finally {
      await file.close();
    }
  },
  clock: { now: () => Date.now(), sleep: (ms) => sleep(ms) },
};

// Not a top-level await: the bundle may be built as CommonJS.
void configure(process.argv.slice(2), process.env, io).then((code) => {
  process.exitCode = code;
});
