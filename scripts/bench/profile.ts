/**
 * `npx tsx scripts/bench/profile.ts [seconds] [stream]` (after `npm run bench` built dist/):
 * runs the function under `--cpu-prof` while a stream of the benchmark (default: the fleet)
 * is sent at concurrency 32, then prints
 * where its CPU went: self time by source (through dist/main.js.map: a package or a src/
 * directory; Node's own code as node:*), and the hottest functions. The profile is left in
 * dist/bench/profile/ for Chrome DevTools or speedscope.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { resolve } from 'node:path';
import { connect, load } from './client.js';
import { benchStreams } from './requests.js';
import { freeLoopbackPort, spawnServer, stopServer } from './servers.js';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = resolve(ROOT, 'dist/bench/profile');
const seconds = Number(process.argv[2] ?? '10');
const streamName = process.argv[3] ?? 'fleet';

/** `@scope/pkg` or `pkg` under node_modules, `src/<dir>` for ours, `node:*` for Node's. */
function sourceGroup(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inPackage?.[1] !== undefined) return inPackage[1];
  const ours = /src\/([^/]+)/.exec(source);
  if (ours?.[1] !== undefined) return `src/${ours[1].replace(/\.ts$/, '')}`;
  return source;
}

function summarize(profile: Profile, map: SourceMap): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    const micros = profile.timeDeltas[i] ?? 0;
    if (frame === undefined || micros <= 0) return;
    total += micros;
    let group = frame.url === '' ? `(${frame.functionName || 'native'})` : frame.url;
    let name = frame.functionName || '(anonymous)';
    if (frame.url.endsWith('dist/main.js')) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
      if ('originalSource' in entry) {
        group = sourceGroup(entry.originalSource);
        name = `${name} (${entry.originalSource.replace(/^(\.\.\/)+/, '')})`;
      }
    } else if (frame.url.startsWith('node:')) group = frame.url.split('/').slice(0, 2).join('/');
    groups.set(group, (groups.get(group) ?? 0) + micros);
    functions.set(name, (functions.get(name) ?? 0) + micros);
  });
  const top = (counts: Map<string, number>, n: number) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, micros]) => `| ${key} | ${((micros / total) * 100).toFixed(1)} % |`)
      .join('\n');
  console.log(`| self time by source | share |\n| --- | --- |\n${top(groups, 20)}\n`);
  console.log(`| hottest functions | share |\n| --- | --- |\n${top(functions, 15)}`);
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  const stream = benchStreams([streamName])[0];
  if (stream === undefined) throw new Error(`no stream ${streamName}`);
  const port = await freeLoopbackPort();
  const child = spawnServer(
    {
      name: 'function',
      main: resolve(ROOT, 'dist/main.js'),
      args: (p) => ['--insecure', '--address', `127.0.0.1:${p}`, '--metrics-address', ''],
      env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${DIR}` },
    },
    port,
  );
  const client = connect(port);
  const result = await load(client, stream.requests, {
    concurrency: 32,
    durationMs: seconds * 1000,
    maxCalls: 1_000_000,
  });
  client.close();
  await stopServer(child);
  console.log(`${result.latenciesMs.length} calls of the ${streamName} stream in ${seconds} s\n`);
  const file = readdirSync(DIR).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile in ${DIR}`);
  const profile = JSON.parse(readFileSync(resolve(DIR, file), 'utf8')) as Profile;
  const map = new SourceMap(
    JSON.parse(readFileSync(resolve(ROOT, 'dist/main.js.map'), 'utf8')) as ConstructorParameters<
      typeof SourceMap
    >[0],
  );
  summarize(profile, map);
}

await main();
