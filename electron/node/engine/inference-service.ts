/**
 * Reloading checkpoints for inference: evaluate one on its run's test split, predict on inputs.
 * Loaded models are cached (a few at a time) so comparing two checkpoints stays fast.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../../shared/dataset';
import { ConfigError } from '../../../shared/errors';
import type { EvaluationResult, Prediction, PredictionResult } from '../../../shared/inference';
import type { RunRecord } from '../../../shared/run-record';
import { loadCheckpointModel, loadWeightsInto } from '../checkpoint-io/checkpoint-loader';
import { readSidecar } from '../checkpoint-io/checkpoint-reader';
import { toTensors } from '../data/to-tensors';
import type { EngineContext } from './engine-context';
import { buildModel, compileForTask } from './model-presets';
import { disposeModel, loadRunDataset } from './trainer';
import { useBackend } from './use-backend';

interface Loaded {
  key: string;
  model: tf.LayersModel;
  record: RunRecord;
  dataset: Dataset;
}

/** How many loaded checkpoints stay in memory. */
const CACHE_SIZE = 4;

/** Evaluates and predicts with checkpoints of the workspace's runs. */
export class InferenceService {
  private readonly cache: Loaded[] = [];
  private backendReady: Promise<unknown> | null = null;

  constructor(private readonly ctx: EngineContext) {}

  /** Loss, metrics and (for classification) the confusion matrix on the run's test split. */
  async evaluate(runId: string, checkpointId: string): Promise<EvaluationResult> {
    const loaded = await this.load(runId, checkpointId);
    const { info, test } = loaded.dataset;
    const { x, y } = toTensors(test);
    try {
      const scalars = loaded.model.evaluate(x, y, { batchSize: 256 }) as tf.Scalar | tf.Scalar[];
      const list = Array.isArray(scalars) ? scalars : [scalars];
      const metrics: Record<string, number> = {};
      loaded.model.metricsNames.forEach((name, i) => {
        metrics[name] = list[i].dataSync()[0];
      });
      tf.dispose(list);
      let confusionMatrix: number[][] | null = null;
      if (info.task === 'classification' && test.task === 'classification') {
        const predicted = tf.tidy(() => (loaded.model.predict(x, { batchSize: 256 }) as tf.Tensor).argMax(-1).dataSync());
        confusionMatrix = info.classNames.map(() => info.classNames.map(() => 0));
        test.labels.forEach((truth, i) => {
          confusionMatrix![truth][predicted[i]] += 1;
        });
      }
      return { runId, checkpointId, samples: test.size, metrics, confusionMatrix, classNames: info.classNames };
    } finally {
      tf.dispose([x, y]);
    }
  }

  /**
   * Predictions for raw feature vectors (pixels in [0, 1] for MNIST, unstandardised values for
   * tabular data: the run's training-split standardisation is applied here).
   */
  async predict(runId: string, checkpointId: string, inputs: number[][], topK = 3): Promise<PredictionResult> {
    const loaded = await this.load(runId, checkpointId);
    const { info } = loaded.dataset;
    inputs.forEach((input, row) => {
      if (input.length !== info.numFeatures) {
        throw new ConfigError(
          `Input ${row + 1} has ${input.length} values, but ${info.name} samples have ${info.numFeatures}` +
            (info.featureNames.length ? ` (${info.featureNames.join(', ')}).` : ` (${info.featureShape.join('x')}).`),
        );
      }
      const bad = input.findIndex((value) => !Number.isFinite(value));
      if (bad >= 0) throw new ConfigError(`Input ${row + 1}, value ${bad + 1} is not a finite number.`);
    });
    const stats = info.standardization;
    const flat = new Float32Array(inputs.length * info.numFeatures);
    inputs.forEach((input, row) =>
      input.forEach((value, col) => {
        flat[row * info.numFeatures + col] = stats ? (value - stats.mean[col]) / (stats.std[col] > 0 ? stats.std[col] : 1) : value;
      }),
    );
    const output = tf.tidy(() => {
      const x = tf.tensor(flat, [inputs.length, ...info.featureShape]);
      return (loaded.model.predict(x) as tf.Tensor).arraySync() as number[][];
    });
    const predictions: Prediction[] = output.map((row) => {
      if (info.task === 'regression') return { probabilities: [], topK: [], value: row[0] };
      const ranked = row
        .map((probability, classIndex) => ({ classIndex, className: info.classNames[classIndex], probability }))
        .sort((a, b) => b.probability - a.probability)
        .slice(0, topK);
      return { probabilities: row, topK: ranked, value: null };
    });
    return { runId, checkpointId, predictions };
  }

  /** Frees every cached model. */
  dispose(): void {
    for (const entry of this.cache.splice(0)) disposeModel(entry.model);
  }

  private async load(runId: string, checkpointId: string): Promise<Loaded> {
    this.backendReady ??= useBackend(this.ctx.backendOverride ?? 'auto', this.ctx.wasmDir);
    await this.backendReady;
    const dir = this.ctx.store.checkpointDir(runId, checkpointId);
    const sidecar = await readSidecar(dir);
    const key = `${dir}\0${sidecar.createdAt}`;
    const hit = this.cache.find((entry) => entry.key === key);
    if (hit) return hit;
    const record = await this.ctx.store.readRecord(runId);
    const dataset = await loadRunDataset(record.config, this.ctx);
    let model: tf.LayersModel;
    if (sidecar.kind === 'model') {
      model = await loadCheckpointModel(dir);
    } else {
      model = await buildModel(record.config.model, dataset.info, record.config.training.seed);
      try {
        await loadWeightsInto(model, dir);
      } catch (error) {
        disposeModel(model);
        throw error;
      }
    }
    if (!model.optimizer) compileForTask(model, record.config.training, dataset.info.task);
    const entry = { key, model, record, dataset };
    this.cache.unshift(entry);
    for (const evicted of this.cache.splice(CACHE_SIZE)) disposeModel(evicted.model);
    return entry;
  }
}
