/**
 * Benchmark harness (not shipped): the real MetricChart fed the way RunView feeds it — rows rebuilt
 * from all points on every update — with `total` batch points streamed in batches of 100 every
 * frame. Reports per-update times (rebuilding the rows, then React + recharts committing the SVG).
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { buildChartRows } from '../../../renderer/features/run-view/chart-data';
import { MetricChart } from '../../../renderer/features/run-view/metric-chart';
import type { BatchPoint, EpochPoint } from '../../../renderer/features/run-view/run-stream-state';

interface Result {
  points: number;
  buildMs: number[];
  commitMs: number[];
}

declare global {
  interface Window {
    runChartBench(total: number, updates: number): Promise<Result>;
  }
}

const BATCHES_PER_EPOCH = 1000;

function makeBatches(count: number): BatchPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    x: (i + 1) / BATCHES_PER_EPOCH,
    logs: { loss: 2 / Math.sqrt(1 + i / 50) + 0.1 * Math.sin(i / 7) + (i % 997 === 0 ? 1.5 : 0) },
  }));
}

function makeEpochs(batches: number): EpochPoint[] {
  return Array.from({ length: Math.floor(batches / BATCHES_PER_EPOCH) }, (_, epoch) => ({
    epoch,
    logs: { loss: 2 / Math.sqrt(1 + epoch * 20), val_loss: 2.1 / Math.sqrt(1 + epoch * 20) },
  }));
}

let setRows: (rows: ReturnType<typeof buildChartRows>) => void = () => {};

function Harness() {
  const [rows, update] = useState<ReturnType<typeof buildChartRows>>([]);
  useEffect(() => {
    setRows = update;
  }, []);
  return <MetricChart rows={rows} markers={[]} metric="loss" logScale={false} size={{ width: 1100, height: 320 }} />;
}

createRoot(document.getElementById('root') as HTMLElement).render(<Harness />);

window.runChartBench = async (total, updates) => {
  const all = makeBatches(total);
  const buildMs: number[] = [];
  const commitMs: number[] = [];
  // Start with all but the last `updates` frames of points, then stream the rest as RunView does.
  let shown = Math.max(0, total - updates * 100);
  for (let update = 0; update < updates; update++) {
    shown = Math.min(total, shown + 100);
    const batches = all.slice(0, shown);
    const t0 = performance.now();
    const rows = buildChartRows(makeEpochs(shown), batches, 'loss');
    const t1 = performance.now();
    flushSync(() => setRows(rows));
    const t2 = performance.now();
    buildMs.push(t1 - t0);
    commitMs.push(t2 - t1);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  }
  return { points: total, buildMs, commitMs };
};
