/**
 * The "New run" form's state (the text people type) and its translation to and from a run
 * configuration. Pure: the form component renders it, tests call it directly.
 */
import { BACKEND_NAMES, type BackendRequest } from '../../../shared/backend-report';
import type { DatasetTask } from '../../../shared/dataset';
import { parseRunConfig, type ConfigIssue, type RunConfig } from '../../../shared/run-config';

/** Data set choices: the built-ins, or a CSV file by path. */
export type DatasetChoice = 'mnist' | 'iris' | 'spirals' | 'xor' | 'csv';

/** Activations of the MLP preset. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'] as const;
/** Optimizers. */
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
/** Backend choices, `auto` first. */
export const BACKEND_CHOICES: BackendRequest[] = ['auto', ...BACKEND_NAMES];

/** Every value of the form, as typed (numbers stay text until validated, so a typo can be shown). */
export interface RunFormState {
  name: string;
  dataset: DatasetChoice;
  csvPath: string;
  /** Empty: the last column. */
  csvLabelColumn: string;
  csvTask: 'auto' | DatasetTask;
  preset: 'mlp' | 'cnn';
  /** Comma-separated units, e.g. `128, 64`. */
  hiddenUnits: string;
  activation: (typeof ACTIVATIONS)[number];
  mlpDropout: string;
  /** Comma-separated filters, e.g. `16, 32`. */
  filters: string;
  denseUnits: string;
  cnnDropout: string;
  /** Random shift of training images, in pixels (CNN on images only); `0` is off. */
  augmentShift: string;
  epochs: string;
  batchSize: string;
  learningRate: string;
  optimizer: (typeof OPTIMIZERS)[number];
  backend: BackendRequest;
  filepath: string;
  monitor: string;
  mode: 'auto' | 'min' | 'max';
  saveBestOnly: boolean;
  saveWeightsOnly: boolean;
  saveFreq: 'epoch' | 'batches';
  saveFreqBatches: string;
  /** `-1` keeps every checkpoint. */
  saveTopK: string;
  saveLast: boolean;
}

/** The form's keys: one per control. */
export type RunFormField = keyof RunFormState;

/** A new form: the schema's defaults on the iris data set (trains in seconds). */
export const DEFAULT_RUN_FORM: RunFormState = {
  name: '',
  dataset: 'iris',
  csvPath: '',
  csvLabelColumn: '',
  csvTask: 'auto',
  preset: 'mlp',
  hiddenUnits: '128',
  activation: 'relu',
  mlpDropout: '0',
  filters: '16, 32',
  denseUnits: '64',
  cnnDropout: '0.1',
  augmentShift: '0',
  epochs: '5',
  batchSize: '64',
  learningRate: '0.001',
  optimizer: 'adam',
  backend: 'auto',
  filepath: 'epoch{epoch:02d}-{val_loss:.4f}',
  monitor: 'val_loss',
  mode: 'auto',
  saveBestOnly: true,
  saveWeightsOnly: false,
  saveFreq: 'epoch',
  saveFreqBatches: '100',
  saveTopK: '-1',
  saveLast: true,
};

/** Which form control shows the issues at a config path (longest matching prefix wins). */
const FIELD_BY_PATH: Array<[string, RunFormField | ((form: RunFormState) => RunFormField)]> = [
  ['name', 'name'],
  ['dataset.path', 'csvPath'],
  ['dataset.labelColumn', 'csvLabelColumn'],
  ['dataset.task', 'csvTask'],
  ['dataset', (form) => (form.dataset === 'csv' ? 'csvPath' : 'dataset')],
  ['model.preset', 'preset'],
  ['model.hiddenUnits', 'hiddenUnits'],
  ['model.activation', 'activation'],
  ['model.dropout', (form) => (form.preset === 'cnn' ? 'cnnDropout' : 'mlpDropout')],
  ['model.filters', 'filters'],
  ['model.denseUnits', 'denseUnits'],
  ['model', 'preset'],
  ['training.epochs', 'epochs'],
  ['training.batchSize', 'batchSize'],
  ['training.learningRate', 'learningRate'],
  ['training.optimizer', 'optimizer'],
  ['training.augmentShift', 'augmentShift'],
  ['backend', 'backend'],
  ['checkpoint.filepath', 'filepath'],
  ['checkpoint.monitor', 'monitor'],
  ['checkpoint.mode', 'mode'],
  ['checkpoint.saveBestOnly', 'saveBestOnly'],
  ['checkpoint.saveWeightsOnly', 'saveWeightsOnly'],
  ['checkpoint.saveFreq', (form) => (form.saveFreq === 'batches' ? 'saveFreqBatches' : 'saveFreq')],
  ['checkpoint.saveTopK', 'saveTopK'],
  ['checkpoint.saveLast', 'saveLast'],
];

/**
 * The control that shows an issue at a config path, or null when no control matches (the form
 * then lists it above the Start button).
 *
 * @example fieldForIssuePath('training.epochs', DEFAULT_RUN_FORM) -> 'epochs'
 * @example fieldForIssuePath('model.hiddenUnits.1', DEFAULT_RUN_FORM) -> 'hiddenUnits'
 * @example fieldForIssuePath('(config)', DEFAULT_RUN_FORM) -> null
 */
export function fieldForIssuePath(path: string, form: RunFormState): RunFormField | null {
  let found: (typeof FIELD_BY_PATH)[number] | null = null;
  for (const entry of FIELD_BY_PATH) {
    const [prefix] = entry;
    if ((path === prefix || path.startsWith(`${prefix}.`)) && (!found || prefix.length > found[0].length)) found = entry;
  }
  if (!found) return null;
  return typeof found[1] === 'function' ? found[1](form) : found[1];
}

/** The task a data set choice implies, or null when only the file can tell (CSV with task auto). */
export function taskOfForm(form: RunFormState, builtinTasks: Partial<Record<DatasetChoice, DatasetTask>>): DatasetTask | null {
  if (form.dataset === 'csv') return form.csvTask === 'auto' ? null : form.csvTask;
  return builtinTasks[form.dataset] ?? 'classification';
}

/** Whether a data set choice holds images (the CNN preset is offered only for those). */
export function isImageDataset(dataset: DatasetChoice): boolean {
  return dataset === 'mnist';
}

function parseNumber(text: string, path: string, issues: ConfigIssue[]): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    issues.push({ path, message: 'Required: enter a number.' });
    return undefined;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    issues.push({ path, message: `Enter a number; received "${trimmed}".` });
    return undefined;
  }
  return value;
}

function parseList(text: string, path: string, example: string, issues: ConfigIssue[]): number[] | undefined {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const bad = parts.find((part) => !/^\d+$/.test(part));
  if (bad !== undefined) {
    issues.push({ path, message: `Enter whole numbers separated by commas, e.g. ${example}; received "${bad}".` });
    return undefined;
  }
  return parts.map(Number);
}

/**
 * Validates the form as `parseRunConfig` would the config it describes, plus the typing errors
 * only the form can have ("12a" in a number field). Returns the config with defaults, or every
 * issue at its config path.
 *
 * @example validateRunForm({ ...DEFAULT_RUN_FORM, epochs: '0' })
 *   -> { ok: false, issues: [{ path: 'training.epochs', message: 'Too small: expected number to be >=1' }] }
 */
export function validateRunForm(form: RunFormState): { ok: true; config: RunConfig } | { ok: false; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const dataset: Record<string, unknown> =
    form.dataset === 'csv'
      ? {
          kind: 'csv',
          path: form.csvPath.trim(),
          ...(form.csvLabelColumn.trim() ? { labelColumn: form.csvLabelColumn.trim() } : {}),
          ...(form.csvTask !== 'auto' ? { task: form.csvTask } : {}),
        }
      : form.dataset === 'mnist'
        ? { kind: 'mnist', shape: form.preset === 'cnn' ? 'image' : 'flat' }
        : { kind: form.dataset };
  if (form.dataset === 'csv' && form.csvPath.trim() === '') issues.push({ path: 'dataset.path', message: 'Required: the path of a CSV file with a header row.' });

  const model =
    form.preset === 'cnn'
      ? {
          preset: 'cnn',
          filters: parseList(form.filters, 'model.filters', '16, 32', issues),
          denseUnits: parseNumber(form.denseUnits, 'model.denseUnits', issues),
          dropout: parseNumber(form.cnnDropout, 'model.dropout', issues),
        }
      : {
          preset: 'mlp',
          hiddenUnits: parseList(form.hiddenUnits, 'model.hiddenUnits', '128, 64', issues),
          activation: form.activation,
          dropout: parseNumber(form.mlpDropout, 'model.dropout', issues),
        };
  if (form.preset === 'cnn' && !isImageDataset(form.dataset)) {
    issues.push({ path: 'model.preset', message: 'The CNN preset needs an image data set (MNIST); choose MLP for this data.' });
  }

  const config = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    dataset,
    model,
    training: {
      epochs: parseNumber(form.epochs, 'training.epochs', issues),
      batchSize: parseNumber(form.batchSize, 'training.batchSize', issues),
      learningRate: parseNumber(form.learningRate, 'training.learningRate', issues),
      optimizer: form.optimizer,
      augmentShift: form.preset === 'cnn' ? parseNumber(form.augmentShift, 'training.augmentShift', issues) : 0,
    },
    checkpoint: {
      filepath: form.filepath,
      monitor: form.monitor,
      mode: form.mode,
      saveBestOnly: form.saveBestOnly,
      saveWeightsOnly: form.saveWeightsOnly,
      saveFreq: form.saveFreq === 'epoch' ? 'epoch' : parseNumber(form.saveFreqBatches, 'checkpoint.saveFreq', issues),
      saveTopK: parseNumber(form.saveTopK, 'checkpoint.saveTopK', issues),
      saveLast: form.saveLast,
    },
    backend: form.backend,
  };

  if (form.saveFreq === 'batches') issues.push(...batchSaveIssues(form));

  const parsed = parseRunConfig(config);
  if (parsed.ok && issues.length === 0) return parsed;
  // A field that did not parse as a number is reported once, in the form's words.
  const typed = new Set(issues.map((issue) => issue.path));
  const schemaIssues = parsed.ok ? [] : parsed.issues.filter((issue) => !typed.has(issue.path));
  return { ok: false, issues: [...issues, ...schemaIssues] };
}

/**
 * What a batch-level save cannot do: batch hooks see only training logs (Keras fails to format a
 * template field it lacks, and skips saves whose monitor is missing), so validation metrics are
 * refused there before training starts.
 *
 * @example batchSaveIssues({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', monitor: 'loss', filepath: 'b{batch}-{val_acc:.3f}' })
 *   -> [{ path: 'checkpoint.filepath', message: 'Saves every N batches see only training logs, but the template uses {val_acc}. Use a training metric such as {loss}, or save every epoch.' }]
 */
export function batchSaveIssues(form: RunFormState): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // `{{` and `}}` are literal braces in Python's format syntax.
  const fields = [...form.filepath.replace(/\{\{|\}\}/g, '').matchAll(/\{(val_[A-Za-z0-9_]*)/g)].map((match) => match[1]);
  if (fields.length) {
    issues.push({
      path: 'checkpoint.filepath',
      message: `Saves every N batches see only training logs, but the template uses {${fields[0]}}. Use a training metric such as {loss}, or save every epoch.`,
    });
  }
  if (form.monitor.startsWith('val_')) {
    issues.push({
      path: 'checkpoint.monitor',
      message: `Saves every N batches see only training logs, so ${form.monitor} is never there. Monitor a training metric such as ${form.monitor.slice(4)}, or save every epoch.`,
    });
  }
  return issues;
}

/**
 * The cadence a template preview assumes (`checkpoints:preview-path`): 'epoch', or the number of
 * batches between saves, 1 while that field does not hold a whole number >= 1 (it shows its own
 * issue), so a `{batch}` template still previews as a batch-level save.
 *
 * @example previewSaveFreq(DEFAULT_RUN_FORM) -> 'epoch'
 * @example previewSaveFreq({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', saveFreqBatches: '250' }) -> 250
 * @example previewSaveFreq({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', saveFreqBatches: '2x' }) -> 1
 */
export function previewSaveFreq(form: RunFormState): 'epoch' | number {
  if (form.saveFreq === 'epoch') return 'epoch';
  const text = form.saveFreqBatches.trim();
  const batches = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(batches) && batches >= 1 ? batches : 1;
}

/**
 * The form for a saved configuration (`settings.lastRunConfig`), or null when it is not a valid
 * configuration or uses what the form cannot show (a custom model).
 */
export function runFormFromConfig(raw: unknown): RunFormState | null {
  const parsed = parseRunConfig(raw);
  if (!parsed.ok) return null;
  const { config } = parsed;
  if (config.model.preset === 'custom') return null;
  const dataset = config.dataset as Record<string, unknown> & { kind: DatasetChoice };
  const form: RunFormState = {
    ...DEFAULT_RUN_FORM,
    name: config.name ?? '',
    dataset: dataset.kind,
    backend: config.backend,
    epochs: String(config.training.epochs),
    batchSize: String(config.training.batchSize),
    learningRate: String(config.training.learningRate),
    optimizer: config.training.optimizer,
    augmentShift: String(config.training.augmentShift),
    filepath: config.checkpoint.filepath,
    monitor: config.checkpoint.monitor,
    mode: config.checkpoint.mode,
    saveBestOnly: config.checkpoint.saveBestOnly,
    saveWeightsOnly: config.checkpoint.saveWeightsOnly,
    saveFreq: config.checkpoint.saveFreq === 'epoch' ? 'epoch' : 'batches',
    saveFreqBatches: config.checkpoint.saveFreq === 'epoch' ? DEFAULT_RUN_FORM.saveFreqBatches : String(config.checkpoint.saveFreq),
    saveTopK: String(config.checkpoint.saveTopK),
    saveLast: config.checkpoint.saveLast,
  };
  if (dataset.kind === 'csv') {
    form.csvPath = typeof dataset.path === 'string' ? dataset.path : '';
    form.csvLabelColumn = typeof dataset.labelColumn === 'string' ? dataset.labelColumn : '';
    form.csvTask = dataset.task === 'classification' || dataset.task === 'regression' ? dataset.task : 'auto';
  }
  if (config.model.preset === 'mlp') {
    form.preset = 'mlp';
    form.hiddenUnits = config.model.hiddenUnits.join(', ');
    form.activation = config.model.activation;
    form.mlpDropout = String(config.model.dropout);
  } else {
    form.preset = 'cnn';
    form.filters = config.model.filters.join(', ');
    form.denseUnits = String(config.model.denseUnits);
    form.cnnDropout = String(config.model.dropout);
  }
  return form;
}

/**
 * Keeps a form consistent after a change: the CNN preset only on image data, and a monitor the
 * model will log (else `val_loss`, which every preset logs).
 *
 * @example reconcileRunForm({ ...DEFAULT_RUN_FORM, dataset: 'iris', preset: 'cnn' }, ['loss', 'val_loss']).preset -> 'mlp'
 * @example reconcileRunForm({ ...DEFAULT_RUN_FORM, monitor: 'val_acc' }, ['loss', 'val_loss']).monitor -> 'val_loss'
 */
export function reconcileRunForm(form: RunFormState, monitors: readonly string[]): RunFormState {
  let next = form;
  if (next.preset === 'cnn' && !isImageDataset(next.dataset)) next = { ...next, preset: 'mlp' };
  if (!monitors.includes(next.monitor)) next = { ...next, monitor: 'val_loss' };
  return next;
}
