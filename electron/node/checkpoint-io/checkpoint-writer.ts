/**
 * Writes one checkpoint directory: `model.json` (or `weights.json`), `weights.bin` and, last,
 * the `checkpoint.json` sidecar recording every other file's size and SHA-256. Atomic: see
 * `writeDirectoryAtomically`.
 */
import * as tf from '@tensorflow/tfjs';

import {
  CHECKPOINT_FILES,
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointFileRecord,
  type CheckpointSidecar,
} from '../../../shared/checkpoint-record';
import { type AtomicWriteStepInfo, writeDirectoryAtomically, type WriteProfile } from './atomic-directory';
import type { CheckpointFs } from './checkpoint-fs';
import { sidecarProblem } from './checkpoint-reader';
import { collectModelArtifacts, type CollectedModelArtifacts } from './model-artifacts';

/**
 * The sidecar fields the caller decides. The writer sets `format`, `version`, `kind`,
 * `includesOptimizer` and `files` (values passed for them are ignored). `createdAt`, `backend`
 * and `tfjsVersion` default to now, the active tfjs backend (`none` before one is initialised)
 * and the tfjs version.
 */
export type CheckpointSidecarInput =
  Omit<CheckpointSidecar, 'format' | 'version' | 'kind' | 'includesOptimizer' | 'files' | 'createdAt' | 'backend' | 'tfjsVersion'>
  & Partial<Pick<CheckpointSidecar, 'format' | 'version' | 'createdAt' | 'backend' | 'tfjsVersion'>>;

/** Options of `writeCheckpoint`. */
export interface WriteCheckpointArgs {
  /** The model to save. Required unless `kind` is `'placeholder'` (where it is ignored) or `artifacts` is given. */
  model?: tf.LayersModel | null;
  /**
   * The model's artifacts, collected earlier with `collectModelArtifacts` (a snapshot taken while
   * training was paused, written while it goes on). The writer disposes them. Defaults to
   * collecting from `model` now.
   */
  artifacts?: CollectedModelArtifacts;
  /**
   * `'model'`: topology, weights and (with `includeOptimizer`) the optimizer, loadable with
   * `tf.loadLayersModel`; `'weights'`: the weights and their manifest only; `'placeholder'`: the
   * sidecar alone (dry-run replays), under the same rules (occupied targets, atomicity, parents).
   */
  kind: CheckpointSidecar['kind'];
  /** For `'model'`: include the optimizer state and training config. Defaults to true. */
  includeOptimizer?: boolean;
  /** What the sidecar records besides the files. */
  sidecar: CheckpointSidecarInput;
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
  /** Called at each step of the atomic write (progress, crash tests). Defaults to none. */
  onStep?: (info: AtomicWriteStepInfo) => void | Promise<void>;
  /** Filled with where the time went (see `WriteProfile`). Defaults to none. */
  profile?: WriteProfile;
}

/**
 * Writes a checkpoint into the directory `dir` atomically and returns the sidecar as written.
 * Parent folders are created now, and only now. Errors: `CheckpointOccupiedError` when `dir`
 * exists and is not one of our checkpoints (it is left untouched); `CheckpointSaveError` naming
 * `dir` and the OS reason when writing fails (earlier checkpoints stay intact, temporaries are
 * removed). Passing an invalid sidecar (a NaN number instead of `"NaN"`, a negative epoch) or no
 * model for a model checkpoint is a programming error (`Error`).
 *
 * @example
 *   await writeCheckpoint('runs/a/epoch-03', { model, kind: 'model', sidecar: { epoch: 2, batch: null, ... } })
 *   // -> runs/a/epoch-03/{model.json, weights.bin, checkpoint.json}
 */
export async function writeCheckpoint(dir: string, args: WriteCheckpointArgs): Promise<CheckpointSidecar> {
  const { kind, model } = args;
  if (kind !== 'placeholder' && model == null && args.artifacts === undefined) {
    throw new Error(`writeCheckpoint: a '${kind}' checkpoint needs a model.`);
  }
  // Resolve the defaults once, so the sidecar validated here is the one written.
  const input: CheckpointSidecarInput = {
    ...args.sidecar,
    createdAt: args.sidecar.createdAt ?? new Date().toISOString(),
    backend: args.sidecar.backend ?? currentBackend(),
    tfjsVersion: args.sidecar.tfjsVersion ?? tf.version.tfjs,
  };
  const base = buildSidecar(kind, input, args.includeOptimizer ?? true, []);
  const problem = sidecarProblem(base as unknown as Record<string, unknown>, { requireFiles: false });
  if (problem !== null) throw new Error(`writeCheckpoint: invalid sidecar for ${dir}: ${problem}.`);

  return writeDirectoryAtomically(dir, async (temporary) => {
    const files: CheckpointFileRecord[] = [];
    let includesOptimizer = false;
    if (kind !== 'placeholder' && (model != null || args.artifacts !== undefined)) {
      const collectStarted = performance.now();
      const artifacts = args.artifacts ?? await collectModelArtifacts(model as tf.LayersModel, {
        weightsOnly: kind === 'weights',
        includeOptimizer: args.includeOptimizer ?? true,
      });
      if (args.profile !== undefined) args.profile.collectMs += performance.now() - collectStarted;
      try {
        includesOptimizer = artifacts.includesOptimizer;
        // Both at once: the small JSON's write and fsync hide behind the weights'. Wait for both
        // even when one fails, so cleanup never races a write still in progress.
        const settled = await Promise.allSettled([
          temporary.writeFile(artifacts.jsonName, artifacts.json),
          temporary.writeFile(CHECKPOINT_FILES.weights, artifacts.weightChunks),
        ]);
        for (const result of settled) {
          if (result.status === 'rejected') throw result.reason;
          files.push(result.value);
        }
      } finally {
        artifacts.dispose();
      }
    }
    const sidecar = buildSidecar(kind, input, includesOptimizer, files);
    await temporary.writeFile(CHECKPOINT_FILES.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
    return sidecar;
  }, { fs: args.fs, onStep: args.onStep, profile: args.profile });
}

function buildSidecar(
  kind: CheckpointSidecar['kind'],
  input: CheckpointSidecarInput,
  includesOptimizer: boolean,
  files: CheckpointFileRecord[],
): CheckpointSidecar {
  // Fields the writer owns win over anything a caller passes along (a spread of an old sidecar).
  const { format: _format, version: _version, kind: _kind, includesOptimizer: _includes, files: _files, ...rest } =
    input as CheckpointSidecarInput & Partial<Pick<CheckpointSidecar, 'kind' | 'includesOptimizer' | 'files'>>;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_FORMAT_VERSION,
    kind,
    ...rest,
    includesOptimizer: kind === 'model' && includesOptimizer,
    createdAt: input.createdAt ?? new Date().toISOString(),
    backend: input.backend ?? currentBackend(),
    tfjsVersion: input.tfjsVersion ?? tf.version.tfjs,
    files,
  };
}

/** The active tfjs backend's name, or `none` before any backend is initialised (placeholders). */
function currentBackend(): string {
  return (tf.getBackend() as string | undefined | null) ?? 'none';
}
