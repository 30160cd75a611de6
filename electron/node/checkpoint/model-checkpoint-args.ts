/**
 * The options of `ModelCheckpoint`, documented field by field, and their validation: all of it
 * happens once, in the constructor (fail at construction, never at epoch 37).
 */
import { ConfigError } from '../../../shared/errors';
import type { CheckpointEvent } from '../../../shared/checkpoint-events';
import type { CheckpointSaver } from './checkpoint-saver';

/** Options of {@link ModelCheckpoint}. Keras's option names, in camelCase, plus the workbench's extras. */
export interface ModelCheckpointArgs {
  /**
   * Where to save: a Python `str.format` template over `epoch` (1-based), `batch` (1-based, batch-level
   * saves only) and every log key, e.g. `ckpt/epoch{epoch:02d}-{val_loss:.4f}`. It names a checkpoint
   * *directory* in the tfjs layers format. Relative paths resolve against `baseDir`. Required.
   */
  filepath: string;
  /** The log key to watch. Defaults to `'val_loss'`. */
  monitor?: string;
  /** `0` is silent; anything above 0 (or `true`) prints Keras's lines. Defaults to 0. */
  verbose?: number | boolean;
  /** Save only when `monitor` improved on the best so far (strictly). Defaults to false. */
  saveBestOnly?: boolean;
  /** Save the weights and their manifest without topology or optimizer state. Defaults to false. */
  saveWeightsOnly?: boolean;
  /**
   * `'min'`, `'max'` or `'auto'` (decided before training from compiled metrics and the monitor's name).
   * Another value warns and falls back to `'auto'`, as in Keras. Defaults to `'auto'`.
   */
  mode?: string;
  /**
   * `'epoch'` saves at epoch ends; an integer N saves after every N batches counted across epochs
   * (0 or less: every batch; `true` counts as 1). Defaults to `'epoch'`.
   */
  saveFreq?: 'epoch' | number | boolean;
  /** The first `best` for `saveBestOnly`: only values better than it are saved. Defaults to null (none). */
  initialValueThreshold?: number | null;
  /** Keep the k best checkpoints by `monitor` and delete those that fall out; -1 keeps all. Defaults to -1. */
  saveTopK?: number;
  /** Also keep an always-current `last` checkpoint beside the template's first directory. Defaults to false. */
  saveLast?: boolean;
  /** With `saveFreq: 'epoch'`, consider saving only every N-th epoch. Defaults to 1. */
  everyNEpochs?: number;
  /** Include optimizer state in model checkpoints (needed to resume exactly). Defaults to true. */
  includeOptimizer?: boolean;
  /** Directory that relative templates resolve against. Defaults to the process's working directory. */
  baseDir?: string;
  /** Receives every event (decisions, saves, warnings, errors, verbose lines). Defaults to none. */
  onEvent?: (event: CheckpointEvent) => void;
  /** Where verbose lines go. Defaults to writing `text + '\n'` to stdout, as Keras's `print_msg`. */
  print?: (text: string) => void;
  /** The checkpoint I/O. Defaults to the file-system saver (atomic tfjs layers directories). */
  saver?: CheckpointSaver;
  /** Clock for sidecar timestamps. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/** The validated, defaulted options. */
export interface ResolvedCheckpointOptions {
  filepath: string;
  monitor: string;
  verbose: boolean;
  saveBestOnly: boolean;
  saveWeightsOnly: boolean;
  /** `'auto'` until resolved at train begin. */
  mode: 'auto' | 'min' | 'max';
  /** `'epoch'` or an integer >= 1 (0 and negatives are normalised to 1: every batch). */
  saveFreq: 'epoch' | number;
  initialValueThreshold: number | null;
  saveTopK: number;
  saveLast: boolean;
  everyNEpochs: number;
  includeOptimizer: boolean;
}

const KERAS_OPTIONS = [
  'filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'initialValueThreshold',
] as const;
const WORKBENCH_OPTIONS = ['saveTopK', 'saveLast', 'everyNEpochs', 'includeOptimizer'] as const;
const WIRING_OPTIONS = ['baseDir', 'onEvent', 'print', 'saver', 'now'] as const;
const KNOWN_OPTIONS: ReadonlySet<string> = new Set([...KERAS_OPTIONS, ...WORKBENCH_OPTIONS, ...WIRING_OPTIONS]);

/** Hints for options people bring from Keras 2 or from snake_case habits. */
const OPTION_HINTS: Record<string, string> = {
  period: "Keras 2's `period` is gone (Keras 3 rejects it too); use `everyNEpochs` for 'every N epochs'.",
  options: "Keras 2's `options` (tf.train.CheckpointOptions) has no TensorFlow.js equivalent; remove it.",
  loadWeightsOnRestart: 'Keras 2\'s `load_weights_on_restart` is gone; resume from a checkpoint with `restoreState` instead.',
  load_weights_on_restart: 'Keras 2\'s `load_weights_on_restart` is gone; resume from a checkpoint with `restoreState` instead.',
  save_best_only: 'Options are camelCase here: use `saveBestOnly`.',
  save_weights_only: 'Options are camelCase here: use `saveWeightsOnly`.',
  save_freq: 'Options are camelCase here: use `saveFreq`.',
  initial_value_threshold: 'Options are camelCase here: use `initialValueThreshold`.',
};

/** A configuration error that also says which Python exception Keras raises for the same input. */
export class CheckpointConfigError extends ConfigError {
  constructor(message: string, readonly pyType: string) {
    super(message, { pyType });
  }
}

/** Python's `str()` of a JSON-ish value, for messages that quote what Keras would quote. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** Options that cannot be checked without a warning channel report through this. */
export type ArgsWarning = (text: string) => void;

/**
 * Validates and defaults `ModelCheckpoint` options. Throws {@link CheckpointConfigError} naming the
 * option, the value received and what is accepted. `warn` receives Keras's warnings for values Keras
 * accepts with a fallback (an unknown `mode`).
 */
export function resolveCheckpointOptions(
  args: ModelCheckpointArgs,
  warn: ArgsWarning,
  { appliesFileFormatRule }: { appliesFileFormatRule: boolean },
): ResolvedCheckpointOptions {
  if (args === null || typeof args !== 'object') {
    throw new CheckpointConfigError(
      `ModelCheckpoint expects an options object such as { filepath: 'ckpt/epoch{epoch:02d}' }; received ${pythonStr(args)}.`,
      'TypeError',
    );
  }
  for (const key of Object.keys(args)) {
    if (KNOWN_OPTIONS.has(key)) continue;
    const hint = OPTION_HINTS[key] ? ` ${OPTION_HINTS[key]}` : '';
    throw new CheckpointConfigError(
      `ModelCheckpoint got an unexpected option '${key}'.${hint} Valid options: ${[...KERAS_OPTIONS, ...WORKBENCH_OPTIONS].join(', ')}.`,
      'TypeError',
    );
  }

  const { filepath } = args;
  if (typeof filepath !== 'string' || filepath.length === 0) {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'filepath' must be a non-empty path template such as 'ckpt/epoch{epoch:02d}'; received ${pythonStr(filepath)}.`,
      'TypeError',
    );
  }
  const monitor = args.monitor ?? 'val_loss';
  if (typeof monitor !== 'string' || monitor.length === 0) {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'monitor' must be a log key such as 'val_loss'; received ${pythonStr(monitor)}.`,
      'TypeError',
    );
  }

  // Keras: an unknown mode warns and falls back to auto (case-sensitive: 'MAX' is unknown).
  let mode: ResolvedCheckpointOptions['mode'] = 'auto';
  const rawMode = args.mode ?? 'auto';
  if (rawMode === 'auto' || rawMode === 'min' || rawMode === 'max') {
    mode = rawMode;
  } else {
    warn(`ModelCheckpoint mode '${pythonStr(rawMode)}' is unknown, fallback to auto mode.`);
  }

  const saveFreq = resolveSaveFreq(args.saveFreq ?? 'epoch');

  if (appliesFileFormatRule) {
    const kerasFile = ['.weights.h5', '.keras', '.h5'].find((suffix) => filepath.endsWith(suffix));
    if (kerasFile) {
      throw new CheckpointConfigError(
        `ModelCheckpoint option 'filepath' ends in '${kerasFile}', which asks for a Keras file, but the workbench writes ` +
          `TensorFlow.js checkpoint directories (model.json + weights.bin + checkpoint.json). ` +
          `Drop the extension, e.g. '${filepath.slice(0, -kerasFile.length)}'. Received: filepath=${filepath}`,
        'ValueError',
      );
    }
  }

  const threshold = args.initialValueThreshold ?? null;
  if (threshold !== null && typeof threshold !== 'number') {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'initialValueThreshold' must be a number or null; received ${pythonStr(threshold)}.`,
      'TypeError',
    );
  }

  const saveTopK = args.saveTopK ?? -1;
  if (!Number.isInteger(saveTopK) || saveTopK < -1) {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'saveTopK' must be an integer >= 0, or -1 to keep every checkpoint; received ${pythonStr(saveTopK)}.`,
      'ValueError',
    );
  }
  const everyNEpochs = args.everyNEpochs ?? 1;
  if (!Number.isInteger(everyNEpochs) || everyNEpochs < 1) {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'everyNEpochs' must be an integer >= 1; received ${pythonStr(everyNEpochs)}.`,
      'ValueError',
    );
  }
  if (everyNEpochs > 1 && saveFreq !== 'epoch') {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'everyNEpochs' (${everyNEpochs}) only applies with saveFreq: 'epoch', but saveFreq is ${saveFreq}. ` +
        'Use one cadence: remove everyNEpochs, or set saveFreq to \'epoch\'.',
      'ValueError',
    );
  }
  for (const key of ['saveLast', 'includeOptimizer'] as const) {
    const value = args[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new CheckpointConfigError(
        `ModelCheckpoint option '${key}' must be true or false; received ${pythonStr(value)}.`,
        'TypeError',
      );
    }
  }
  if (args.baseDir !== undefined && (typeof args.baseDir !== 'string' || args.baseDir.length === 0)) {
    throw new CheckpointConfigError(
      `ModelCheckpoint option 'baseDir' must be a directory path; received ${pythonStr(args.baseDir)}.`,
      'TypeError',
    );
  }

  return {
    filepath,
    monitor,
    // Keras tests `verbose > 0`; True and 2 behave like 1. Other truthy flags follow Python truthiness.
    verbose: typeof args.verbose === 'number' ? args.verbose > 0 : Boolean(args.verbose),
    saveBestOnly: Boolean(args.saveBestOnly),
    saveWeightsOnly: Boolean(args.saveWeightsOnly),
    mode,
    saveFreq,
    initialValueThreshold: threshold,
    saveTopK,
    saveLast: args.saveLast ?? false,
    everyNEpochs,
    includeOptimizer: args.includeOptimizer ?? true,
  };
}

/**
 * Keras's `save_freq` rule: `'epoch'` or an int (a bool is an int: true is 1); 0 and negative ints
 * mean every batch. Anything else is Keras's `ValueError`.
 *
 * @example resolveSaveFreq(true) -> 1
 * @example resolveSaveFreq(0) -> 1
 * @example resolveSaveFreq(2.5) -> throws 'Unrecognized save_freq: 2.5. ...'
 */
export function resolveSaveFreq(value: unknown): 'epoch' | number {
  if (value === 'epoch') return 'epoch';
  // true is 1; false is 0, which (like every N <= 0) means every batch, i.e. 1.
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number' && Number.isInteger(value)) return Math.max(1, value);
  throw new CheckpointConfigError(
    `Unrecognized save_freq: ${pythonStr(value)}. Expected save_freq are 'epoch' or integer values`,
    'ValueError',
  );
}
