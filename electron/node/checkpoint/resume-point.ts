/**
 * Resuming training from a checkpoint: the model (with its optimizer state), the epoch to start
 * from, and the ModelCheckpoint state to restore, reconciled with the checkpoints already on disk
 * so a resumed `saveBestOnly` run never replaces a better checkpoint with a worse one.
 */
import * as tf from '@tensorflow/tfjs';
import {
  decodeNumber,
  encodeNumber,
  type CheckpointSidecar,
  type CheckpointSummary,
  type ModelCheckpointState,
} from '../../../shared/checkpoint-record';
import { ConfigError } from '../../../shared/errors';
import { isImprovement } from '../../../shared/monitor-direction';
import { loadCheckpointModel, loadWeightsInto } from '../checkpoint-io/checkpoint-loader';
import { readSidecar } from '../checkpoint-io/checkpoint-reader';
import { listCheckpoints } from '../checkpoint-io/checkpoint-store';

/** Where and how to resume. */
export interface ResumePoint {
  /** The model, weights restored; compiled with its optimizer state when the checkpoint had it. */
  model: tf.LayersModel;
  /** The checkpoint's sidecar. */
  sidecar: CheckpointSidecar;
  /** Pass to `ModelCheckpoint.restoreState` before `fit`. */
  state: ModelCheckpointState;
  /** Pass as `fit`'s `initialEpoch`: the epoch after an epoch-level checkpoint; the same epoch, redone, after a batch-level one. */
  initialEpoch: number;
  /** Whether the optimizer state came back (false for weights-only checkpoints: the optimizer starts fresh). */
  optimizerRestored: boolean;
}

/** Options of {@link loadResumePoint}. */
export interface LoadResumePointArgs {
  /**
   * For a weights-only checkpoint: a model of the same architecture, compiled, to load the weights into.
   * Ignored for full checkpoints. Defaults to none (a weights-only checkpoint is then an error).
   */
  architecture?: tf.LayersModel;
  /**
   * Folder holding the run's other checkpoints. Their values raise the restored `best` when one of
   * them is better than the state the resumed checkpoint recorded (resuming from an older one).
   * Defaults to none.
   */
  siblingsRoot?: string;
}

/**
 * Loads everything needed to resume from checkpoint `dir`.
 *
 * @example
 *   const resume = await loadResumePoint('runs/a/checkpoints/last', { siblingsRoot: 'runs/a/checkpoints' });
 *   const ckpt = new ModelCheckpoint({ filepath: 'runs/a/checkpoints/best', saveBestOnly: true });
 *   ckpt.restoreState(resume.state);
 *   await resume.model.fit(x, y, { epochs: 20, initialEpoch: resume.initialEpoch, callbacks: [ckpt] });
 */
export async function loadResumePoint(dir: string, args: LoadResumePointArgs = {}): Promise<ResumePoint> {
  const sidecar = await readSidecar(dir);
  let model: tf.LayersModel;
  let optimizerRestored: boolean;
  if (sidecar.kind === 'model') {
    model = await loadCheckpointModel(dir);
    optimizerRestored = sidecar.includesOptimizer && model.optimizer != null;
  } else {
    if (!args.architecture) {
      throw new ConfigError(
        `Checkpoint ${dir} holds weights only: pass a model of the same architecture (architecture: model) to resume from it.`,
      );
    }
    model = args.architecture;
    await loadWeightsInto(model, dir);
    optimizerRestored = false;
  }
  let state = sidecar.state;
  if (args.siblingsRoot) {
    const listing = await listCheckpoints(args.siblingsRoot);
    state = reconcileBest(state, sidecar, listing.checkpoints);
  }
  return {
    model,
    sidecar,
    state,
    initialEpoch: sidecar.batch === null ? sidecar.epoch + 1 : sidecar.epoch,
    optimizerRestored,
  };
}

/**
 * Raises a state's `best` to the best value among checkpoints of the same monitor and mode that
 * were saved as improvements: resuming from an older checkpoint must not forget a better one.
 *
 * @example reconcileBest({ best: 0.5, ... }, sidecar(min, val_loss), [summary(best 0.3)]) -> { best: 0.3, ... }
 */
export function reconcileBest(
  state: ModelCheckpointState,
  from: Pick<CheckpointSidecar, 'monitor' | 'mode'>,
  others: readonly CheckpointSummary[],
): ModelCheckpointState {
  let best = state.best === null ? null : decodeNumber(state.best);
  for (const other of others) {
    const { sidecar } = other;
    if (sidecar.monitor !== from.monitor || sidecar.mode !== from.mode || sidecar.reason !== 'improved') continue;
    if (sidecar.value === null) continue;
    const value = decodeNumber(sidecar.value);
    if (isImprovement(value, best, from.mode)) best = value;
  }
  return { ...state, best: best === null ? null : encodeNumber(best) };
}
