import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointEvent } from '../../../../shared/checkpoint-events';
import { loadCheckpointModel, loadWeightsInto } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { readSidecar } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { ModelCheckpoint } from '../../../../electron/node/checkpoint/model-checkpoint';
import { loadResumePoint } from '../../../../electron/node/checkpoint/resume-point';
import { makeTempDir } from '../../../helpers/temp-dir';
import { tinyClassifier, tinyData, useCpuBackend } from '../../../helpers/tiny-model';

beforeAll(useCpuBackend);

/** Records tensor counts at every epoch end, after the checkpoint callback ran. */
class TensorCounter extends tf.Callback {
  counts: number[] = [];
  override async onEpochEnd(): Promise<void> {
    this.counts.push(tf.memory().numTensors);
  }
}

describe('ModelCheckpoint in model.fit', () => {
  it('writes checkpoints that reload and predict exactly what the model predicted when saved', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData();
    const model = tinyClassifier();
    const predictedAtSave = new Map<string, Float32Array>();
    const checkpoint = new ModelCheckpoint({
      filepath: 'ck/epoch{epoch:02d}-{val_loss:.4f}',
      baseDir: dir,
      // The weights are snapshotted right after the decision (the write may finish during the next epoch).
      onEvent: (event: CheckpointEvent) => {
        if (event.kind === 'decision' && event.outcome === 'save') {
          predictedAtSave.set(nodePath.join(dir, event.path), tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array));
        }
      },
    });
    await model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.25, callbacks: [checkpoint], verbose: 0 });

    expect(readdirSync(nodePath.join(dir, 'ck')).sort()).toEqual([...predictedAtSave.keys()].map((d) => nodePath.basename(d)).sort());
    expect(predictedAtSave.size).toBe(3);
    for (const [ckptDir, expected] of predictedAtSave) {
      const loaded = await loadCheckpointModel(ckptDir);
      const actual = tf.tidy(() => (loaded.predict(x) as tf.Tensor).dataSync());
      expect(Array.from(actual)).toEqual(Array.from(expected));
      loaded.dispose();
    }
    const sidecar = await readSidecar([...predictedAtSave.keys()][0]);
    expect(sidecar).toMatchObject({ kind: 'model', epoch: 0, batch: null, monitor: 'val_loss', mode: 'min', includesOptimizer: true, backend: 'cpu' });
    expect(Object.keys(sidecar.logs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(sidecar.files.map((f) => f.name).sort()).toEqual(['model.json', 'weights.bin']);
    x.dispose(); y.dispose(); model.dispose();
  });

  it('does not leak tensors across epochs', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData();
    const deltas = async (callbacks: tf.Callback[]) => {
      const model = tinyClassifier();
      const counter = new TensorCounter();
      const before = tf.memory().numTensors;
      await model.fit(x, y, { epochs: 5, batchSize: 16, validationSplit: 0.25, callbacks: [...callbacks, counter], verbose: 0 });
      const after = tf.memory().numTensors;
      model.dispose();
      return { perEpoch: counter.counts.slice(1).map((count, i) => count - counter.counts[i]), leftAfterFit: after - before };
    };
    // tfjs itself holds each epoch's log tensors until fit ends: compare with a plain fit.
    const plain = await deltas([]);
    const checkpoint = new ModelCheckpoint({ filepath: 'e{epoch}', baseDir: dir, saveLast: true, saveTopK: 2 });
    const withCheckpoint = await deltas([checkpoint]);
    // Background writes hold their snapshot until written, so compare what is left once fit returned
    // (it waits for the writes): the same tensors (Adam's moments) as without the callback.
    expect(withCheckpoint.leftAfterFit).toBe(plain.leftAfterFit);
    expect(plain.perEpoch).toHaveLength(4);
    x.dispose(); y.dispose();
  });

  it('saves every N batches with Keras batch numbers, not tfjs bookkeeping', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData(48);
    const model = tinyClassifier();
    const events: CheckpointEvent[] = [];
    const checkpoint = new ModelCheckpoint({ filepath: 'b-{epoch}-{batch}-{loss:.3f}', baseDir: dir, saveFreq: 2, onEvent: (e) => events.push(e) });
    await model.fit(x, y, { epochs: 2, batchSize: 16, callbacks: [checkpoint], verbose: 0 });
    const saved = events.flatMap((e) => (e.kind === 'save' ? [[e.epoch, e.batch, e.path.replace(/-[0-9.]+$/, '')]] : []));
    // 3 batches per epoch, counted across epochs: after global batches 2, 4, 6.
    expect(saved).toEqual([[0, 1, 'b-1-2'], [1, 0, 'b-2-1'], [1, 2, 'b-2-3']]);
    x.dispose(); y.dispose(); model.dispose();
  });

  it('writes weights-only checkpoints that load into a model of the same architecture', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData();
    const model = tinyClassifier();
    const checkpoint = new ModelCheckpoint({ filepath: 'w', baseDir: dir, saveWeightsOnly: true });
    await model.fit(x, y, { epochs: 1, batchSize: 16, callbacks: [checkpoint], verbose: 0, validationSplit: 0.25 });
    expect(readdirSync(nodePath.join(dir, 'w')).sort()).toEqual(['checkpoint.json', 'weights.bin', 'weights.json']);
    const fresh = tinyClassifier(7);
    await loadWeightsInto(fresh, nodePath.join(dir, 'w'));
    const expected = tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    const actual = tf.tidy(() => Array.from((fresh.predict(x) as tf.Tensor).dataSync()));
    expect(actual).toEqual(expected);
    x.dispose(); y.dispose(); model.dispose(); fresh.dispose();
  });

  it('finishes a background write during the next epoch, not only when training waits for it', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData(400);
    const model = tinyClassifier();
    const checkpoint = new ModelCheckpoint({ filepath: 'e{epoch}', baseDir: dir, saveBestOnly: false, onEvent: () => {} });
    // At the last batch of epoch 2 (every batch takes >= 1 ms here): is epoch 1's checkpoint on disk?
    const seenAtEpochTwoEnd: boolean[] = [];
    const observer = new (class extends tf.Callback {
      private epoch = 0;
      override async onEpochBegin(epoch: number): Promise<void> {
        this.epoch = epoch;
      }
      override async onBatchEnd(batch: number): Promise<void> {
        const end = performance.now() + 1;
        while (performance.now() < end) { /* a batch that takes a while, as real ones do */ }
        if (this.epoch === 1 && batch === 399) seenAtEpochTwoEnd.push(existsSync(nodePath.join(dir, 'e1', 'checkpoint.json')));
      }
    })();
    await model.fit(x, y, { epochs: 2, batchSize: 1, callbacks: [checkpoint, observer], verbose: 0 });
    expect(seenAtEpochTwoEnd).toEqual([true]);
    expect(existsSync(nodePath.join(dir, 'e2', 'checkpoint.json'))).toBe(true);
    x.dispose(); y.dispose(); model.dispose();
  });

  it('refuses a Keras file template when saving real models', () => {
    expect(() => new ModelCheckpoint({ filepath: 'model-{epoch}.keras' })).toThrow(
      "ModelCheckpoint option 'filepath' ends in '.keras', which asks for a Keras file",
    );
  });

  it('stops fit with an error naming the path when the target is a user file, leaving it untouched', async () => {
    const dir = await makeTempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(nodePath.join(dir, 'e2'), 'precious');
    const { x, y } = tinyData();
    const model = tinyClassifier();
    const checkpoint = new ModelCheckpoint({ filepath: 'e{epoch}', baseDir: dir, onEvent: () => {} });
    await expect(model.fit(x, y, { epochs: 3, batchSize: 16, callbacks: [checkpoint], verbose: 0, validationSplit: 0.25 })).rejects.toThrow(/e2/);
    expect(readFileSync(nodePath.join(dir, 'e2'), 'utf8')).toBe('precious');
    expect(existsSync(nodePath.join(dir, 'e1', 'checkpoint.json'))).toBe(true);
    x.dispose(); y.dispose(); model.dispose();
  });
});

describe('resuming from a checkpoint', () => {
  it('continues at the next epoch with the optimizer state and the best restored', async () => {
    const dir = await makeTempDir();
    const { x, y } = tinyData();
    const model = tinyClassifier();
    const first = new ModelCheckpoint({ filepath: 'ck/best', baseDir: dir, saveBestOnly: true, saveLast: true, onEvent: () => {} });
    await model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.25, callbacks: [first], verbose: 0 });
    const optimizerBefore = await model.optimizer.getWeights();
    const momentsBefore = optimizerBefore.map((w) => Array.from(w.tensor.dataSync()));

    const resume = await loadResumePoint(nodePath.join(dir, 'ck/last'), { siblingsRoot: nodePath.join(dir, 'ck') });
    expect(resume.initialEpoch).toBe(3);
    expect(resume.optimizerRestored).toBe(true);
    const optimizerAfter = await resume.model.optimizer.getWeights();
    expect(optimizerAfter.map((w) => Array.from(w.tensor.dataSync()))).toEqual(momentsBefore);

    const events: CheckpointEvent[] = [];
    const second = new ModelCheckpoint({ filepath: 'ck/best', baseDir: dir, saveBestOnly: true, saveLast: true, onEvent: (e) => events.push(e) });
    second.restoreState(resume.state);
    expect(second.bestValue).toBe(first.bestValue);
    await resume.model.fit(x, y, { epochs: 5, initialEpoch: resume.initialEpoch, batchSize: 16, validationSplit: 0.25, callbacks: [second], verbose: 0 });
    const decisions = events.filter((e) => e.kind === 'decision');
    expect(decisions.map((d) => d.epoch)).toEqual([3, 4]);
    expect(decisions[0].text).not.toContain('from None');
    const best = await readSidecar(nodePath.join(dir, 'ck/best'));
    expect(Number(best.value)).toBeLessThanOrEqual(first.bestValue as number);
    x.dispose(); y.dispose(); model.dispose(); resume.model.dispose();
    optimizerBefore.forEach((w) => w.tensor.dispose());
    optimizerAfter.forEach((w) => w.tensor.dispose());
  });
});
