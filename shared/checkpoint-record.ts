/**
 * Plain types of a checkpoint on disk, as the `checkpoint.json` sidecar records it and as
 * listings show it. Importable by every process (no node, no tfjs).
 *
 * A checkpoint is a directory:
 * - `model.json`   tfjs layers format (topology, training config, weights manifest); for a
 *                  weights-only checkpoint `weights.json` holds the weights manifest alone.
 * - `weights.bin`  every weight (and optimizer weight, when included) in manifest order.
 * - `checkpoint.json` this sidecar, written last; its `files` lists the others with sizes
 *                  and SHA-256, so a listing never loads weights and a load detects corruption.
 */

import type { ErrorData } from './errors';

/** Format marker written into every sidecar; listings ignore directories without it. */
export const CHECKPOINT_FORMAT = 'training-workbench-checkpoint';
/** Current sidecar version. */
export const CHECKPOINT_FORMAT_VERSION = 1;

/** File names inside a checkpoint directory. */
export const CHECKPOINT_FILES = {
  sidecar: 'checkpoint.json',
  model: 'model.json',
  weightsManifest: 'weights.json',
  weights: 'weights.bin',
} as const;

/** A logged metric value: a number (NaN and infinities allowed), or several numbers for a non-scalar metric. */
export type LogValue = number | number[];

/** Metric logs keyed by tfjs log name (`loss`, `val_loss`, `acc`, ...). */
export type LogRecord = Record<string, LogValue>;

/** One file of a checkpoint, as recorded in the sidecar. */
export interface CheckpointFileRecord {
  /** File name relative to the checkpoint directory. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** Why a checkpoint was written. */
export type CheckpointReason = 'periodic' | 'improved' | 'fallback' | 'last';

/** One entry of the callback's top-k table. */
export interface TopKEntry {
  /** The checkpoint's path as formatted (relative to the callback's base directory when relative). */
  path: string;
  /** The monitored value at save time, or null when it was missing or not a scalar. */
  value: number | null;
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch, or null for epoch-level saves. */
  batch: number | null;
}

/** A top-k entry as stored in JSON: NaN and infinities encoded as strings. */
export interface StoredTopKEntry extends Omit<TopKEntry, 'value'> {
  value: number | string | null;
}

/**
 * The callback's resumable state: enough for a resumed run to behave as if it never stopped.
 * Numbers that JSON cannot hold (NaN, Infinity) are stored as strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
 */
export interface ModelCheckpointState {
  /** Best monitored value so far, or null before the first. */
  best: number | string | null;
  /** Batches counted towards the next batch-level save. */
  batchCounter: number;
  /** Last batch index the batch hook saw, or null. */
  lastBatchIndex: number | null;
  /** Checkpoints written by this callback that retention still tracks, best first (values encoded). */
  topK: StoredTopKEntry[];
  /** Path of the current `last` checkpoint, or null. */
  lastPath: string | null;
}

/** Contents of `checkpoint.json`. */
export interface CheckpointSidecar {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** `model`: topology + weights (+ optimizer); `weights`: weights and manifest only; `placeholder`: a dry-run (replay) checkpoint without weights. */
  kind: 'model' | 'weights' | 'placeholder';
  /** 0-based epoch at which it was written. */
  epoch: number;
  /** 0-based batch for batch-level saves, else null. */
  batch: number | null;
  /** Why it was written. */
  reason: CheckpointReason;
  /** The logs of the hook that wrote it (numbers; NaN/Infinity as strings). */
  logs: Record<string, number | number[] | string>;
  /** The monitored log key. */
  monitor: string;
  /** The monitored value, or null if missing / non-scalar. NaN/Infinity as strings. */
  value: number | string | null;
  /** The best value after this decision, or null. NaN/Infinity as strings. */
  best: number | string | null;
  /** Resolved direction. */
  mode: 'min' | 'max';
  /** Whether optimizer state is included (model checkpoints only). */
  includesOptimizer: boolean;
  /** The callback's options, as JSON. */
  options: Record<string, unknown>;
  /** The callback state after this save, for resume. */
  state: ModelCheckpointState;
  /** ISO-8601 creation time. */
  createdAt: string;
  /** tfjs backend that produced the weights (`wasm`, `cpu`, `tensorflow`, ...). */
  backend: string;
  /** tfjs version. */
  tfjsVersion: string;
  /** Every other file of the directory with size and SHA-256. */
  files: CheckpointFileRecord[];
}

/** What a listing shows for one checkpoint (from its sidecar alone). */
export interface CheckpointSummary {
  /** Stable id: the checkpoint directory's path relative to the listed root, with `/` separators. */
  id: string;
  /** Absolute directory path (engine side only; the renderer names checkpoints by id). */
  dir: string;
  sidecar: CheckpointSidecar;
  /** Total bytes of the recorded files. */
  sizeBytes: number;
  /** Best by the sidecars' own monitor and mode among the listed checkpoints. */
  isBest: boolean;
  /** The most recently created checkpoint. */
  isLast: boolean;
}

/** Encodes a number for JSON: NaN and infinities become strings. */
export function encodeNumber(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Decodes `encodeNumber`'s output; also accepts plain numbers. */
export function decodeNumber(value: number | string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  throw new Error(`not an encoded number: ${JSON.stringify(value)}`);
}

/** A directory under a listed root whose `checkpoint.json` could not be read; reported, not thrown. */
export interface UnreadableCheckpoint {
  /** The directory's path relative to the listed root, with `/` separators. */
  id: string;
  /** Absolute directory path (engine side only). */
  dir: string;
  /** Why it could not be read (code `CHECKPOINT_CORRUPT` and a message naming the file). */
  error: Pick<ErrorData, 'code' | 'message'>;
}

/** A listing of the checkpoints under a root: the readable ones and the unreadable ones apart. */
export interface CheckpointListing {
  /** Readable checkpoints, oldest first (by `createdAt`, then id). */
  checkpoints: CheckpointSummary[];
  /** Directories whose sidecar is ours but unreadable (bad JSON, missing fields), by id. */
  unreadable: UnreadableCheckpoint[];
}
