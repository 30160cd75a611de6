/**
 * `ModelCheckpoint` for TensorFlow.js: Keras 3's callback where Keras is sound, with atomic
 * checkpoint directories, a checksummed sidecar, retention and resumable state.
 * Behaviour reference: shared/keras-checkpoint/semantics.md (sections A-C).
 */
import * as tf from '@tensorflow/tfjs';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  decodeNumber,
  encodeNumber,
  type CheckpointReason,
  type CheckpointSidecar,
  type LogRecord,
  type LogValue,
  type ModelCheckpointState,
  type TopKEntry,
} from '../../../shared/checkpoint-record';
import type { CheckpointDecisionEvent, CheckpointEvent } from '../../../shared/checkpoint-events';
import {
  CheckpointOccupiedError,
  CheckpointSaveError,
  ConfigError,
  WorkbenchError,
  type ErrorCode,
} from '../../../shared/errors';
import { isImprovement, resolveAutoMode, type MetricDirection, type MonitorMode } from '../../../shared/monitor-direction';
import { formatValue } from '../python-format/format-value';
import { CheckpointPathError, formatCheckpointPath, templateRootDir } from './checkpoint-path';
import type { CheckpointSaver, StagedCheckpoint } from './checkpoint-saver';
import { FileCheckpointSaver } from './file-checkpoint-saver';
import {
  CheckpointConfigError,
  resolveCheckpointOptions,
  type ModelCheckpointArgs,
  type ResolvedCheckpointOptions,
} from './model-checkpoint-args';
import { resolveLogs } from './resolve-logs';
import { planSave, wouldKeep } from './top-k-table';
import * as nodePath from 'node:path';

/** Background checkpoint writes allowed to wait for the disk while training goes on. */
const MAX_WRITES_IN_FLIGHT = 2;
/**
 * While writes are in flight, the batch hook yields to the event loop at most this often: `fit`
 * runs a whole epoch without a macrotask turn, so without these yields a write's answer from the
 * writer thread (its `save` event, the back-pressure count) would wait for the epoch to end, and a
 * write on this thread (where no writer thread runs) would sit half done until then.
 */
const WRITE_PROGRESS_INTERVAL_MS = 5;

/** Name of the always-current checkpoint written by `saveLast`, inside the template's root directory. */
export const LAST_CHECKPOINT_NAME = 'last';

/**
 * Saves the model during `fit` the way Keras users expect, into crash-safe checkpoint directories.
 *
 * ```ts
 * await model.fit(xs, ys, {
 *   epochs: 10, validationSplit: 0.2,
 *   callbacks: [new ModelCheckpoint({ filepath: 'ckpt/epoch{epoch:02d}-{val_loss:.4f}', saveBestOnly: true, verbose: 1 })],
 * });
 * ```
 *
 * Every decision is an event (`onEvent`); verbose lines are Keras's, character for character.
 * Options are validated here, in the constructor; see {@link ModelCheckpointArgs}.
 */
export class ModelCheckpoint extends tf.Callback {
  /** The validated options. */
  readonly options: ResolvedCheckpointOptions;
  private readonly saver: CheckpointSaver;
  private readonly baseDir: string;
  private readonly listener: (event: CheckpointEvent) => void;
  private readonly printLine: (text: string) => void;
  private readonly now: () => Date;
  private mode: MonitorMode | null = null;
  private best: number | null;
  private batchCounter = 0;
  private lastBatchIndex: number | null = null;
  private currentEpoch = 0;
  private topK: TopKEntry[] = [];
  private lastPath: string | null = null;
  private metricDirections: MetricDirection[] = [];
  /** Background writes, in order; each runs after the previous one settled. */
  private pending: Promise<void> = Promise.resolve();
  /** Background writes not finished yet, oldest first (for back-pressure). */
  private readonly inFlight: Promise<void>[] = [];
  /** The first background write that failed: training stops with it at the next hook. */
  private failure: { error: unknown } | null = null;
  /** When the batch hook last yielded for the writes in flight (performance.now()). */
  private lastYield = 0;

  constructor(args: ModelCheckpointArgs) {
    super();
    this.listener = typeof args?.onEvent === 'function' ? args.onEvent : defaultListener;
    this.printLine = typeof args?.print === 'function' ? args.print : (text) => process.stdout.write(`${text}\n`);
    this.saver = args?.saver ?? new FileCheckpointSaver();
    this.now = args?.now ?? (() => new Date());
    this.options = resolveCheckpointOptions(
      args,
      (text) => this.listener({ kind: 'warning', epoch: null, batch: null, text }),
      { appliesFileFormatRule: this.saver.writesModels },
    );
    this.baseDir = nodePath.resolve(args.baseDir ?? process.cwd());
    this.best = this.options.initialValueThreshold;
    if (this.options.mode !== 'auto') this.mode = this.options.mode;
  }

  /**
   * Declares the direction of compiled metrics (Keras's `_direction`: `up` or `down`), so
   * `mode: 'auto'` can follow a custom metric, e.g. `{ name: 'score', direction: 'up' }` for
   * `val_score`. A declared metric decides before the name rules. Call before training.
   */
  declareMetricDirections(metrics: readonly MetricDirection[]): void {
    this.metricDirections = metrics.map((metric) => ({ ...metric }));
  }

  /** The resolved direction, or null while `mode: 'auto'` waits for the model's compiled metrics. */
  get resolvedMode(): MonitorMode | null {
    return this.mode;
  }

  /** The best monitored value so far, or null. */
  get bestValue(): number | null {
    return this.best;
  }

  /** The callback's resumable state (also stored in every checkpoint's sidecar). */
  getState(): ModelCheckpointState {
    return {
      best: this.best === null ? null : encodeNumber(this.best),
      batchCounter: this.batchCounter,
      lastBatchIndex: this.lastBatchIndex,
      topK: encodeTopK(this.topK),
      lastPath: this.lastPath,
    };
  }

  /**
   * Restores state saved in a checkpoint, so a resumed run behaves as if it never stopped: the
   * best value, the top-k table and the batch counter carry over.
   */
  restoreState(state: ModelCheckpointState): void {
    if (!isState(state)) {
      throw new ConfigError(
        'ModelCheckpoint.restoreState expects the `state` object of a checkpoint.json sidecar ' +
          '({ best, batchCounter, lastBatchIndex, topK, lastPath }); received something else.',
      );
    }
    this.best = state.best === null ? null : decodeNumber(state.best);
    this.batchCounter = state.batchCounter;
    this.lastBatchIndex = state.lastBatchIndex;
    this.topK = state.topK.map((entry) => ({ ...entry, value: entry.value === null ? null : decodeNumber(entry.value) }));
    this.lastPath = state.lastPath;
  }

  override async onTrainBegin(): Promise<void> {
    this.ensureMode();
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.raiseFailure();
    this.currentEpoch = epoch;
  }

  /** Waits for the checkpoint writes still in flight, so `fit` returns only once they are on disk. */
  override async onTrainEnd(): Promise<void> {
    await this.flush();
  }

  /**
   * Waits for every checkpoint write still in progress; rejects with the first one that failed.
   * `fit` calls it at the end of training; a host stopping training early may call it too.
   */
  async flush(): Promise<void> {
    await this.pending;
    this.raiseFailure();
  }

  override async onBatchEnd(batch: number, logs?: Record<string, unknown>): Promise<void> {
    this.raiseFailure();
    await this.letWritesProgress();
    if (this.options.saveFreq === 'epoch') return;
    if (!this.countBatch(batch)) return;
    await this.considerSave(this.currentEpoch, batch, await resolveLogs(logs, { dropBatchBookkeeping: true }));
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    this.raiseFailure();
    await this.handleEpochEnd(epoch, await resolveLogs(logs));
  }

  /**
   * The batch hook for drivers other than `fit` (the replay tool): `logs` are already plain
   * numbers and are used as given (a `batch` key there overrides the batch number, as in Keras).
   */
  async handleBatchEnd(batch: number, logs: LogRecord): Promise<void> {
    if (this.options.saveFreq === 'epoch') return;
    if (!this.countBatch(batch)) return;
    await this.considerSave(this.currentEpoch, batch, logs);
  }

  /** The epoch hook for drivers other than `fit`; `logs` are plain numbers. */
  async handleEpochEnd(epoch: number, logs: LogRecord): Promise<void> {
    this.ensureMode(epoch);
    if (this.options.saveFreq !== 'epoch') return;
    if ((epoch + 1) % this.options.everyNEpochs !== 0) return;
    await this.considerSave(epoch, null, logs);
  }

  /**
   * Keras's batch counter: batches are counted across epochs; a new epoch (an index not above the
   * last one seen) adds `B + 1`, otherwise the gap is added; overshoot is dropped, not carried.
   */
  private countBatch(batch: number): boolean {
    if (this.lastBatchIndex === null || batch <= this.lastBatchIndex) this.batchCounter += batch + 1;
    else this.batchCounter += batch - this.lastBatchIndex;
    this.lastBatchIndex = batch;
    if (this.batchCounter < (this.options.saveFreq as number)) return false;
    this.batchCounter = 0;
    return true;
  }

  /** Resolves `mode: 'auto'` once, before the first save is considered (semantics.md B2). */
  private ensureMode(epoch: number | null = null): MonitorMode {
    if (this.mode) return this.mode;
    const decided = resolveAutoMode(this.options.monitor, this.metricDirections);
    if (!decided) {
      const error = new CheckpointConfigError(
        `ModelCheckpoint cannot tell whether monitor '${this.options.monitor}' should be minimized or maximized ` +
          `(it is not a loss, error, crossentropy, accuracy, AUC, precision or recall name, nor a compiled metric with a known direction). ` +
          `Pass mode: 'min' to keep the lowest value, or mode: 'max' to keep the highest.`,
        'ValueError',
      );
      this.report(error, epoch, null);
      throw error;
    }
    this.mode = decided;
    return decided;
  }

  /** Keras's save procedure (semantics.md part 2, section 5) plus retention and `last`. */
  private async considerSave(epoch: number, batch: number | null, logs: LogRecord): Promise<void> {
    const mode = this.ensureMode(epoch);
    const { monitor, saveBestOnly, verbose } = this.options;
    let path: string;
    try {
      path = formatCheckpointPath(this.options.filepath, epoch, batch, logs);
    } catch (error) {
      this.report(error, epoch, batch);
      throw error;
    }
    const raw = logs[monitor];
    const scalar = typeof raw === 'number' ? raw : null;
    const shownEpoch = epoch + 1;
    const at = { epoch, batch };
    const decide = (outcome: CheckpointDecisionEvent['outcome'], text: string, value: number | null) =>
      this.listener({ kind: 'decision', ...at, outcome, path, monitor, value, best: this.best, text });

    let reason: CheckpointReason;
    if (!saveBestOnly) {
      if (!this.keepsInTopK(path, scalar, epoch, batch, mode)) {
        decide('not-in-top-k', `Epoch ${shownEpoch}: ${monitor} ${fmt(scalar)} is not among the best ${this.options.saveTopK}, not saving ${path}`, scalar);
        await this.writeLast(epoch, batch, logs, scalar);
        return;
      }
      if (verbose) this.print(at, `\nEpoch ${shownEpoch}: saving model to ${path}`);
      decide('save', `Epoch ${shownEpoch}: saving model to ${path}`, scalar);
      reason = 'periodic';
    } else if (raw === undefined) {
      this.warn(at, `Can save best model only with ${monitor} available.`);
      decide('monitor-missing', `Epoch ${shownEpoch}: ${monitor} is missing from the logs; saving ${path} anyway`, null);
      reason = 'fallback';
    } else if (Array.isArray(raw)) {
      this.warn(
        at,
        `Can save best model only when \`monitor\` is a scalar value. Received: ${renderArray(raw)}. ` +
          'Falling back to `save_best_only=False`.',
      );
      decide('non-scalar', `Epoch ${shownEpoch}: ${monitor} is not a scalar; saving ${path} anyway`, null);
      reason = 'fallback';
    } else {
      const current = raw as number;
      const bestText = this.best === null ? 'None' : fmt(this.best);
      if (!isImprovement(current, this.best, mode) || !this.keepsInTopK(path, current, epoch, batch, mode)) {
        const line = `Epoch ${shownEpoch}: ${monitor} did not improve from ${bestText}`;
        if (verbose) this.print(at, `\n${line}`);
        decide('not-improved', line, current);
        await this.writeLast(epoch, batch, logs, scalar);
        return;
      }
      const line = `Epoch ${shownEpoch}: ${monitor} improved from ${bestText} to ${fmt(current)}, saving model to ${path}`;
      if (verbose) this.print(at, `\n${line}`);
      this.best = current;
      decide('improved', line, current);
      reason = 'improved';
    }

    const entry: TopKEntry = { path, value: reason === 'fallback' ? null : scalar, epoch, batch };
    const plan = planSave(this.topK, entry, this.options.saveTopK, mode);
    const lastPath = this.options.saveLast ? this.lastCheckpointPath() : this.lastPath;
    const state: ModelCheckpointState = { ...this.getState(), topK: encodeTopK(plan.table), lastPath };
    const staged = await this.stage(path, epoch, batch, logs, scalar, reason, state);
    this.topK = plan.table;
    const best = this.best;
    await this.schedule(staged.background, at, async () => {
      const sidecar = await staged.commit();
      this.listener({
        kind: 'save', ...at, path, weightsOnly: this.options.saveWeightsOnly, dir: this.resolveDir(path), reason,
        value: entry.value, best, sizeBytes: sidecar.files.reduce((sum, file) => sum + file.size, 0),
      });
      if (verbose) this.print(at, `\nEpoch ${shownEpoch}: finished saving model to ${path}`);
      for (const evicted of plan.evicted) await this.evict(evicted, at);
    });
    await this.writeLast(epoch, batch, logs, scalar);
  }

  /**
   * Runs a checkpoint write: now (errors reported and thrown), or queued behind the writes in
   * flight, with a failure reported at once and thrown at the next hook.
   */
  private async schedule(background: boolean, at: { epoch: number; batch: number | null }, task: () => Promise<void>): Promise<void> {
    if (!background) {
      await this.pending;
      this.raiseFailure();
      try {
        await task();
      } catch (error) {
        this.report(error, at.epoch, at.batch);
        throw error;
      }
      return;
    }
    const write = this.pending.then(async () => {
      if (this.failure) return;
      try {
        await task();
      } catch (error) {
        this.report(error, at.epoch, at.batch);
        this.failure = { error };
      }
    });
    this.pending = write;
    this.inFlight.push(write);
    void write.then(() => this.inFlight.splice(this.inFlight.indexOf(write), 1));
    // Back-pressure: at most MAX_WRITES_IN_FLIGHT snapshots wait for the disk (a save and its
    // `last` at one epoch end), so a disk slower than training never piles them up in memory.
    while (this.inFlight.length > MAX_WRITES_IN_FLIGHT) await this.inFlight[0];
  }

  /** One event-loop turn for the writes in flight (their I/O callbacks), if one is due. */
  private async letWritesProgress(): Promise<void> {
    if (this.inFlight.length === 0) return;
    const now = performance.now();
    if (now - this.lastYield < WRITE_PROGRESS_INTERVAL_MS) return;
    this.lastYield = now;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private raiseFailure(): void {
    if (this.failure) throw this.failure.error;
  }

  /** With `saveTopK`, whether a new checkpoint would be kept; always true without it. */
  private keepsInTopK(path: string, value: number | null, epoch: number, batch: number | null, mode: MonitorMode): boolean {
    return wouldKeep(this.topK, { path, value, epoch, batch }, this.options.saveTopK, mode);
  }

  private lastCheckpointPath(): string {
    const root = templateRootDir(this.options.filepath);
    return root ? `${root}/${LAST_CHECKPOINT_NAME}` : LAST_CHECKPOINT_NAME;
  }

  /** `saveLast`: an always-current checkpoint, rewritten at every save consideration. */
  private async writeLast(epoch: number, batch: number | null, logs: LogRecord, value: number | null): Promise<void> {
    if (!this.options.saveLast) return;
    const path = this.lastCheckpointPath();
    this.lastPath = path;
    const staged = await this.stage(path, epoch, batch, logs, value, 'last', this.getState());
    const best = this.best;
    await this.schedule(staged.background, { epoch, batch }, async () => {
      const sidecar = await staged.commit();
      this.listener({
        kind: 'save', epoch, batch, path, weightsOnly: this.options.saveWeightsOnly, dir: this.resolveDir(path),
        reason: 'last', value, best, sizeBytes: sidecar.files.reduce((sum, file) => sum + file.size, 0),
      });
    });
  }

  private resolveDir(path: string): string {
    return nodePath.resolve(this.baseDir, path);
  }

  /** Takes the checkpoint's snapshot (errors reported and thrown: training stops). */
  private async stage(
    path: string,
    epoch: number,
    batch: number | null,
    logs: LogRecord,
    value: number | null,
    reason: CheckpointReason,
    state: ModelCheckpointState,
  ): Promise<StagedCheckpoint> {
    const mode = this.mode as MonitorMode;
    try {
      return await this.saver.stage({
        dir: this.resolveDir(path),
        path,
        kind: this.options.saveWeightsOnly ? 'weights' : 'model',
        model: (this.model as tf.LayersModel | undefined) ?? null,
        includeOptimizer: this.options.includeOptimizer && !this.options.saveWeightsOnly,
        sidecar: {
          format: CHECKPOINT_FORMAT,
          version: CHECKPOINT_FORMAT_VERSION,
          epoch,
          batch,
          reason,
          logs: encodeLogs(logs),
          monitor: this.options.monitor,
          value: value === null ? null : encodeNumber(value),
          best: this.best === null ? null : encodeNumber(this.best),
          mode,
          options: { ...this.options },
          state,
          createdAt: this.now().toISOString(),
          backend: safeBackendName(),
          tfjsVersion: tf.version.tfjs,
        },
      });
    } catch (error) {
      this.report(error, epoch, batch);
      throw error;
    }
  }

  private async evict(entry: TopKEntry, at: { epoch: number; batch: number | null }): Promise<void> {
    const dir = this.resolveDir(entry.path);
    try {
      await this.saver.remove(dir);
    } catch (error) {
      // Retention is housekeeping: a checkpoint that cannot be removed stays, and the user is told.
      this.warn(at, `Could not remove ${entry.path} (fell out of the best ${this.options.saveTopK}): ${(error as Error).message}`);
      return;
    }
    this.listener({ kind: 'delete', ...at, path: entry.path, dir, reason: 'top-k' });
  }

  private print(at: { epoch: number; batch: number | null }, text: string): void {
    this.printLine(text);
    this.listener({ kind: 'print', ...at, text });
  }

  private warn(at: { epoch: number | null; batch: number | null }, text: string): void {
    this.listener({ kind: 'warning', ...at, text });
  }

  /** Turns an error into an error event (the run then stops with the error itself). */
  private report(error: unknown, epoch: number | null, batch: number | null): void {
    const { type, code } = describeError(error);
    this.listener({ kind: 'error', epoch, batch, type, code, text: (error as Error)?.message ?? String(error) });
  }
}

/** The Python exception type Keras raises for the same failure, and our error code. */
function describeError(error: unknown): { type: string; code: ErrorCode } {
  if (error instanceof CheckpointPathError || error instanceof CheckpointConfigError) {
    return { type: error.pyType, code: error.code };
  }
  if (error instanceof CheckpointOccupiedError) return { type: 'FileExistsError', code: error.code };
  if (error instanceof CheckpointSaveError) {
    const pyType = (error.detail as { pyType?: string } | undefined)?.pyType;
    return { type: pyType ?? 'OSError', code: error.code };
  }
  if (error instanceof WorkbenchError) return { type: 'RuntimeError', code: error.code };
  return { type: 'RuntimeError', code: 'INTERNAL' };
}

function defaultListener(event: CheckpointEvent): void {
  if (event.kind === 'warning') process.stderr.write(`UserWarning: ${event.text}\n`);
}

/** Keras's `.5f` rendering of values in messages (Python rounding; `nan`, `inf`). */
function fmt(value: number | null): string {
  return value === null ? 'None' : formatValue(value, '.5f');
}

/** A non-scalar metric value, rendered the JavaScript way. */
function renderArray(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}

function encodeLogs(logs: LogRecord): CheckpointSidecar['logs'] {
  const out: CheckpointSidecar['logs'] = {};
  for (const [key, value] of Object.entries(logs) as Array<[string, LogValue]>) {
    out[key] = Array.isArray(value) ? value.map((v) => (Number.isFinite(v) ? v : (encodeNumber(v) as unknown as number))) : encodeNumber(value);
  }
  return out;
}

function encodeTopK(entries: readonly TopKEntry[]): ModelCheckpointState['topK'] {
  return entries.map((entry) => ({ ...entry, value: entry.value === null ? null : encodeNumber(entry.value) }));
}

function safeBackendName(): string {
  try {
    return tf.getBackend() ?? 'none';
  } catch {
    return 'none';
  }
}

function isState(value: unknown): value is ModelCheckpointState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  const bestOk = state.best === null || typeof state.best === 'number' || typeof state.best === 'string';
  return bestOk && typeof state.batchCounter === 'number' && (state.lastBatchIndex === null || typeof state.lastBatchIndex === 'number')
    && Array.isArray(state.topK) && (state.lastPath === null || typeof state.lastPath === 'string');
}
