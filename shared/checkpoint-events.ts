/**
 * Events of the ModelCheckpoint callback: every decision it takes, as plain data, so the CLI
 * prints it, the UI shows it and the replay tool records it. Epochs and batches are 0-based;
 * `batch` is null outside batch hooks, and both are null for events raised before training
 * (constructor warnings, configuration errors at train begin).
 */
import type { CheckpointReason } from './checkpoint-record';
import type { ErrorCode } from './errors';

/** Where in training an event happened. */
export interface CheckpointEventPosition {
  /** 0-based epoch, or null before the first epoch. */
  epoch: number | null;
  /** 0-based batch index for batch-level events, else null. */
  batch: number | null;
}

/** A verbose line, exactly as Keras prints it (each begins with a newline). Only when `verbose > 0`. */
export interface CheckpointPrintEvent extends CheckpointEventPosition {
  kind: 'print';
  text: string;
}

/** A checkpoint was written (after the write completed and was renamed into place). */
export interface CheckpointSaveEvent extends CheckpointEventPosition {
  kind: 'save';
  /** The path as formatted from the template (relative paths stay relative). */
  path: string;
  /** Whether only the weights were written. */
  weightsOnly: boolean;
  /** Absolute directory of the checkpoint. */
  dir: string;
  reason: CheckpointReason;
  /** The monitored value, or null when missing or non-scalar. */
  value: number | null;
  /** Best value after this decision, or null. */
  best: number | null;
  /** Bytes written. */
  sizeBytes: number;
}

/** A run-time warning (monitor missing, non-scalar monitor, unknown mode). */
export interface CheckpointWarningEvent extends CheckpointEventPosition {
  kind: 'warning';
  text: string;
}

/** An error that stops training (bad template, failed save, occupied target, undecidable mode). */
export interface CheckpointErrorEvent extends CheckpointEventPosition {
  kind: 'error';
  /** The Python exception type Keras raises in the same situation (`KeyError`, `ValueError`, `OSError`, ...). */
  type: string;
  code: ErrorCode;
  text: string;
}

/** The outcome of one save consideration, with the Keras line as text (also when `verbose` is 0). */
export interface CheckpointDecisionEvent extends CheckpointEventPosition {
  kind: 'decision';
  outcome: 'save' | 'improved' | 'not-improved' | 'monitor-missing' | 'non-scalar' | 'not-in-top-k';
  /** The formatted path the decision concerned. */
  path: string;
  monitor: string;
  value: number | null;
  best: number | null;
  /** A one-line human summary (the Keras message without its leading newline, where Keras has one). */
  text: string;
}

/** Retention removed a checkpoint this callback had written. */
export interface CheckpointDeleteEvent extends CheckpointEventPosition {
  kind: 'delete';
  path: string;
  dir: string;
  reason: 'top-k';
}

/** Any ModelCheckpoint event. */
export type CheckpointEvent =
  | CheckpointPrintEvent
  | CheckpointSaveEvent
  | CheckpointWarningEvent
  | CheckpointErrorEvent
  | CheckpointDecisionEvent
  | CheckpointDeleteEvent;
