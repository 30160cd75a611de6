/**
 * "What would this policy have saved on my last run?": a replay scenario built from a run's
 * recorded history (its epoch logs), with the run's own checkpoint policy or another one.
 */
import type { HistoryEntry, RunRecord } from '../../../shared/run-record';
import { ConfigError } from '../../../shared/errors';
import type { Scenario } from './scenario';

/**
 * A scenario replaying `history`'s epochs (epoch-level logs only: a run records no batch logs, so
 * a batch-level policy sees empty batch logs). `policy` holds ModelCheckpoint options (camelCase,
 * or Keras snake_case as in scenarios); without one, the run's own policy is used.
 *
 * @example scenarioFromHistory(run, [{ epoch: 0, logs: { val_loss: 0.5 } }], { filepath: 'b', saveBestOnly: true })
 *   -> { options: { filepath: 'b', saveBestOnly: true }, epochs: [{ epochLogs: { val_loss: 0.5 }, ... }], ... }
 */
export function scenarioFromHistory(run: RunRecord, history: readonly HistoryEntry[], policy?: Record<string, unknown>): Scenario {
  if (history.length === 0) throw new ConfigError(`Run ${run.id} has no recorded epochs to replay.`);
  const { initialValueThreshold, ...own } = run.config.checkpoint;
  const options = policy ?? { ...own, ...(initialValueThreshold === null ? {} : { initialValueThreshold }) };
  const stepsPerEpoch = Math.ceil(run.dataset.splitSizes.train / run.config.training.batchSize);
  return {
    name: `history of ${run.id}`,
    options,
    stepsPerEpoch,
    initialEpoch: history[0].epoch,
    modelMetrics: [],
    preExistingDirs: [],
    preExistingFiles: [],
    epochs: history.map((entry) => ({
      epochLogs: { ...entry.logs },
      batches: Array.from({ length: stepsPerEpoch }, () => ({})),
      batchIndices: Array.from({ length: stepsPerEpoch }, (_, i) => i),
    })),
    fakeSaveErrors: [],
  };
}
