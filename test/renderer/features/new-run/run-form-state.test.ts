import { describe, expect, it } from 'vitest';
import {
  batchSaveIssues,
  DEFAULT_RUN_FORM,
  fieldForIssuePath,
  previewSaveFreq,
  reconcileRunForm,
  runFormFromConfig,
  validateRunForm,
} from '../../../../renderer/features/new-run/run-form-state';

describe('validateRunForm', () => {
  it('accepts the defaults and fills in the schema defaults', () => {
    const result = validateRunForm(DEFAULT_RUN_FORM);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.dataset).toEqual({ kind: 'iris' });
    expect(result.config.model).toEqual({ preset: 'mlp', hiddenUnits: [128], activation: 'relu', dropout: 0 });
    expect(result.config.checkpoint.filepath).toBe('epoch{epoch:02d}-{val_loss:.4f}');
  });

  it('reports a schema violation at its config path (the documented example)', () => {
    expect(validateRunForm({ ...DEFAULT_RUN_FORM, epochs: '0' })).toEqual({
      ok: false,
      issues: [{ path: 'training.epochs', message: 'Too small: expected number to be >=1' }],
    });
  });

  it.each([
    ['epochs', 'abc', 'training.epochs', 'Enter a number; received "abc".'],
    ['batchSize', '', 'training.batchSize', 'Required: enter a number.'],
    ['hiddenUnits', '128, x', 'model.hiddenUnits', 'Enter whole numbers separated by commas, e.g. 128, 64; received "x".'],
  ] as const)('reports a typing error in %s once, in the form\'s words', (field, text, path, message) => {
    expect(validateRunForm({ ...DEFAULT_RUN_FORM, [field]: text })).toEqual({ ok: false, issues: [{ path, message }] });
  });

  it('asks for a CSV path when the data set is a CSV file', () => {
    const result = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'csv' });
    expect(result).toEqual({ ok: false, issues: [{ path: 'dataset.path', message: 'Required: the path of a CSV file with a header row.' }] });
  });

  it('sends MNIST as images for the CNN and flat for the MLP', () => {
    const cnn = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'mnist', preset: 'cnn' });
    const mlp = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'mnist', preset: 'mlp' });
    expect(cnn.ok && cnn.config.dataset).toEqual({ kind: 'mnist', shape: 'image' });
    expect(mlp.ok && mlp.config.dataset).toEqual({ kind: 'mnist', shape: 'flat' });
  });

  it('sends shift augmentation for the CNN only', () => {
    const cnn = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'mnist', preset: 'cnn', augmentShift: '2' });
    const mlp = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'mnist', preset: 'mlp', augmentShift: '2' });
    expect(cnn.ok && cnn.config.training.augmentShift).toBe(2);
    expect(mlp.ok && mlp.config.training.augmentShift).toBe(0);
  });

  it('reports a shift out of range at its field', () => {
    const result = validateRunForm({ ...DEFAULT_RUN_FORM, dataset: 'mnist', preset: 'cnn', augmentShift: '20' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toContain('training.augmentShift');
  });

  it('sends save frequency as a batch count when chosen', () => {
    const result = validateRunForm({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', saveFreqBatches: '50', monitor: 'loss', filepath: 'b{batch}' });
    expect(result.ok && result.config.checkpoint.saveFreq).toBe(50);
  });

  it('refuses validation metrics in the template and the monitor of batch-level saves', () => {
    const result = validateRunForm({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', monitor: 'val_acc' });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'checkpoint.filepath',
          message: 'Saves every N batches see only training logs, but the template uses {val_loss}. Use a training metric such as {loss}, or save every epoch.',
        },
        {
          path: 'checkpoint.monitor',
          message: 'Saves every N batches see only training logs, so val_acc is never there. Monitor a training metric such as acc, or save every epoch.',
        },
      ],
    });
  });
});

describe('batchSaveIssues', () => {
  it('names the validation field a batch-level template uses (the documented example)', () => {
    expect(batchSaveIssues({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', monitor: 'loss', filepath: 'b{batch}-{val_acc:.3f}' })).toEqual([
      {
        path: 'checkpoint.filepath',
        message: 'Saves every N batches see only training logs, but the template uses {val_acc}. Use a training metric such as {loss}, or save every epoch.',
      },
    ]);
  });

  it('ignores literal braces', () => {
    expect(batchSaveIssues({ ...DEFAULT_RUN_FORM, saveFreq: 'batches', monitor: 'loss', filepath: 'b{{val_x}}-{batch}' })).toEqual([]);
  });
});

describe('fieldForIssuePath', () => {
  it.each([
    ['training.epochs', 'epochs'],
    ['model.hiddenUnits.1', 'hiddenUnits'],
    ['checkpoint.filepath', 'filepath'],
    ['checkpoint.saveTopK', 'saveTopK'],
    ['dataset.path', 'csvPath'],
    ['(config)', null],
    ['checkpoint', null],
  ])('shows %s at %s', (path, field) => {
    expect(fieldForIssuePath(path, DEFAULT_RUN_FORM)).toBe(field);
  });

  it('shows model.dropout at the dropout of the chosen preset', () => {
    expect(fieldForIssuePath('model.dropout', { ...DEFAULT_RUN_FORM, preset: 'cnn' })).toBe('cnnDropout');
    expect(fieldForIssuePath('model.dropout', DEFAULT_RUN_FORM)).toBe('mlpDropout');
  });

  it.each([
    ['batches' as const, 'saveFreqBatches'],
    ['epoch' as const, 'saveFreq'],
  ])('shows checkpoint.saveFreq at the control shown for saves every %s', (saveFreq, field) => {
    expect(fieldForIssuePath('checkpoint.saveFreq', { ...DEFAULT_RUN_FORM, saveFreq })).toBe(field);
  });
});

describe('previewSaveFreq', () => {
  it.each([
    ['the defaults', DEFAULT_RUN_FORM, 'epoch'],
    ['250 batches', { ...DEFAULT_RUN_FORM, saveFreq: 'batches' as const, saveFreqBatches: '250' }, 250],
    ['a typo in the batches', { ...DEFAULT_RUN_FORM, saveFreq: 'batches' as const, saveFreqBatches: '2x' }, 1],
    ['zero batches', { ...DEFAULT_RUN_FORM, saveFreq: 'batches' as const, saveFreqBatches: '0' }, 1],
  ])('previews %s as %s (the documented examples)', (_name, form, expected) => {
    expect(previewSaveFreq(form)).toBe(expected);
  });
});

describe('reconcileRunForm', () => {
  it('falls back to the MLP on data that is not images (the documented example)', () => {
    expect(reconcileRunForm({ ...DEFAULT_RUN_FORM, dataset: 'iris', preset: 'cnn' }, ['loss', 'val_loss']).preset).toBe('mlp');
  });

  it('falls back to val_loss when the monitor will not be logged', () => {
    expect(reconcileRunForm({ ...DEFAULT_RUN_FORM, monitor: 'val_acc' }, ['loss', 'val_loss']).monitor).toBe('val_loss');
  });
});

describe('runFormFromConfig', () => {
  it('round-trips a configuration the form made', () => {
    const form = {
      ...DEFAULT_RUN_FORM,
      dataset: 'mnist' as const,
      preset: 'cnn' as const,
      filters: '8, 16',
      epochs: '3',
      monitor: 'acc',
      filepath: 'b{batch}-{acc:.3f}',
      saveFreq: 'batches' as const,
      saveFreqBatches: '20',
    };
    const result = validateRunForm(form);
    expect(result.ok).toBe(true);
    expect(runFormFromConfig(result.ok ? result.config : null)).toEqual(form);
  });

  it('gives null for what is not a valid configuration', () => {
    expect(runFormFromConfig({ dataset: { kind: 'nope' } })).toBeNull();
    expect(runFormFromConfig(null)).toBeNull();
  });
});
