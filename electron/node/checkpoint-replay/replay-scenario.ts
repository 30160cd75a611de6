/**
 * `workbench checkpoint replay`: drives the real ModelCheckpoint with a scenario's scripted logs
 * and records what it did, as `{ completed, events }` (semantics.md section D).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { CheckpointEvent } from '../../../shared/checkpoint-events';
import { ModelCheckpoint } from '../checkpoint/model-checkpoint';
import type { ModelCheckpointArgs } from '../checkpoint/model-checkpoint-args';
import { CheckpointConfigError } from '../checkpoint/model-checkpoint-args';
import { ReplaySaver } from './replay-saver';
import type { Scenario } from './scenario';

/** One event of a replay trace, in the format of the recorded Keras traces. */
export type ReplayEvent =
  | { kind: 'save'; epoch: number | null; batch: number | null; path: string; weightsOnly: boolean }
  | { kind: 'print' | 'warning'; epoch: number | null; batch: number | null; text: string }
  | { kind: 'error'; epoch: number | null; batch: number | null; type: string; text: string }
  | { kind: 'delete'; epoch: number | null; batch: number | null; path: string };

/** What a replay produced. */
export interface ReplayTrace {
  completed: boolean;
  events: ReplayEvent[];
}

/**
 * Replays a scenario into `outDir` (which must be a directory the caller owns; it is created if
 * missing). Returns the trace; a failure inside the callback ends the trace with an error event
 * and `completed: false`, as in Keras.
 */
export async function replayScenario(scenario: Scenario, outDir: string): Promise<ReplayTrace> {
  await mkdir(outDir, { recursive: true });
  for (const dir of scenario.preExistingDirs) await mkdir(nodePath.resolve(outDir, dir), { recursive: true });
  for (const file of scenario.preExistingFiles) {
    const target = nodePath.resolve(outDir, file);
    await mkdir(nodePath.dirname(target), { recursive: true });
    await writeFile(target, 'a file the user owns\n');
  }

  const events: ReplayEvent[] = [];
  const record = (event: CheckpointEvent) => {
    const traced = toReplayEvent(event);
    if (traced) events.push(traced);
  };

  let callback: ModelCheckpoint;
  try {
    callback = new ModelCheckpoint({
      ...(scenario.options as unknown as ModelCheckpointArgs),
      baseDir: outDir,
      onEvent: record,
      print: () => {},
      saver: new ReplaySaver(scenario.fakeSaveErrors),
    });
  } catch (error) {
    const type = error instanceof CheckpointConfigError ? error.pyType : 'TypeError';
    events.push({ kind: 'error', epoch: null, batch: null, type, text: (error as Error).message });
    return { completed: false, events };
  }

  // No network stands behind a replay: the scenario's model only declares compiled metric directions.
  callback.declareMetricDirections(scenario.modelMetrics);
  try {
    await callback.onTrainBegin();
    for (const [offset, epoch] of scenario.epochs.entries()) {
      const index = scenario.initialEpoch + offset;
      await callback.onEpochBegin(index);
      for (const [i, batchIndex] of epoch.batchIndices.entries()) {
        await callback.handleBatchEnd(batchIndex, epoch.batches[i] ?? {});
      }
      await callback.handleEpochEnd(index, epoch.epochLogs);
    }
    await callback.onTrainEnd();
  } catch {
    // The callback already reported the error as an event; like fit(), the run stops here.
    return { completed: false, events };
  }
  return { completed: true, events };
}

function toReplayEvent(event: CheckpointEvent): ReplayEvent | null {
  const { epoch, batch } = event;
  switch (event.kind) {
    case 'save':
      return { kind: 'save', epoch, batch, path: event.path, weightsOnly: event.weightsOnly };
    case 'print':
    case 'warning':
      return { kind: event.kind, epoch, batch, text: event.text };
    case 'error':
      return { kind: 'error', epoch, batch, type: event.type, text: event.text };
    case 'delete':
      return { kind: 'delete', epoch, batch, path: event.path };
    default:
      return null;
  }
}
