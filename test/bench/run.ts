/**
 * `npm run bench`: runs every benchmark in this folder one after another (each in its own process,
 * and after the disk has written out what the previous one left in the page cache, so none
 * disturbs another: the checkpoint-write bench leaves about a gigabyte of writes behind, which
 * slowed the next bench's fsyncs), prints their tables, and writes their JSON results to
 * bench-results/latest.json. Ratios are measured within one run: this machine is noisy.
 *
 * Run one with: npx tsx test/bench/run.ts checkpoint-write
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';

const HERE = __dirname;
const only = process.argv.slice(2);
const benches = readdirSync(HERE)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();

const results: Record<string, unknown> = {};
let failed = 0;
for (const bench of benches) {
  // Flush dirty pages system-wide (`sync`, where there is one) before each bench.
  spawnSync('sync', { stdio: 'ignore' });
  process.stdout.write(`\n=== ${bench} ===\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), nodePath.join(HERE, bench)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (run.stdout ?? '').trimEnd().split('\n');
  const last = lines.at(-1) ?? '';
  process.stdout.write(`${lines.slice(0, -1).join('\n')}\n`);
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  try {
    results[bench.replace('.bench.ts', '')] = JSON.parse(last);
  } catch {
    failed += 1;
    process.stdout.write(`${last}\n${bench} did not end with a JSON line (exit ${run.status}).\n`);
  }
}
const outDir = nodePath.resolve(HERE, '../../bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(nodePath.join(outDir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
process.stdout.write(`\nResults: ${nodePath.join(outDir, 'latest.json')}\n`);
process.exitCode = failed > 0 ? 1 : 0;
