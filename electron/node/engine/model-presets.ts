/**
 * The models the workbench trains: an MLP, a small CNN for images, or a user's tfjs layers
 * topology; compiled with the loss and metrics that fit the task.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { DatasetInfo } from '../../../shared/dataset';
import { ConfigError } from '../../../shared/errors';
import type { ModelSpec, RunConfig } from '../../../shared/run-config';

import { FusedAdamOptimizer } from './fused-adam-optimizer';

/** Builds (uncompiled) the model a spec describes for a data set. Weight initialisation is seeded. */
export async function buildModel(spec: ModelSpec, info: DatasetInfo, seed: number): Promise<tf.LayersModel> {
  const outputs = info.task === 'classification' ? info.classNames.length : 1;
  const outputActivation = info.task === 'classification' ? 'softmax' : 'linear';
  let nextSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: nextSeed++ });

  if (spec.preset === 'custom') return loadCustomTopology(spec.topologyPath, info, outputs);

  const model = tf.sequential();
  if (spec.preset === 'mlp') {
    // Image-shaped samples are flattened; flat samples go straight into the first dense layer.
    const flat = info.featureShape.length === 1;
    if (!flat) model.add(tf.layers.flatten({ inputShape: info.featureShape }));
    spec.hiddenUnits.forEach((units, index) => {
      model.add(
        tf.layers.dense({
          ...(flat && index === 0 ? { inputShape: info.featureShape } : {}),
          units,
          activation: spec.activation,
          kernelInitializer: init(),
        }),
      );
      if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: nextSeed++ }));
    });
    if (flat && spec.hiddenUnits.length === 0) {
      model.add(tf.layers.dense({ inputShape: info.featureShape, units: outputs, activation: outputActivation, kernelInitializer: init() }));
      return model;
    }
  } else {
    if (info.featureShape.length !== 3) {
      throw new ConfigError(
        `The cnn preset needs image data (height x width x channels); ${info.name} has samples of shape [${info.featureShape.join(', ')}]. Use the mlp preset.`,
      );
    }
    spec.filters.forEach((filters, index) => {
      model.add(
        tf.layers.conv2d({
          ...(index === 0 ? { inputShape: info.featureShape } : {}),
          filters,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(),
        }),
      );
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    });
    model.add(tf.layers.flatten());
    if (spec.denseUnits > 0) model.add(tf.layers.dense({ units: spec.denseUnits, activation: 'relu', kernelInitializer: init() }));
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: nextSeed++ }));
  }
  model.add(tf.layers.dense({ units: outputs, activation: outputActivation, kernelInitializer: init() }));
  return model;
}

/**
 * Compiles with the optimizer of the config and the task's loss and metrics; the names it logs
 * are `loggedMetricNames(task)` (shared/logged-metrics.ts), which forms use before a run exists.
 */
export function compileForTask(model: tf.LayersModel, training: RunConfig['training'], task: DatasetInfo['task']): void {
  const optimizers: Record<RunConfig['training']['optimizer'], () => tf.Optimizer> = {
    adam: () => new FusedAdamOptimizer(training.learningRate),
    sgd: () => tf.train.sgd(training.learningRate),
    rmsprop: () => tf.train.rmsprop(training.learningRate),
    adagrad: () => tf.train.adagrad(training.learningRate),
  };
  model.compile({
    optimizer: optimizers[training.optimizer](),
    loss: task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
    metrics: task === 'classification' ? ['accuracy'] : ['mae'],
  });
}

/** One line per layer and the parameter count, for run records and the CLI. */
export function summarizeModel(model: tf.LayersModel): { parameters: number; layers: string[] } {
  return {
    parameters: model.countParams(),
    layers: model.layers.map((layer) => {
      const shape = JSON.stringify(layer.outputShape).replace(/null/g, 'None');
      return `${layer.name} (${layer.getClassName()}) -> ${shape}, ${layer.countParams()} params`;
    }),
  };
}

async function loadCustomTopology(path: string, info: DatasetInfo, outputs: number): Promise<tf.LayersModel> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`Cannot read the model topology ${path}: ${reason}. Give the path of a tfjs layers model.json.`);
  }
  const topology = (json as { modelTopology?: unknown })?.modelTopology ?? json;
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: topology as tf.io.ModelJSON['modelTopology'] } as never);
  } catch (error) {
    throw new ConfigError(`The model topology in ${path} cannot be built: ${(error as Error).message}`);
  }
  const inputShape = model.inputs[0]?.shape.slice(1);
  const outputShape = model.outputs[0]?.shape.slice(1);
  if (JSON.stringify(inputShape) !== JSON.stringify(info.featureShape)) {
    throw new ConfigError(
      `The model in ${path} takes inputs of shape [${inputShape?.join(', ')}], but ${info.name} has samples of shape [${info.featureShape.join(', ')}].`,
    );
  }
  if (JSON.stringify(outputShape) !== JSON.stringify([outputs])) {
    throw new ConfigError(
      `The model in ${path} outputs shape [${outputShape?.join(', ')}], but ${info.name} needs [${outputs}] (${info.task === 'classification' ? `${outputs} classes` : 'one value'}).`,
    );
  }
  return model;
}
