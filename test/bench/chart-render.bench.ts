/**
 * Does the live chart stay smooth at 100,000 points? Builds a harness page around the real
 * MetricChart and chart-data code, opens it in Debian's Chromium, streams batch points at 1,000 and
 * at 100,000 points, and reports the time per update (rebuild rows + React/recharts commit) and the
 * ratio between the two. Smooth means an update fits well inside the 100 ms frame the run view
 * batches events into.
 *
 * Run: npx tsx test/bench/chart-render.bench.ts
 * Prints a table, then the numbers as JSON on the last line. Not a test: it asserts nothing.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { launchChromium } from '../e2e/serve-harness';

async function main(): Promise<void> {
  const outDir = mkdtempSync(nodePath.join(os.tmpdir(), 'workbench-chart-bench-'));
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({ configFile: false, root: nodePath.join(__dirname, 'chart-harness'), base: './', plugins: [react()], logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const file = nodePath.join(outDir, nodePath.normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, ''));
    const target = file.endsWith(nodePath.sep) ? nodePath.join(file, 'index.html') : file;
    res.setHeader('Content-Type', target.endsWith('.js') ? 'text/javascript' : 'text/html');
    createReadStream(target).on('error', () => res.writeHead(404).end()).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  const rows: Array<{ points: number; build: number; commit: number; total: number; worst: number }> = [];
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
    await page.waitForFunction(() => typeof window.runChartBench === 'function');
    for (const points of [1_000, 10_000, 100_000]) {
      const result = await page.evaluate(([total, updates]) => window.runChartBench(total, updates), [points, 30] as const);
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const totals = result.buildMs.map((value, i) => value + result.commitMs[i]);
      rows.push({ points, build: median(result.buildMs), commit: median(result.commitMs), total: median(totals), worst: Math.max(...totals) });
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log('Live chart update in Chromium (rows rebuilt from all points, then React + recharts commit), median of 30 updates:');
  console.log('points    build ms  commit ms  total ms  worst ms  x of 1,000 points');
  for (const row of rows) {
    console.log(
      `${String(row.points).padEnd(9)} ${row.build.toFixed(1).padStart(8)} ${row.commit.toFixed(1).padStart(10)} ${row.total.toFixed(1).padStart(9)} ${row.worst.toFixed(1).padStart(9)}  ${(row.total / rows[0].total).toFixed(2)}x`,
    );
  }
  console.log(JSON.stringify({ rows }));
}

void main();
