/**
 * A tfjs `IOHandler` over the local file system, for plain tfjs (tfjs-node, which has one, cannot
 * be installed everywhere): `tf.loadLayersModel(fileHandler('/runs/a/epoch-3'))` and
 * `model.save(fileHandler('/models/m'))`, and `registerFileRouters()` for `file://` URLs.
 */
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { CHECKPOINT_FILES } from '../../../shared/checkpoint-record';
import { CheckpointCorruptError, CheckpointNotFoundError, CheckpointOccupiedError } from '../../../shared/errors';
import { type CheckpointFs, defaultCheckpointFs, errorCode, fsyncDirectory } from './checkpoint-fs';
import { toSaveError } from './save-error';
import { claimTemporary, newToken, releaseTemporary, temporaryName } from './temporary-names';

/** Options of `fileHandler`. */
export interface FileHandlerArgs {
  /**
   * Reads a file the handler loads (model.json and the weight files), by absolute path. The
   * checkpoint loader passes one that checks sizes and hashes. Defaults to reading the file.
   */
  readFile?: (file: string) => Promise<Uint8Array>;
  /** File system to use for saving. Defaults to the real one. */
  fs?: CheckpointFs;
}

/**
 * An IOHandler for `target`: a directory (holding `model.json`) or the path of a model JSON file.
 * `load` reads the JSON and the weight files its manifest names (relative paths inside the same
 * folder only). `save` creates the folder if needed and writes the weights file, then the JSON,
 * each through a temporary file renamed into place; to a directory it writes `model.json` and
 * `weights.bin` like tfjs-node's `file://` handler, to `<dir>/<stem>.json` it writes that file and
 * `<stem>.weights.bin` (or `weights.bin` for `model.json`). It refuses a folder holding a
 * checkpoint sidecar (`CheckpointOccupiedError`). For crash-safe checkpoints with sidecars use
 * `writeCheckpoint` instead.
 */
export function fileHandler(target: string, args: FileHandlerArgs = {}): tf.io.IOHandler {
  const fs = args.fs ?? defaultCheckpointFs;
  const readFile = args.readFile ?? ((file: string) => fs.readFile(file));
  const absolute = path.resolve(target);
  const isJsonPath = absolute.endsWith('.json');
  const modelJsonPath = isJsonPath ? absolute : path.join(absolute, CHECKPOINT_FILES.model);
  const dir = path.dirname(modelJsonPath);

  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = parseModelJson(await readOrExplain(readFile, modelJsonPath, target), modelJsonPath);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const relative of group.paths) {
            buffers.push(toArrayBuffer(await readOrExplain(readFile, weightPath(dir, relative, modelJsonPath), target)));
          }
          specs.push(...group.weights);
        }
        return [specs, buffers.length === 1 ? buffers[0] : buffers];
      });
    },

    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileHandler.save: binary (GraphDef) topologies are not supported; save a LayersModel.');
      }
      const jsonName = path.basename(modelJsonPath);
      const weightsName = jsonName === CHECKPOINT_FILES.model
        ? CHECKPOINT_FILES.weights
        : `${jsonName.slice(0, -'.json'.length)}.${CHECKPOINT_FILES.weights}`;
      const weightData = artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const manifest: tf.io.WeightsManifestConfig = [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }];
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: manifest,
      };
      if (artifacts.signature != null) modelJson.signature = artifacts.signature;
      if (artifacts.userDefinedMetadata != null) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      if (artifacts.modelInitializer != null) modelJson.modelInitializer = artifacts.modelInitializer;
      if (artifacts.initializerSignature != null) modelJson.initializerSignature = artifacts.initializerSignature;
      if (artifacts.trainingConfig != null) modelJson.trainingConfig = artifacts.trainingConfig;
      const sidecar = path.join(dir, CHECKPOINT_FILES.sidecar);
      if (await fs.lstat(sidecar).then(() => true, () => false)) {
        throw new CheckpointOccupiedError(
          `Cannot save the model into ${dir}: it holds a checkpoint (${CHECKPOINT_FILES.sidecar}), whose recorded ` +
            'hashes the new files would break. It was left untouched; save elsewhere, or use writeCheckpoint to replace it.',
          { path: dir },
        );
      }
      try {
        await fs.mkdir(dir, { recursive: true });
        await writeFileAtomically(fs, path.join(dir, weightsName), new Uint8Array(weightData));
        await writeFileAtomically(fs, modelJsonPath, Buffer.from(JSON.stringify(modelJson), 'utf8'));
        await fsyncDirectory(fs, dir);
      } catch (error) {
        throw toSaveError(target, error);
      }
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

let routersRegistered = false;

/**
 * Registers `file://` save and load routers backed by `fileHandler`, unless `file://` is already
 * handled (tfjs-node registers its own) or this was done before. Then `model.save('file:///m')`
 * and `tf.loadLayersModel('file:///m/model.json')` work in plain tfjs. As in tfjs-node, the path
 * is the URL without `file://` (so `file://./m` is relative to the working directory).
 * Returns whether routers were registered by this call.
 */
export function registerFileRouters(): boolean {
  if (routersRegistered) return false;
  if (tf.io.getLoadHandlers('file:///probe/model.json').length > 0) return false;
  const router = (url: string | string[]): tf.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    return fileHandler(url.slice('file://'.length));
  };
  // tfjs routers return null for URLs they do not handle, though the type says IOHandler.
  const typed = router as (url: string | string[]) => tf.io.IOHandler;
  tf.io.registerSaveRouter(typed);
  tf.io.registerLoadRouter(typed);
  routersRegistered = true;
  return true;
}

/** Parses model.json text; a `CheckpointCorruptError` naming the file when it is not a model JSON. */
export function parseModelJson(bytes: Uint8Array, file: string): tf.io.ModelJSON {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    throw new CheckpointCorruptError(`${file} is not valid JSON (${(error as Error).message}).`, { path: file });
  }
  if (typeof value !== 'object' || value === null || !('modelTopology' in value)) {
    throw new CheckpointCorruptError(`${file} is not a TensorFlow.js model JSON: it has no "modelTopology".`, { path: file });
  }
  const manifest = (value as { weightsManifest?: unknown }).weightsManifest;
  if (manifest !== undefined && !isManifest(manifest)) {
    throw new CheckpointCorruptError(`${file} has an invalid "weightsManifest".`, { path: file });
  }
  return value as tf.io.ModelJSON;
}

/** Whether `value` looks like a weights manifest: `[{ paths: string[], weights: [{ name, shape, dtype }] }]`. */
export function isManifest(value: unknown): value is tf.io.WeightsManifestConfig {
  return Array.isArray(value) && value.every((group) => typeof group === 'object' && group !== null
    && Array.isArray(group.paths) && group.paths.every((p: unknown) => typeof p === 'string')
    && Array.isArray(group.weights) && group.weights.every((w: unknown) => typeof w === 'object' && w !== null
      && typeof (w as { name?: unknown }).name === 'string'
      && Array.isArray((w as { shape?: unknown }).shape)
      && typeof (w as { dtype?: unknown }).dtype === 'string'));
}

/** A manifest path resolved inside `dir`; refuses paths that leave it. */
function weightPath(dir: string, relative: string, modelJsonPath: string): string {
  const resolved = path.resolve(dir, relative);
  if (path.isAbsolute(relative) || path.relative(dir, resolved).startsWith('..')) {
    throw new CheckpointCorruptError(
      `${modelJsonPath} names the weight file "${relative}" outside its folder; refusing to read it.`,
      { path: modelJsonPath },
    );
  }
  return resolved;
}

async function readOrExplain(
  readFile: (file: string) => Promise<Uint8Array>,
  file: string,
  target: string,
): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new CheckpointNotFoundError(`Cannot load the model ${target}: ${file} does not exist.`, { path: file });
    }
    throw error;
  }
}

/** The bytes as an ArrayBuffer of exactly their length (no copy when the view spans its buffer). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Writes `file` through a temporary sibling `.<name>.wbtmp-<pid>-<token>`, fsynced, then renamed. */
async function writeFileAtomically(fs: CheckpointFs, file: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), temporaryName({
    target: path.basename(file), kind: 'tmp', pid: process.pid, token: newToken(),
  }));
  claimTemporary(temporary);
  try {
    const handle = await fs.open(temporary, 'wx');
    try {
      let offset = 0;
      while (offset < bytes.byteLength) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset, offset);
        offset += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    releaseTemporary(temporary);
  }
}
