/**
 * Loads checkpoints back into tfjs: a whole model (topology, weights and, when saved, the
 * optimizer state) with `loadCheckpointModel`, or the weights into a model built in code with
 * `loadWeightsInto`. Every byte used is checked against the sidecar's sizes and SHA-256 first.
 */
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { CHECKPOINT_FILES, type CheckpointSidecar } from '../../../shared/checkpoint-record';
import { CheckpointCorruptError, ConfigError, WorkbenchError } from '../../../shared/errors';
import type { CheckpointFs } from './checkpoint-fs';
import { fileRecord, readSidecar, readVerifiedFile } from './checkpoint-reader';
import { fileHandler, isManifest, parseModelJson } from './file-io-handler';
import type { NamedTensor } from './model-artifacts';

/** Options of `loadCheckpointModel`. */
export interface LoadCheckpointModelArgs {
  /** Require the saved weights to match the layers exactly (tfjs's `strict`). Defaults to true. */
  strict?: boolean;
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
}

/**
 * Loads the model of a `model` checkpoint with `tf.loadLayersModel` through a file IOHandler
 * whose reads are verified against the sidecar. When the checkpoint includes the optimizer, the
 * model comes back compiled with it (tfjs restores it from the training config) and its state
 * (Adam's moments and iteration count, ...) restored.
 * Errors: `CheckpointNotFoundError`; `CheckpointCorruptError` naming a missing, truncated or
 * changed file, or the tfjs error when the topology cannot be built; `ConfigError` for a
 * weights-only or placeholder checkpoint.
 */
export async function loadCheckpointModel(dir: string, args: LoadCheckpointModelArgs = {}): Promise<tf.LayersModel> {
  const absolute = path.resolve(dir);
  const sidecar = await readSidecar(absolute, { fs: args.fs });
  if (sidecar.kind !== 'model') throw notAModel(absolute, sidecar);
  const handler = fileHandler(absolute, {
    fs: args.fs,
    readFile: (file) => readVerifiedFile(absolute, recordOf(absolute, sidecar, file), { fs: args.fs }),
  });
  try {
    return await tf.loadLayersModel(handler, { strict: args.strict ?? true });
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const file = path.join(absolute, CHECKPOINT_FILES.model);
    throw new CheckpointCorruptError(`Cannot build the model saved in ${file}: ${(error as Error).message}`, {
      path: file,
    });
  }
}

/** Options of `loadWeightsInto`. */
export interface LoadWeightsIntoArgs {
  /**
   * Also restore the optimizer state into `model.optimizer` when the checkpoint has it (a full
   * model checkpoint saved with the optimizer) and the model is compiled. Defaults to false.
   */
  restoreOptimizer?: boolean;
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
}

/**
 * Sets `model`'s weights from a `weights` (or `model`) checkpoint, matched by position (see
 * `checkArchitecture`).
 * Returns the sidecar. Errors: `ConfigError` naming every missing or extra weight and every shape
 * or dtype mismatch when the architectures differ (the model is left unchanged), or for a
 * placeholder checkpoint; `CheckpointCorruptError` and `CheckpointNotFoundError` as
 * `verifyCheckpoint`.
 */
export async function loadWeightsInto(
  model: tf.LayersModel,
  dir: string,
  args: LoadWeightsIntoArgs = {},
): Promise<CheckpointSidecar> {
  const absolute = path.resolve(dir);
  const sidecar = await readSidecar(absolute, { fs: args.fs });
  if (sidecar.kind === 'placeholder') throw notAModel(absolute, sidecar);
  const manifestName = sidecar.kind === 'weights' ? CHECKPOINT_FILES.weightsManifest : CHECKPOINT_FILES.model;
  const manifestFile = path.join(absolute, manifestName);
  const manifestBytes = await readVerifiedFile(absolute, fileRecord(absolute, sidecar, manifestName), { fs: args.fs });
  const manifest = sidecar.kind === 'weights'
    ? parseManifest(manifestBytes, manifestFile)
    : parseModelJson(manifestBytes, manifestFile).weightsManifest;

  const specs = manifest.flatMap((group) => group.weights);
  const modelSpecs = specs.filter((spec) => spec.group !== 'optimizer');
  const optimizerSpecs = specs.filter((spec) => spec.group === 'optimizer');
  checkArchitecture(model, modelSpecs, absolute);

  const buffers: Buffer[] = [];
  for (const group of manifest) {
    for (const relative of group.paths) {
      buffers.push(await readVerifiedFile(absolute, recordOf(absolute, sidecar, path.resolve(absolute, relative)),
        { fs: args.fs }));
    }
  }
  const bytes = buffers.length === 1 ? buffers[0] : Buffer.concat(buffers);
  const expected = specs.reduce((total, spec) => total + byteSize(spec), 0);
  if (bytes.byteLength !== expected) {
    throw new CheckpointCorruptError(
      `${manifestFile} describes ${expected} bytes of weights but the weight files hold ${bytes.byteLength}.`,
      { path: manifestFile },
    );
  }
  const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer as ArrayBuffer
    : new Uint8Array(bytes).buffer;
  const tensors = tf.io.decodeWeights(data, specs);
  try {
    model.setWeights(modelSpecs.map((spec) => tensors[spec.name]));
    if ((args.restoreOptimizer ?? false) && optimizerSpecs.length > 0 && model.optimizer != null) {
      await restoreOptimizerState(model.optimizer, optimizerSpecs.map((spec) => ({ name: spec.name, tensor: tensors[spec.name] })));
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return sidecar;
}

/**
 * Gives `optimizer` the saved state. tfjs optimizers replace their state variables in
 * `setWeights` without disposing the old ones, so those (and the iteration-counter tensors that
 * `getWeights` creates) are disposed here.
 */
async function restoreOptimizerState(optimizer: tf.Optimizer, weights: NamedTensor[]): Promise<void> {
  const before = await optimizer.getWeights();
  await optimizer.setWeights(weights);
  const after = await optimizer.getWeights();
  const kept = new Set(after.filter((w) => w.tensor instanceof tf.Variable).map((w) => w.tensor));
  tf.dispose(before.map((w) => w.tensor).filter((t) => !kept.has(t)));
  tf.dispose(after.map((w) => w.tensor).filter((t) => !kept.has(t)));
}

/**
 * Throws a `ConfigError` listing how the saved weights differ from the model's. Weights are
 * matched by position, as Keras matches a weights file to a model built in code: tfjs numbers
 * layer names per process (`dense_Dense1` in one run is `dense_Dense7` in another), so names
 * identify nothing across runs; shapes and dtypes must agree position by position.
 */
function checkArchitecture(model: tf.LayersModel, specs: tf.io.WeightsManifestEntry[], dir: string): void {
  const problems: string[] = [];
  const weights = model.weights;
  for (let i = 0; i < Math.max(weights.length, specs.length); i += 1) {
    const weight = weights[i];
    const spec = specs[i];
    if (spec === undefined) {
      problems.push(`the model's weight ${i + 1} "${weight.originalName}" ${shape(weight.shape)} is not in the checkpoint`);
    } else if (weight === undefined) {
      problems.push(`the checkpoint's weight ${i + 1} "${spec.name}" ${shape(spec.shape)} is not in the model`);
    } else if (shape(spec.shape) !== shape(weight.shape) || spec.dtype !== weight.dtype) {
      const what = shape(spec.shape) !== shape(weight.shape)
        ? `shape ${shape(spec.shape)} in the checkpoint but ${shape(weight.shape)} in the model`
        : `dtype ${spec.dtype} in the checkpoint but ${weight.dtype} in the model`;
      const names = spec.name === weight.originalName
        ? `"${spec.name}"`
        : `("${spec.name}" in the checkpoint, "${weight.originalName}" in the model)`;
      problems.push(`weight ${i + 1} ${names} has ${what}`);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 6).join('; ');
    const more = problems.length > 6 ? `; and ${problems.length - 6} more` : '';
    throw new ConfigError(
      `The checkpoint ${dir} does not fit this model (${specs.length} saved weights, ${weights.length} in the model): ` +
        `${shown}${more}. Build the model with the architecture the checkpoint was saved from.`,
      { path: dir, problems },
    );
  }
}

function parseManifest(bytes: Buffer, file: string): tf.io.WeightsManifestConfig {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new CheckpointCorruptError(`${file} is not valid JSON (${(error as Error).message}).`, { path: file });
  }
  if (!isManifest(value)) throw new CheckpointCorruptError(`${file} is not a weights manifest.`, { path: file });
  return value;
}

function recordOf(dir: string, sidecar: CheckpointSidecar, file: string) {
  const name = path.relative(dir, file);
  return fileRecord(dir, sidecar, name);
}

function notAModel(dir: string, sidecar: CheckpointSidecar): ConfigError {
  return sidecar.kind === 'placeholder'
    ? new ConfigError(`${dir} is a placeholder checkpoint written by a dry-run replay; it holds no weights.`, { path: dir })
    : new ConfigError(
      `${dir} is a weights-only checkpoint: it holds no model architecture. Build the model in code and ` +
        'load the weights with loadWeightsInto(model, dir).',
      { path: dir },
    );
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, complex64: 8 };

function byteSize(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const quantBytes = spec.quantization === undefined
    ? undefined
    : ({ uint8: 1, uint16: 2, float16: 2 } as Record<string, number>)[spec.quantization.dtype];
  return count * (quantBytes ?? DTYPE_BYTES[spec.dtype] ?? 4);
}

function shape(dims: readonly (number | null)[]): string {
  return `[${dims.join(',')}]`;
}
