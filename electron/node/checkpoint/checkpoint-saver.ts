/**
 * The narrow I/O interface ModelCheckpoint writes through, so the callback's decisions are
 * independent of where bytes go: the file-system saver writes real tfjs checkpoints, the replay
 * tool's saver writes placeholders (sidecar only) and can simulate failures.
 *
 * Saving has two stages. `stage` runs inside the training hook and takes what must not change
 * (a snapshot of the weights); `commit` writes it, in the background when the saver says so, while
 * training goes on. The callback keeps commits in order and waits for them at the end of training.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import type { CheckpointSidecar } from '../../../shared/checkpoint-record';

/** Everything the saver needs to write one checkpoint. */
export interface SaveRequest {
  /** Absolute target directory. */
  dir: string;
  /** The path as formatted from the template (for messages). */
  path: string;
  /** `model` (topology + weights + optimizer when asked) or `weights` (weights and manifest only). */
  kind: 'model' | 'weights';
  /** The model being trained; null when driven without one (replay). */
  model: LayersModel | null;
  includeOptimizer: boolean;
  /** The sidecar without `files`, `kind` and `includesOptimizer` (the saver fills those in). */
  sidecar: Omit<CheckpointSidecar, 'files' | 'kind' | 'includesOptimizer'>;
}

/** A checkpoint whose content is fixed, ready to be written. */
export interface StagedCheckpoint {
  /** Whether `commit` may run in the background while training continues. */
  readonly background: boolean;
  /**
   * Writes the checkpoint atomically, creating missing parent directories only now. Rejects with
   * `CheckpointOccupiedError` when the target holds something that is not a checkpoint, and with
   * `CheckpointSaveError` (naming the path and the OS reason) when the write fails.
   */
  commit(): Promise<CheckpointSidecar>;
}

/** Writes and removes checkpoint directories. */
export interface CheckpointSaver {
  /**
   * True when the saver writes real models, so file-format rules apply to the template
   * (a `.keras` / `.h5` suffix is refused). The replay tool's placeholder saver says false.
   */
  readonly writesModels: boolean;
  /** Takes the snapshot a checkpoint needs (quickly: training waits for it). */
  stage(request: SaveRequest): Promise<StagedCheckpoint>;
  /** Removes a checkpoint this callback wrote (retention). Refuses directories that are not checkpoints. */
  remove(dir: string): Promise<void>;
}
