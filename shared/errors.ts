/**
 * The workbench's error family. Every error a user can cause or fix is a
 * `WorkbenchError` with a stable `code`; anything else is a bug (`INTERNAL`).
 * Errors cross process boundaries only as plain `ErrorData` (see `toErrorData`).
 */

/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'CONFIG'
  | 'CHECKPOINT_NOT_FOUND'
  | 'CHECKPOINT_CORRUPT'
  | 'CHECKPOINT_OCCUPIED'
  | 'CHECKPOINT_SAVE_FAILED'
  | 'FORMAT'
  | 'DATA'
  | 'BACKEND'
  | 'NOT_FOUND'
  /** The renderer has no connection to the engine (browser mode: the WebSocket is down); nothing was sent. */
  | 'DISCONNECTED'
  | 'INTERNAL';

/** An error as plain data, safe to send over IPC or print as JSON. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  detail?: unknown;
}

/** Base class of every error the workbench raises on purpose. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad user input: an option, a flag, a config file. The message says what to change. */
export class ConfigError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('CONFIG', message, detail);
  }
}

/** A checkpoint that was asked for does not exist. */
export class CheckpointNotFoundError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('CHECKPOINT_NOT_FOUND', message, detail);
  }
}

/** A checkpoint exists but is truncated, edited or half-written; the message names the file. */
export class CheckpointCorruptError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('CHECKPOINT_CORRUPT', message, detail);
  }
}

/** The target path of a checkpoint holds something that is not a checkpoint; it was left untouched. */
export class CheckpointOccupiedError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('CHECKPOINT_OCCUPIED', message, detail);
  }
}

/** Writing a checkpoint failed (disk full, permissions, ...); earlier checkpoints are intact. */
export class CheckpointSaveError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('CHECKPOINT_SAVE_FAILED', message, detail);
  }
}

/** Bad or unreadable data: a CSV, an input file. The message names the file and line. */
export class DataError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('DATA', message, detail);
  }
}

/**
 * A TensorFlow.js backend that was asked for cannot be loaded (not installed, a missing CUDA
 * library, ...). The message names the backend, the reason and what to do instead.
 */
export class BackendError extends WorkbenchError {
  constructor(message: string, detail?: unknown) {
    super('BACKEND', message, detail);
  }
}

/**
 * Turns any thrown value into plain data. A `WorkbenchError` keeps its code and message;
 * anything else is reported as `INTERNAL` with its message, since it is a bug.
 *
 * @example toErrorData(new ConfigError('bad')) -> { code: 'CONFIG', message: 'bad' }
 */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof WorkbenchError) {
    return error.detail === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, detail: error.detail };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
