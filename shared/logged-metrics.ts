/**
 * The metric names a preset model logs per epoch, known before training starts, so a form can
 * offer only monitors that will exist. Names are tfjs log names verbatim: a classifier compiled
 * with `metrics: ['accuracy']` logs `acc`; a regressor compiled with `metrics: ['mae']` logs `mae`;
 * every data set has a validation split, so each name also appears with a `val_` prefix.
 * The engine's `metricNamesFor` (electron/node/engine/model-presets.ts) must agree; once a run
 * exists, `RunRecord.metricNames` is the authority.
 */
import type { DatasetTask } from './dataset';

/**
 * Metric names logged per epoch for a task, training names first, then validation names.
 * With the task not yet known (a CSV file whose label column decides it), only the names both
 * tasks log.
 *
 * @example loggedMetricNames('classification') -> ['loss', 'acc', 'val_loss', 'val_acc']
 * @example loggedMetricNames('regression') -> ['loss', 'mae', 'val_loss', 'val_mae']
 * @example loggedMetricNames(null) -> ['loss', 'val_loss']
 */
export function loggedMetricNames(task: DatasetTask | null): string[] {
  const train = task === 'classification' ? ['loss', 'acc'] : task === 'regression' ? ['loss', 'mae'] : ['loss'];
  return [...train, ...train.map((name) => `val_${name}`)];
}
