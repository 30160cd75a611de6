/**
 * Turns a run's epochs, batches and checkpoints into what the chart draws: one metric's train,
 * validation and per-batch series, smoothed, thinned and merged into rows by x, plus markers.
 */
import { decodeNumber, type CheckpointReason } from '../../../shared/checkpoint-record';
import type { CheckpointView } from '../../../shared/contract';
import { downsampleMinMax, type SeriesPoint } from './downsample-min-max';
import { emaSmooth } from './ema-smooth';
import type { BatchPoint, EpochPoint, SavedCheckpoint } from './run-stream-state';

/** One row of the chart: any of the three series may be absent at an x. */
export interface ChartRow {
  /** Epochs, 1-based at epoch ends (the end of 0-based epoch e is x = e + 1). */
  x: number;
  batch?: number;
  train?: number;
  validation?: number;
}

/** A checkpoint placed on the chart. */
export interface ChartMarker {
  id: string;
  x: number;
  y: number;
  /** 0-based epoch. */
  epoch: number;
  best: boolean;
}

/** Options of {@link buildChartRows}. */
export interface ChartOptions {
  /** EMA weight in [0, 1). Defaults to 0. */
  smoothing?: number;
  /** Drops values that a log scale cannot show (<= 0). Defaults to false. */
  logScale?: boolean;
  /** Most points per series. Defaults to 1000. */
  maxPoints?: number;
}

/**
 * The metrics a person can chart: the logged names without their `val_` prefix, in first-seen
 * order.
 *
 * @example chartableMetrics(['loss', 'acc', 'val_loss', 'val_acc']) -> ['loss', 'acc']
 * @example chartableMetrics(['val_auc']) -> ['auc']
 */
export function chartableMetrics(metricNames: readonly string[]): string[] {
  return [...new Set(metricNames.map((name) => (name.startsWith('val_') ? name.slice(4) : name)))];
}

function series(points: SeriesPoint[], options: ChartOptions): SeriesPoint[] {
  const smoothing = options.smoothing ?? 0;
  const smoothed = smoothing > 0 ? emaSmooth(points.map((point) => point.y), smoothing).map((y, i) => ({ x: points[i].x, y })) : points;
  const shown = options.logScale ? smoothed.filter((point) => point.y > 0) : smoothed;
  return downsampleMinMax(shown, options.maxPoints ?? 1000);
}

const finite = (point: { y: number | undefined }): point is SeriesPoint => typeof point.y === 'number' && Number.isFinite(point.y);

/**
 * The chart rows of one metric: `train` from epoch logs[metric], `validation` from
 * logs[`val_${metric}`], `batch` from batch logs[metric]; each smoothed, then thinned to
 * `maxPoints` with {@link downsampleMinMax}, then merged by x.
 *
 * @example
 * buildChartRows([{ epoch: 0, logs: { loss: 1, val_loss: 2 } }, { epoch: 1, logs: { loss: 0.5, val_loss: 1 } }], [], 'loss')
 * -> [{ x: 1, train: 1, validation: 2 }, { x: 2, train: 0.5, validation: 1 }]
 */
export function buildChartRows(epochs: readonly EpochPoint[], batches: readonly BatchPoint[], metric: string, options: ChartOptions = {}): ChartRow[] {
  const train = series(epochs.map((point) => ({ x: point.epoch + 1, y: point.logs[metric] })).filter(finite), options);
  const validation = series(epochs.map((point) => ({ x: point.epoch + 1, y: point.logs[`val_${metric}`] })).filter(finite), options);
  const batch = series(batches.map((point) => ({ x: point.x, y: point.logs[metric] })).filter(finite), options);
  const rows = new Map<number, ChartRow>();
  const put = (points: SeriesPoint[], key: 'batch' | 'train' | 'validation') => {
    for (const point of points) {
      const row = rows.get(point.x) ?? { x: point.x };
      row[key] = point.y;
      rows.set(point.x, row);
    }
  };
  put(batch, 'batch');
  put(train, 'train');
  put(validation, 'validation');
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** A checkpoint from either source, in the chart's terms. */
interface MarkerSource {
  id: string;
  epoch: number;
  batch: number | null;
  value: number | null;
  best: boolean;
  reason: CheckpointReason;
}

/** The checkpoints the chart can mark: the listing, plus saves the listing has not caught up with. */
export function mergeCheckpointSources(listed: readonly CheckpointView[] | null, saved: readonly SavedCheckpoint[]): MarkerSource[] {
  const byId = new Map<string, MarkerSource>();
  for (const entry of saved) byId.set(entry.id, { ...entry, best: false });
  for (const view of listed ?? []) {
    const value = view.sidecar.value === null ? null : decodeNumber(view.sidecar.value);
    byId.set(view.id, { id: view.id, epoch: view.sidecar.epoch, batch: view.sidecar.batch, value, best: view.isBest, reason: view.sidecar.reason });
  }
  const all = [...byId.values()];
  if (!all.some((entry) => entry.best)) {
    // Before the listing arrives: the latest save that was the best when it was written.
    const latestBest = [...saved].reverse().find((entry) => entry.best);
    const mark = latestBest && all.find((entry) => entry.id === latestBest.id);
    if (mark) mark.best = true;
  }
  return all;
}

/**
 * Places checkpoints on the chart of `metric`. A checkpoint sits at its epoch's end (or its
 * batch's place); its height is the monitored value when the monitor is the charted metric (or
 * its `val_` twin), else that epoch's validation (or training) value of the charted metric.
 * Checkpoints with no value to stand on are left out, and so is a `last` copy where another
 * checkpoint of the same epoch and batch is marked already.
 */
export function chartMarkers(
  sources: readonly MarkerSource[],
  epochs: readonly EpochPoint[],
  metric: string,
  monitor: string,
  batchesPerEpoch: number | null,
  logScale = false,
): ChartMarker[] {
  const byEpoch = new Map(epochs.map((point) => [point.epoch, point.logs]));
  const markers: ChartMarker[] = [];
  const place = (source: MarkerSource) => `${source.epoch}/${source.batch ?? ''}`;
  const placesTaken = new Set(sources.filter((source) => source.reason !== 'last').map(place));
  for (const source of sources) {
    if (source.reason === 'last' && placesTaken.has(place(source))) continue;
    const x = source.batch !== null && batchesPerEpoch ? source.epoch + (source.batch + 1) / batchesPerEpoch : source.epoch + 1;
    const logs = byEpoch.get(source.epoch);
    const y =
      (monitor === metric || monitor === `val_${metric}`) && source.value !== null
        ? source.value
        : (logs?.[`val_${metric}`] ?? logs?.[metric]);
    if (y === undefined || !Number.isFinite(y) || (logScale && y <= 0)) continue;
    markers.push({ id: source.id, x, y, epoch: source.epoch, best: source.best });
  }
  return markers.sort((a, b) => a.x - b.x);
}
