/**
 * Which way a monitored metric should go, decided once, in one place: used by
 * ModelCheckpoint's decisions, by retention's ranking and by listings that mark the best.
 */

/** `min`: lower is better; `max`: higher is better. */
export type MonitorMode = 'min' | 'max';

/** Metric names (after one `val_` prefix is stripped) that go down, beyond the suffix rules. */
const DOWN_NAMES = new Set([
  'loss', 'mse', 'mae', 'mape', 'msle', 'rmse', 'kld', 'kl_divergence', 'kldivergence',
  'hinge', 'squared_hinge', 'squaredhinge', 'categorical_hinge', 'categoricalhinge',
  'logcosh', 'log_cosh', 'poisson', 'ce', 'huber', 'perplexity',
]);
/** Suffixes (lower-cased) of names that go down: `val_loss`, `meanSquaredError`, `binaryCrossentropy`. */
const DOWN_SUFFIXES = ['loss', 'error', 'crossentropy'];
/** Substrings (lower-cased) of names that go up: `acc`, `accuracy`, `binaryAccuracy`, `val_auc`, `f1_score`. */
const UP_PARTS = ['acc', 'auc', 'precision', 'recall', 'f1', 'fbeta', 'fmeasure', 'iou', 'r2', 'sensitivity', 'specificity'];

/**
 * Decides the direction of a metric from its name alone, or null when the name says nothing.
 * One leading `val_` is stripped first (only one: `val_val_x` is judged as `val_x`).
 *
 * @example directionFromName('val_loss') -> 'min'
 * @example directionFromName('val_acc') -> 'max'
 * @example directionFromName('meanSquaredError') -> 'min'
 * @example directionFromName('score') -> null
 */
export function directionFromName(monitor: string): MonitorMode | null {
  const name = (monitor.startsWith('val_') ? monitor.slice(4) : monitor).toLowerCase();
  if (DOWN_NAMES.has(name)) return 'min';
  if (DOWN_SUFFIXES.some((suffix) => name.endsWith(suffix))) return 'min';
  if (UP_PARTS.some((part) => name.includes(part))) return 'max';
  return null;
}

/** A compiled metric with a known direction (Keras' `_direction`: `up` or `down`). */
export interface MetricDirection {
  name: string;
  direction: 'up' | 'down';
}

/**
 * Resolves `mode: 'auto'` before training starts: a compiled metric whose name equals the
 * monitor (one `val_` stripped) decides first (the last such metric wins, as in Keras), then
 * the name rules of `directionFromName`. Returns null when neither decides.
 *
 * @example resolveAutoMode('val_score', [{ name: 'score', direction: 'up' }]) -> 'max'
 * @example resolveAutoMode('val_loss', []) -> 'min'
 */
export function resolveAutoMode(monitor: string, compiledMetrics: readonly MetricDirection[] = []): MonitorMode | null {
  const stripped = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  let decided: MonitorMode | null = null;
  for (const metric of compiledMetrics) {
    if (metric.name === stripped) decided = metric.direction === 'up' ? 'max' : 'min';
  }
  return decided ?? directionFromName(monitor);
}

/**
 * Strict improvement test: ties never improve, and NaN never improves (also when there is no
 * best yet, unlike Keras 3). `best` null means "no best yet".
 *
 * @example isImprovement(0.4, 0.5, 'min') -> true
 * @example isImprovement(0.5, 0.5, 'min') -> false
 * @example isImprovement(NaN, null, 'min') -> false
 * @example isImprovement(0.9, null, 'max') -> true
 */
export function isImprovement(current: number, best: number | null, mode: MonitorMode): boolean {
  if (Number.isNaN(current)) return false;
  if (best === null) return true;
  return mode === 'min' ? current < best : current > best;
}

/**
 * Orders monitored values best first for ranking (top-k, listings): NaN and missing values
 * rank last; equal values keep their given order (callers sort stably).
 *
 * @example [0.3, null, 0.1].sort((a, b) => compareForRanking(a, b, 'min')) -> [0.1, 0.3, null]
 */
export function compareForRanking(a: number | null, b: number | null, mode: MonitorMode): number {
  const aBad = a === null || Number.isNaN(a);
  const bBad = b === null || Number.isNaN(b);
  if (aBad || bBad) return aBad === bBad ? 0 : aBad ? 1 : -1;
  if (a === b) return 0;
  return (mode === 'min' ? a < b : a > b) ? -1 : 1;
}
