import { describe, expect, it } from 'vitest';
import { buildChartRows, chartableMetrics, chartMarkers, mergeCheckpointSources } from '../../../../renderer/features/run-view/chart-data';
import { makeCheckpoint } from '../../fixtures';

const epochs = [
  { epoch: 0, logs: { loss: 1, val_loss: 2, acc: 0.5 } },
  { epoch: 1, logs: { loss: 0.5, val_loss: 1, acc: 0.7 } },
];

describe('chartableMetrics', () => {
  it.each([
    [['loss', 'acc', 'val_loss', 'val_acc'], ['loss', 'acc']],
    [['val_auc'], ['auc']],
  ])('strips val_ from %j', (names, expected) => {
    expect(chartableMetrics(names)).toEqual(expected);
  });
});

describe('buildChartRows', () => {
  it('merges train and validation by epoch, 1-based (the documented example)', () => {
    expect(buildChartRows(epochs, [], 'loss')).toEqual([
      { x: 1, train: 1, validation: 2 },
      { x: 2, train: 0.5, validation: 1 },
    ]);
  });

  it('interleaves batch points at fractional epochs', () => {
    const rows = buildChartRows(epochs, [{ x: 0.5, logs: { loss: 1.5 } }, { x: 1, logs: { loss: 1.1 } }], 'loss');
    expect(rows).toEqual([
      { x: 0.5, batch: 1.5 },
      { x: 1, batch: 1.1, train: 1, validation: 2 },
      { x: 2, train: 0.5, validation: 1 },
    ]);
  });

  it('drops values a log scale cannot show', () => {
    const rows = buildChartRows([{ epoch: 0, logs: { loss: 0 } }, { epoch: 1, logs: { loss: 0.1 } }], [], 'loss', { logScale: true });
    expect(rows).toEqual([{ x: 2, train: 0.1 }]);
  });

  it('thins each series to the point budget', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ x: i / 100, logs: { loss: Math.sin(i) } }));
    const rows = buildChartRows([], many, 'loss', { maxPoints: 1000 });
    expect(rows.length).toBeLessThanOrEqual(1000);
  });
});

describe('chartMarkers', () => {
  it('stands a checkpoint on its monitored value when the monitor is charted, the best one marked', () => {
    const sources = mergeCheckpointSources([makeCheckpoint('e2', 1, 1, { isBest: true })], []);
    expect(chartMarkers(sources, epochs, 'loss', 'val_loss', null)).toEqual([{ id: 'e2', x: 2, y: 1, epoch: 1, best: true }]);
  });

  it('stands a checkpoint on the charted metric of its epoch when the monitor is another metric', () => {
    const sources = mergeCheckpointSources(null, [{ id: 'e1', epoch: 0, batch: null, value: 2, best: true, reason: 'improved' }]);
    expect(chartMarkers(sources, epochs, 'acc', 'val_loss', null)).toEqual([{ id: 'e1', x: 1, y: 0.5, epoch: 0, best: true }]);
  });

  it('places a batch-level checkpoint at its fractional epoch', () => {
    const sources = mergeCheckpointSources(null, [{ id: 'b', epoch: 1, batch: 1, value: 0.8, best: false, reason: 'periodic' }]);
    expect(chartMarkers(sources, epochs, 'loss', 'loss', 4)[0].x).toBe(1.5);
  });

  it('leaves out the last copy where the epoch is marked already', () => {
    const sources = mergeCheckpointSources([makeCheckpoint('e2', 1, 1, { isBest: true }), makeCheckpoint('last', 1, 1, { isLast: true })], []);
    sources[1].reason = 'last';
    expect(chartMarkers(sources, epochs, 'loss', 'val_loss', null).map((marker) => marker.id)).toEqual(['e2']);
  });
});
