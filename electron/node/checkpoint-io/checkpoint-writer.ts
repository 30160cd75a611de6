/**
 * Writes one checkpoint directory: `model.json` (or `weights.json`), `weights.bin` and, last,
 * the `checkpoint.json` sidecar recording every other file's size and SHA-256. Atomic: see
 * `writeDirectoryAtomically`. This front collects the model's artifacts and fills in the sidecar's
 * defaults; checkpoint-files-writer.ts does the writing.
 */
import * as tf from '@tensorflow/tfjs';

import type { CheckpointSidecar } from '../../../shared/checkpoint-record';
import type { AtomicWriteStepInfo, WriteProfile } from './atomic-directory';
import type { CheckpointFs } from './checkpoint-fs';
import { type CheckpointSidecarInput, writeCheckpointFiles } from './checkpoint-files-writer';
import { collectModelArtifacts, type CollectedModelArtifacts } from './model-artifacts';

export type { CheckpointSidecarInput } from './checkpoint-files-writer';

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
  let artifacts = args.artifacts;
  try {
    if (kind !== 'placeholder' && artifacts === undefined) {
      const collectStarted = performance.now();
      artifacts = await collectModelArtifacts(model as tf.LayersModel, {
        weightsOnly: kind === 'weights',
        includeOptimizer: args.includeOptimizer ?? true,
      });
      if (args.profile !== undefined) args.profile.collectMs += performance.now() - collectStarted;
    }
    return await writeCheckpointFiles(dir, {
      kind,
      artifacts: kind === 'placeholder' || artifacts === undefined ? null : artifacts,
      includeOptimizer: args.includeOptimizer ?? true,
      sidecar: resolveSidecarInput(args.sidecar),
      fs: args.fs,
      onStep: args.onStep,
      profile: args.profile,
    });
  } finally {
    artifacts?.dispose();
  }
}

/** The sidecar input with its defaults: now, the active backend, the tfjs version. */
export function resolveSidecarInput(input: CheckpointSidecarInput): CheckpointSidecarInput & Pick<CheckpointSidecar, 'createdAt' | 'backend' | 'tfjsVersion'> {
  return {
    ...input,
    createdAt: input.createdAt ?? new Date().toISOString(),
    backend: input.backend ?? currentBackend(),
    tfjsVersion: input.tfjsVersion ?? tf.version.tfjs,
  };
}

/** The active tfjs backend's name, or `none` before any backend is initialised (placeholders). */
function currentBackend(): string {
  return (tf.getBackend() as string | undefined | null) ?? 'none';
}
