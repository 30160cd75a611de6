/**
 * Shared fixtures of the checkpoint-io tests: temp directories, tiny real tfjs models, sidecar
 * inputs, and byte-for-byte snapshots of folders.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

import type { CheckpointSidecarInput } from '../../../../electron/node/checkpoint-io/checkpoint-writer';

/** A fresh temp directory and its cleanup. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wb-ckpt-io-'));
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** A sidecar input with plausible values; override what a test is about. */
export function sidecarInput(overrides: Partial<CheckpointSidecarInput> = {}): CheckpointSidecarInput {
  return {
    epoch: 0,
    batch: null,
    reason: 'periodic',
    logs: { loss: 0.5, val_loss: 0.6 },
    monitor: 'val_loss',
    value: 0.6,
    best: 0.6,
    mode: 'min',
    options: { filepath: 'ckpt-{epoch:02d}' },
    state: { best: 0.6, batchCounter: 0, lastBatchIndex: null, topK: [], lastPath: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A tiny MLP compiled with Adam. */
export function makeMlp(units = 5): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 2 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

/** A small CNN with Conv2D, BatchNormalization (non-trainable moving statistics) and Dense, on Adam. */
export function makeCnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Trains `model` for a few Adam steps on seeded random data, so weights and moments are non-trivial. */
export async function trainBriefly(model: tf.LayersModel, epochs = 2): Promise<void> {
  const inputShape = (model.inputs[0].shape as number[]).slice(1);
  const outputUnits = (model.outputs[0].shape as number[])[1];
  const xs = tf.randomNormal([8, ...inputShape], 0, 1, 'float32', 7);
  const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1].map((v) => v % outputUnits), 'int32'), outputUnits)
    .toFloat();
  await model.fit(xs, ys, { epochs, batchSize: 4, verbose: 0, shuffle: false });
  tf.dispose([xs, ys]);
}

/** The model's prediction on a fixed seeded input, as raw bytes (for bitwise comparisons). */
export function predictBytes(model: tf.LayersModel): Uint8Array {
  return tf.tidy(() => {
    const inputShape = (model.inputs[0].shape as number[]).slice(1);
    const x = tf.randomNormal([3, ...inputShape], 0, 1, 'float32', 11);
    const y = model.predict(x) as tf.Tensor;
    const values = y.dataSync() as Float32Array;
    return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  });
}

/** Every weight of the optimizer as `name -> values` (disposes what getWeights creates). */
export async function optimizerState(optimizer: tf.Optimizer): Promise<Map<string, number[]>> {
  const weights = await optimizer.getWeights();
  const state = new Map<string, number[]>();
  for (const { name, tensor } of weights) state.set(name, Array.from(await tensor.data() as Float32Array));
  tf.dispose(weights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  return state;
}

/** Every path under `root` (relative) with its kind and bytes; compares folders byte for byte. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const key = path.relative(root, full);
      if (entry.isSymbolicLink()) {
        result[key] = `link:${await fs.readlink(full)}`;
      } else if (entry.isDirectory()) {
        result[key] = 'dir';
        await visit(full);
      } else {
        result[key] = `file:${(await fs.readFile(full)).toString('base64')}`;
      }
    }
  };
  await visit(root);
  return result;
}

/** Names of every entry under `root` (recursive), relative, sorted. */
export async function listTree(root: string): Promise<string[]> {
  return Object.keys(await snapshot(root)).sort();
}

/** A Node-style system error, as fs throws them. */
export function systemError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EIO: 'i/o error',
  };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'error'}, ${syscall} '${file}'`), { code, syscall, path: file });
}

/** A temp directory with its cleanup (see `makeTempDir`). */
export type TempDir = Awaited<ReturnType<typeof makeTempDir>>;

/**
 * Registers the hooks most checkpoint-io describes share: the cpu backend and one model for the
 * whole describe (disposed after it), and a fresh temp directory for each test (removed after it).
 * The describe keeps its own variables; `set` hands them the model and each test's directory.
 */
export function useModelAndTempDir(
  set: { model: (model: tf.LayersModel) => void; tmp: (tmp: TempDir) => void },
  build: () => tf.LayersModel = makeMlp,
  prepare: (model: tf.LayersModel) => Promise<void> | void = () => {},
): void {
  let model: tf.LayersModel;
  let tmp: TempDir;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = build();
    await prepare(model);
    set.model(model);
  });
  afterAll(() => model.dispose());
  beforeEach(async () => {
    tmp = await makeTempDir();
    set.tmp(tmp);
  });
  afterEach(() => tmp.cleanup());
}
