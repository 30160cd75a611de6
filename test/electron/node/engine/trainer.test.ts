import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../shared/engine-events';
import type { RunConfigInput } from '../../../../shared/run-config';
import { InferenceService } from '../../../../electron/node/engine/inference-service';
import { RunStore } from '../../../../electron/node/engine/run-store';
import { resumeTraining, startTraining } from '../../../../electron/node/engine/trainer';
import { makeTempDir } from '../../../helpers/temp-dir';
import { useCpuBackend } from '../../../helpers/tiny-model';

beforeAll(useCpuBackend);

async function engine() {
  const workspace = await makeTempDir('workbench-ws-');
  const events: EngineEvent[] = [];
  const ctx = { store: new RunStore(workspace), emit: (e: EngineEvent) => events.push(e) };
  return { workspace, events, ctx };
}

const irisConfig = (extra: Partial<RunConfigInput> = {}): RunConfigInput => ({
  dataset: { kind: 'iris' },
  model: { preset: 'mlp', hiddenUnits: [16] },
  training: { epochs: 4, batchSize: 16, learningRate: 0.05 },
  backend: 'cpu',
  ...extra,
});

describe('startTraining', () => {
  it('trains a run into its own folder with run.json, history.jsonl and checkpoints', async () => {
    const { ctx, events } = await engine();
    const before = tf.memory().numTensors;
    const session = await startTraining(ctx, irisConfig());
    const record = await session.done;
    expect(record.status).toBe('completed');
    expect(tf.memory().numTensors).toBe(before);
    const dir = ctx.store.runDir(session.runId);
    const onDisk = JSON.parse(readFileSync(nodePath.join(dir, 'run.json'), 'utf8'));
    expect(onDisk).toMatchObject({ status: 'completed', epochsCompleted: 4, monitor: 'val_loss', mode: 'min', backend: { selected: 'cpu' } });
    const history = readFileSync(nodePath.join(dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(history.map((h) => h.epoch)).toEqual([0, 1, 2, 3]);
    expect(Object.keys(history[0].logs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(onDisk.best).not.toBeNull();
    expect(existsSync(nodePath.join(dir, 'checkpoints', onDisk.best.id, 'checkpoint.json'))).toBe(true);
    expect(existsSync(nodePath.join(dir, 'checkpoints', 'last', 'checkpoint.json'))).toBe(true);
    const kinds = events.map((e) => e.type);
    expect(kinds[0]).toBe('run-started');
    expect(kinds.at(-1)).toBe('run-finished');
    expect(kinds.filter((k) => k === 'epoch-end')).toHaveLength(4);
    expect(events.some((e) => e.type === 'checkpoint' && e.event.kind === 'decision')).toBe(true);
  });

  it.each([
    [{ dataset: { kind: 'xor', samples: 200 } }],
    [{ dataset: { kind: 'spirals', samples: 200 } }],
  ])('trains on generated data %j', async (extra) => {
    const { ctx } = await engine();
    const session = await startTraining(ctx, irisConfig(extra as Partial<RunConfigInput>));
    expect((await session.done).status).toBe('completed');
  });

  it('trains on a user CSV file and regresses a continuous label', async () => {
    const { ctx, workspace } = await engine();
    const csv = nodePath.join(workspace, 'houses.csv');
    const rows = Array.from({ length: 120 }, (_, i) => {
      const rooms = 1 + (i % 6);
      const area = 30 + ((i * 37) % 120);
      return `${rooms},${area},${(rooms * 20 + area * 1.5 + (i % 7)).toFixed(2)}`;
    });
    writeFileSync(csv, `rooms,area,price\n${rows.join('\n')}\n`);
    const session = await startTraining(ctx, irisConfig({ dataset: { kind: 'csv', path: csv, labelColumn: 'price' }, training: { epochs: 3, batchSize: 16, learningRate: 0.05 } }));
    const record = await session.done;
    expect(record).toMatchObject({ status: 'completed', metricNames: ['loss', 'mae', 'val_loss', 'val_mae'] });
    expect(record.dataset).toMatchObject({ task: 'regression', featureNames: ['rooms', 'area'], labelName: 'price' });
  });

  it('trains a user topology (a tfjs layers model.json)', async () => {
    const { ctx, workspace } = await engine();
    const source = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 6, activation: 'tanh' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
    const topology = nodePath.join(workspace, 'model.json');
    writeFileSync(topology, JSON.stringify({ modelTopology: source.toJSON(null, false) }));
    source.dispose();
    const session = await startTraining(ctx, irisConfig({ model: { preset: 'custom', topologyPath: topology } }));
    const record = await session.done;
    expect(record.status).toBe('completed');
    expect(record.model!.parameters).toBe(4 * 6 + 6 + 6 * 3 + 3);
  });

  it('refuses a user topology whose output does not fit the data', async () => {
    const { ctx, workspace } = await engine();
    const source = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2, activation: 'softmax' })] });
    const topology = nodePath.join(workspace, 'model.json');
    writeFileSync(topology, JSON.stringify({ modelTopology: source.toJSON(null, false) }));
    source.dispose();
    await expect(startTraining(ctx, irisConfig({ model: { preset: 'custom', topologyPath: topology } }))).rejects.toThrow(
      `The model in ${topology} outputs shape [2], but Iris needs [3] (3 classes).`,
    );
  });

  it('refuses a monitor the model does not log, naming the ones it does', async () => {
    const { ctx, workspace } = await engine();
    await expect(startTraining(ctx, irisConfig({ checkpoint: { monitor: 'val_accuracy' } }))).rejects.toThrow(
      "Checkpoint monitor 'val_accuracy' is not logged by this model; it logs loss, acc, val_loss, val_acc. TensorFlow.js calls accuracy 'acc': use 'val_acc'.",
    );
    expect(await new RunStore(workspace).listRecords()).toEqual([]);
  });

  it('refuses shift augmentation for data that are not images', async () => {
    const { ctx } = await engine();
    await expect(startTraining(ctx, irisConfig({ training: { augmentShift: 2 } }))).rejects.toThrow(
      'training.augmentShift (2) shifts images, but Iris has samples of shape [4].',
    );
  });

  it('refuses an invalid configuration listing every issue', async () => {
    const { ctx } = await engine();
    await expect(startTraining(ctx, irisConfig({ training: { epochs: 0, batchSize: -1 } }))).rejects.toThrow(
      /Invalid run configuration: training\.epochs: .*; training\.batchSize: /,
    );
  });

  it('refuses a checkpoint policy ModelCheckpoint would refuse', async () => {
    const { ctx } = await engine();
    await expect(startTraining(ctx, irisConfig({ checkpoint: { filepath: 'best.keras' } }))).rejects.toThrow("ends in '.keras'");
  });

  it('stops gracefully after the current epoch', async () => {
    const { ctx, events } = await engine();
    const session = await startTraining(ctx, irisConfig({ training: { epochs: 50, batchSize: 16 } }));
    const stopAfterFirstEpoch = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((e) => e.type === 'epoch-end')) {
          session.stop();
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    await stopAfterFirstEpoch;
    const record = await session.done;
    expect(record.status).toBe('stopped');
    expect(record.epochsCompleted).toBeLessThan(50);
    const history = await ctx.store.readHistory(session.runId);
    expect(history).toHaveLength(record.epochsCompleted);
  });
});

describe('resumeTraining', () => {
  it('continues a stopped run from its last checkpoint at the next epoch, keeping the best', async () => {
    const { ctx, events } = await engine();
    const first = await startTraining(ctx, irisConfig({ training: { epochs: 3, batchSize: 16 } }));
    const firstRecord = await first.done;
    events.length = 0;
    const resumed = await resumeTraining(ctx, { runId: first.runId, epochs: 5 });
    const record = await resumed.done;
    expect(record).toMatchObject({ status: 'completed', epochsCompleted: 5, resumedFrom: { runId: first.runId, checkpointId: 'last' } });
    expect(events.filter((e) => e.type === 'epoch-end').map((e) => (e as { epoch: number }).epoch)).toEqual([3, 4]);
    const decisions = events.flatMap((e) => (e.type === 'checkpoint' && e.event.kind === 'decision' ? [e.event.text] : []));
    expect(decisions[0]).not.toContain('from None');
    expect(record.best!.value).toBeLessThanOrEqual(firstRecord.best!.value);
    expect((await ctx.store.readHistory(first.runId)).map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4]);
  });

  it('says there is nothing left to train at the configured end', async () => {
    const { ctx } = await engine();
    const first = await startTraining(ctx, irisConfig({ training: { epochs: 2, batchSize: 16 } }));
    await first.done;
    await expect(resumeTraining(ctx, { runId: first.runId })).rejects.toThrow(/nothing left to train\. Pass a larger total \(--epochs 7\)/);
  });
});

describe('InferenceService', () => {
  it('reloads a weights-only checkpoint into the run\'s recorded architecture', async () => {
    const { ctx } = await engine();
    const session = await startTraining(ctx, irisConfig({ checkpoint: { saveWeightsOnly: true, filepath: 'w{epoch}' }, training: { epochs: 4, batchSize: 16, learningRate: 0.05 } }));
    const record = await session.done;
    const inference = new InferenceService(ctx);
    const evaluation = await inference.evaluate(session.runId, record.best!.id);
    expect(evaluation.samples).toBe(30);
    expect(Number.isFinite(evaluation.metrics.loss)).toBe(true);
    expect(evaluation.metrics.acc).toBeGreaterThan(0.6);
    inference.dispose();
  });

  it('evaluates a checkpoint on the test split and predicts raw inputs', async () => {
    const { ctx } = await engine();
    const session = await startTraining(ctx, irisConfig({ training: { epochs: 30, batchSize: 16, learningRate: 0.05 } }));
    const record = await session.done;
    const inference = new InferenceService(ctx);
    const evaluation = await inference.evaluate(session.runId, record.best!.id);
    expect(evaluation.samples).toBe(30);
    expect(evaluation.metrics.acc).toBeGreaterThan(0.8);
    expect(evaluation.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const setosa = [5.1, 3.5, 1.4, 0.2];
    const virginica = [7.7, 3.0, 6.1, 2.3];
    const result = await inference.predict(session.runId, record.best!.id, [setosa, virginica]);
    expect(result.predictions.map((p) => p.topK[0].className)).toEqual(['Iris-setosa', 'Iris-virginica']);
    await expect(inference.predict(session.runId, record.best!.id, [[1, 2]])).rejects.toThrow(
      'Input 1 has 2 values, but Iris samples have 4 (sepal length (cm), sepal width (cm), petal length (cm), petal width (cm)).',
    );
    await expect(inference.evaluate(session.runId, '../../etc')).rejects.toThrow("'../../etc' is not a checkpoint id");
    inference.dispose();
  });
});
