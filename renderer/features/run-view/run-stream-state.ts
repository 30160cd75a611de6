/**
 * A run as a view follows it: the snapshot (`runs:get`) with the engine's event deltas applied.
 * Pure: the hook batches events into frames and calls {@link applyRunEvents} once per frame.
 */
import type { RunSnapshot } from '../../../shared/contract';
import type { EngineEvent } from '../../../shared/engine-events';
import type { CheckpointReason } from '../../../shared/checkpoint-record';
import type { RunRecord } from '../../../shared/run-record';

/** One epoch's logs. */
export interface EpochPoint {
  /** 0-based. */
  epoch: number;
  logs: Record<string, number>;
}

/** One batch's logs, at its place in fractional epochs. */
export interface BatchPoint {
  /** `epoch + (batch + 1) / batchesPerEpoch`: the end of epoch e (0-based) is x = e + 1. */
  x: number;
  logs: Record<string, number>;
}

/** A checkpoint the stream reported saved (and not deleted since). */
export interface SavedCheckpoint {
  /** The formatted path: the checkpoint's id in the run's checkpoints folder. */
  id: string;
  epoch: number;
  batch: number | null;
  /** The monitored value, or null when missing. */
  value: number | null;
  /** Whether it was the best when saved. */
  best: boolean;
  /** Why it was written; `last` copies repeat another checkpoint's epoch. */
  reason: CheckpointReason;
}

/** A line of the run's log (checkpoint decisions, saves, warnings, errors). */
export interface LogLine {
  key: number;
  level: 'info' | 'warning' | 'error';
  /** 0-based epoch, or null. */
  epoch: number | null;
  text: string;
}

/** Where training is. */
export interface Progress {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  samplesPerSecond: number;
}

/** Everything a run view shows. */
export interface RunStreamState {
  run: RunRecord;
  epochs: EpochPoint[];
  batches: BatchPoint[];
  saves: SavedCheckpoint[];
  log: LogLine[];
  progress: Progress | null;
  /** Batches per epoch, once a batch event told. */
  batchesPerEpoch: number | null;
  nextLogKey: number;
}

/** Lines the log keeps; older ones are dropped. */
export const MAX_LOG_LINES = 500;

/** The state for a freshly fetched snapshot. */
export function runStreamStateFromSnapshot(snapshot: RunSnapshot): RunStreamState {
  return {
    run: snapshot.run,
    epochs: snapshot.history.map((entry) => ({ epoch: entry.epoch, logs: entry.logs })),
    batches: [],
    saves: [],
    log: [],
    progress: null,
    batchesPerEpoch: null,
    nextLogKey: 0,
  };
}

/**
 * Applies a frame of events (already filtered to this run) to the state. Epoch-end events are
 * idempotent: an epoch seen again (events that raced the snapshot, or a resume from an earlier
 * checkpoint) replaces that epoch and drops everything after it.
 *
 * @example
 * applyRunEvents(state with epochs [0, 1], [{ type: 'epoch-end', epoch: 1, logs: { loss: 0.3 }, ... }])
 * -> epochs [0, 1] with epoch 1's logs replaced
 */
export function applyRunEvents(state: RunStreamState, events: readonly EngineEvent[]): RunStreamState {
  if (events.length === 0) return state;
  let { run, epochs, batches, saves, progress, batchesPerEpoch, nextLogKey } = state;
  const added: LogLine[] = [];
  const log = (level: LogLine['level'], epoch: number | null, text: string) => {
    // A checkpoint error that failed the run arrives twice (checkpoint event, then run-failed).
    const previous = added.length ? added[added.length - 1] : state.log[state.log.length - 1];
    if (previous && previous.level === level && previous.text === text) return;
    added.push({ key: nextLogKey++, level, epoch, text });
  };
  let epochsCopied = false;
  let batchesCopied = false;

  for (const event of events) {
    switch (event.type) {
      case 'run-started':
        run = event.run;
        break;
      case 'epoch-end': {
        const at = epochs.findIndex((point) => point.epoch >= event.epoch);
        if (!epochsCopied) {
          epochs = epochs.slice();
          epochsCopied = true;
        }
        if (at >= 0) epochs.length = at;
        epochs.push({ epoch: event.epoch, logs: event.logs });
        if (batches.length && batches[batches.length - 1].x > event.epoch + 1) {
          batches = batches.filter((point) => point.x <= event.epoch + 1);
          batchesCopied = true;
        }
        break;
      }
      case 'batch-end': {
        const x = event.epoch + (event.batch + 1) / event.batchesPerEpoch;
        if (!batchesCopied) {
          batches = batches.slice();
          batchesCopied = true;
        }
        // A rewind (resume from an earlier checkpoint) drops the batches it replaces.
        while (batches.length && batches[batches.length - 1].x >= x) batches.pop();
        batches.push({ x, logs: event.logs });
        batchesPerEpoch = event.batchesPerEpoch;
        progress = { epoch: event.epoch, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch, samplesPerSecond: event.samplesPerSecond };
        break;
      }
      case 'checkpoint': {
        const checkpoint = event.event;
        if (checkpoint.kind === 'save') {
          const saved: SavedCheckpoint = {
            id: checkpoint.path,
            epoch: checkpoint.epoch ?? 0,
            batch: checkpoint.batch,
            value: checkpoint.value,
            // The rolling `last` copy also equals the best when the last epoch was the best; it is not a new best.
            best: checkpoint.reason !== 'last' && checkpoint.value !== null && checkpoint.best !== null && checkpoint.value === checkpoint.best,
            reason: checkpoint.reason,
          };
          saves = [...saves.filter((entry) => entry.id !== saved.id), saved];
          const note = saved.best ? ' (best so far)' : checkpoint.reason === 'last' ? ' (last epoch, for resuming)' : '';
          log('info', checkpoint.epoch, `Saved ${checkpoint.path}${note}`);
        } else if (checkpoint.kind === 'delete') {
          saves = saves.filter((entry) => entry.id !== checkpoint.path);
          log('info', checkpoint.epoch, `Removed ${checkpoint.path} (not in the top k)`);
        } else if (checkpoint.kind === 'decision') {
          log('info', checkpoint.epoch, checkpoint.text);
        } else if (checkpoint.kind === 'warning') {
          log('warning', checkpoint.epoch, checkpoint.text);
        } else if (checkpoint.kind === 'error') {
          log('error', checkpoint.epoch, checkpoint.text);
        }
        // 'print' lines repeat the decisions in Keras' verbose words; the log shows decisions once.
        break;
      }
      case 'warning':
        log('warning', null, event.text);
        break;
      case 'run-finished':
        run = event.run;
        progress = null;
        log('info', null, `Run ${event.run.status}.`);
        break;
      case 'run-failed':
        run = event.run;
        progress = null;
        log('error', null, event.error.message);
        break;
    }
  }
  const lines = added.length ? [...state.log, ...added].slice(-MAX_LOG_LINES) : state.log;
  return { run, epochs, batches, saves, log: lines, progress, batchesPerEpoch, nextLogKey };
}
