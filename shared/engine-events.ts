/**
 * Events of the training engine, as the CLI prints them and the UI receives them over IPC.
 * Deltas only: a view that mounts late fetches the snapshot (`runs:get`) and then subscribes.
 */
import type { CheckpointEvent } from './checkpoint-events';
import type { ErrorData } from './errors';
import type { RunRecord } from './run-record';

/** A run began (or resumed) training. */
export interface RunStartedEvent {
  type: 'run-started';
  runId: string;
  run: RunRecord;
}

/** An epoch ended: all its logs. */
export interface EpochEndEvent {
  type: 'epoch-end';
  runId: string;
  /** 0-based. */
  epoch: number;
  logs: Record<string, number>;
  elapsedMs: number;
}

/** Batch progress, throttled (at most ~10 per second). */
export interface BatchEndEvent {
  type: 'batch-end';
  runId: string;
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  logs: Record<string, number>;
  /** Training samples per second over the epoch so far. */
  samplesPerSecond: number;
}

/** A ModelCheckpoint event (decision, save, delete, warning, error, verbose line). */
export interface CheckpointEngineEvent {
  type: 'checkpoint';
  runId: string;
  event: CheckpointEvent;
}

/** A warning for the user, reported once. */
export interface WarningEvent {
  type: 'warning';
  runId: string;
  text: string;
}

/** The run ended: completed or stopped. */
export interface RunFinishedEvent {
  type: 'run-finished';
  runId: string;
  run: RunRecord;
}

/** The run failed; `error` says why in words a user can act on. */
export interface RunFailedEvent {
  type: 'run-failed';
  runId: string;
  run: RunRecord;
  error: ErrorData;
}

/** Any engine event. */
export type EngineEvent =
  | RunStartedEvent
  | EpochEndEvent
  | BatchEndEvent
  | CheckpointEngineEvent
  | WarningEvent
  | RunFinishedEvent
  | RunFailedEvent;
