/**
 * Builds what `model.save(handler, { includeOptimizer: true })` of a tfjs `LayersModel` hands its
 * IOHandler (tfjs-layers 4.22 `engine/training.js` `save()`), as the files a checkpoint holds,
 * without tfjs's copies: tfjs's `encodeWeights` copies every tensor into one new buffer and then
 * concatenates the optimizer's buffer onto it (a second copy). Here each weight's own typed array
 * is kept (on the cpu backend `data()` returns the tensor's backing array, no copy) and the writer
 * writes them in sequence.
 */
import * as tf from '@tensorflow/tfjs';

import { CHECKPOINT_FILES } from '../../../shared/checkpoint-record';

/** Options of `collectModelArtifacts`. */
export interface CollectModelArtifactsArgs {
  /** Append the optimizer's weights (group `optimizer`) and write the training config. Defaults to true. */
  includeOptimizer?: boolean;
  /** Collect only the weights and their manifest (`weights.json`), no topology, no optimizer. Defaults to false. */
  weightsOnly?: boolean;
}

/** The files of a model checkpoint, ready to write. */
export interface CollectedModelArtifacts {
  /** `model.json`, or `weights.json` for weights only. */
  jsonName: typeof CHECKPOINT_FILES.model | typeof CHECKPOINT_FILES.weightsManifest;
  /** The JSON file's text. */
  json: string;
  /** The weight specs, in `weights.bin` order (model weights, then optimizer weights). */
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** The bytes of `weights.bin`, one view per weight, in spec order (views on tensor memory where possible). */
  weightChunks: Uint8Array[];
  /** Total bytes of `weightChunks`. */
  weightBytes: number;
  /** Whether optimizer weights were included. */
  includesOptimizer: boolean;
  /** Disposes the tensors this call created (the optimizer's iteration counter). Idempotent. */
  dispose(): void;
}

/** What tfjs-layers writes as `format`. */
export const LAYERS_MODEL_FORMAT = 'layers-model';

/** A tensor with the name it is saved under (tfjs's NamedTensor, not exported by the tfjs package). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** The parts of `LayersModel` that `save()` uses but tfjs declares protected. */
interface LayersModelInternals {
  getTrainingConfig(): tf.io.TrainingConfig;
}

/**
 * Collects the artifacts of `model`: with `weightsOnly`, the weights manifest; otherwise
 * `model.json` exactly as tfjs's `save()` builds it (topology, `format`, `generatedBy`,
 * `convertedBy: null`, the weights manifest `[{ paths: ['weights.bin'], weights }]`, user metadata,
 * and with the optimizer the training config), the optimizer's weights appended with
 * `group: 'optimizer'`. Weight names are the variables' `originalName`, as tfjs's.
 * Call `dispose()` once the bytes are written.
 */
export async function collectModelArtifacts(
  model: tf.LayersModel,
  args: CollectModelArtifactsArgs = {},
): Promise<CollectedModelArtifacts> {
  const weightsOnly = args.weightsOnly ?? false;
  const includeOptimizer = !weightsOnly && (args.includeOptimizer ?? true) && model.optimizer != null;
  const created: tf.Tensor[] = [];
  const dispose = (): void => {
    tf.dispose(created.splice(0));
  };
  try {
    const named: NamedTensor[] = model.weights.map((weight) => ({ name: weight.originalName, tensor: weight.read() }));
    const specs: tf.io.WeightsManifestEntry[] = [];
    const chunks: Uint8Array[] = [];
    await appendWeights(named, undefined, specs, chunks);

    let trainingConfig: tf.io.TrainingConfig | undefined;
    if (includeOptimizer) {
      trainingConfig = (model as unknown as LayersModelInternals).getTrainingConfig();
      const optimizerWeights = await model.optimizer.getWeights();
      // Optimizer state lives in variables; anything else (the iteration counter) is a new tensor
      // that tfjs's own save() never disposes.
      created.push(...optimizerWeights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
      await appendWeights(optimizerWeights, 'optimizer', specs, chunks);
    }

    const manifest: tf.io.WeightsManifestConfig = [{ paths: [CHECKPOINT_FILES.weights], weights: specs }];
    let json: string;
    if (weightsOnly) {
      json = JSON.stringify(manifest);
    } else {
      // Key order of tfjs's getModelJSONForModelArtifacts (not exported in 4.22).
      const modelJson: tf.io.ModelJSON = {
        modelTopology: model.toJSON(null, false) as object,
        format: LAYERS_MODEL_FORMAT,
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        weightsManifest: manifest,
      };
      const metadata = model.getUserDefinedMetadata();
      if (metadata != null) modelJson.userDefinedMetadata = metadata as { [key: string]: {} };
      if (trainingConfig !== undefined) modelJson.trainingConfig = trainingConfig;
      json = JSON.stringify(modelJson);
    }
    return {
      jsonName: weightsOnly ? CHECKPOINT_FILES.weightsManifest : CHECKPOINT_FILES.model,
      json,
      weightSpecs: specs,
      weightChunks: chunks,
      weightBytes: chunks.reduce((total, chunk) => total + chunk.byteLength, 0),
      includesOptimizer: includeOptimizer,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Appends one spec and one byte view per tensor, as `tf.io.encodeWeights` would encode them. */
async function appendWeights(
  named: NamedTensor[],
  group: tf.io.WeightGroup | undefined,
  specs: tf.io.WeightsManifestEntry[],
  chunks: Uint8Array[],
): Promise<void> {
  const values = await Promise.all(named.map(({ name, tensor }) => readBytes(name, tensor)));
  named.forEach(({ name, tensor }, index) => {
    const spec: tf.io.WeightsManifestEntry = { name, shape: tensor.shape, dtype: tensor.dtype as tf.io.WeightsManifestEntry['dtype'] };
    if (group !== undefined) spec.group = group;
    specs.push(spec);
    chunks.push(values[index]);
  });
}

/** The tensor's bytes as stored in `weights.bin`: a view on the backend's own array when it has one. */
async function readBytes(name: string, tensor: tf.Tensor): Promise<Uint8Array> {
  let array: Float32Array | Int32Array | Uint8Array;
  switch (tensor.dtype) {
    case 'float32': {
      const data = await tensor.data();
      array = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
      break;
    }
    case 'int32': {
      const data = await tensor.data();
      array = data instanceof Int32Array ? data : Int32Array.from(data as ArrayLike<number>);
      break;
    }
    case 'bool': {
      const data = await tensor.data();
      array = data instanceof Uint8Array ? data : Uint8Array.from(data as ArrayLike<number>);
      break;
    }
    default:
      throw new Error(`Cannot save weight '${name}': dtype ${tensor.dtype} is not supported in checkpoints.`);
  }
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
