import * as tf from '@tensorflow/tfjs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir';
import type { Dataset } from '../../../../shared/dataset';
import { loadCsvDataset } from '../../../../electron/node/data/load-csv-dataset';
import { loadIris } from '../../../../electron/node/data/load-iris';
import { SeededRandom } from '../../../../electron/node/data/seeded-random';
import { toTensors } from '../../../../electron/node/data/to-tensors';

let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  dir = await makeTempDir('workbench-train-');
});

interface TrainResult {
  losses: number[];
  /** Test accuracy for classification, test mean squared error for regression. */
  testMetric: number;
}

/** Trains a small MLP on the train split (validating on validation), then scores the test split. */
async function trainMlp(dataset: Dataset, epochs: number): Promise<TrainResult> {
  const classification = dataset.info.task === 'classification';
  const outputs = classification ? dataset.info.classNames.length : 1;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [dataset.info.numFeatures], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: outputs, activation: classification ? 'softmax' : 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  const optimizer = tf.train.adam(0.01);
  model.compile({ optimizer, loss: classification ? 'categoricalCrossentropy' : 'meanSquaredError' });
  const train = toTensors(dataset.train);
  const validation = toTensors(dataset.validation);
  const test = toTensors(dataset.test);
  try {
    const history = await model.fit(train.x, train.y, {
      epochs,
      batchSize: 16,
      shuffle: false, // the splits are already shuffled (seeded): keep training deterministic
      validationData: [validation.x, validation.y],
      verbose: 0,
    });
    const testMetric = tf.tidy(() => {
      const predicted = model.predict(test.x) as tf.Tensor2D;
      return classification
        ? predicted.argMax(1).equal(test.y.argMax(1)).mean().dataSync()[0]!
        : tf.losses.meanSquaredError(test.y, predicted).dataSync()[0]!;
    });
    return { losses: history.history.loss as number[], testMetric };
  } finally {
    tf.dispose([train.x, train.y, validation.x, validation.y, test.x, test.y]);
    model.dispose();
    optimizer.dispose();
  }
}

describe('training on loaded data sets', () => {
  it('reaches at least 90% test accuracy on iris without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const { losses, testMetric } = await trainMlp(loadIris(), 50);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 3);
    expect(testMetric).toBeGreaterThanOrEqual(0.9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns a separable two-class CSV to at least 90% test accuracy without leaking tensors', async () => {
    const random = new SeededRandom(21);
    const lines = ['height_cm,weight_kg,group'];
    for (let i = 0; i < 300; i++) {
      const height = random.uniform(150, 200);
      const weight = random.uniform(45, 110);
      // The two groups lie on either side of a line in the (height, weight) plane.
      lines.push(`${height.toFixed(1)},${weight.toFixed(1)},${weight - 0.9 * height + 90 > 0 ? 'heavy' : 'light'}`);
    }
    const path = join(dir, 'people.csv');
    await writeFile(path, lines.join('\r\n') + '\r\n');
    const dataset = await loadCsvDataset({ path, seed: 4 });
    expect(dataset.info.classNames).toEqual(['heavy', 'light']);

    const before = tf.memory().numTensors;
    const { losses, testMetric } = await trainMlp(dataset, 30);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
    expect(testMetric).toBeGreaterThanOrEqual(0.9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fits a linear regression CSV with a falling loss without leaking tensors', async () => {
    const random = new SeededRandom(8);
    const lines = ['a,b,target'];
    for (let i = 0; i < 200; i++) {
      const a = random.uniform(-5, 5);
      const b = random.uniform(0, 100);
      lines.push(`${a.toFixed(3)},${b.toFixed(2)},${(3 * a - 0.05 * b + 0.1 * random.normal()).toFixed(4)}`);
    }
    const path = join(dir, 'linear.csv');
    await writeFile(path, lines.join('\n'));
    const dataset = await loadCsvDataset({ path });
    expect(dataset.info.task).toBe('regression');

    const before = tf.memory().numTensors;
    const { losses, testMetric } = await trainMlp(dataset, 40);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 10);
    expect(testMetric).toBeLessThan(1); // targets vary with std ~9; a fit leaves ~0.01 plus what 16 relus miss
    expect(tf.memory().numTensors).toBe(before);
  });
});
