// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NewRunForm } from '../../../../renderer/features/new-run/new-run-form';
import { FakeWorkbenchApi } from '../../fake-workbench-api';
import { BUILTIN_DATASETS, makeConfig } from '../../fixtures';
import { renderWithApi } from '../../render-with-api';

let api: FakeWorkbenchApi;

beforeEach(() => {
  api = new FakeWorkbenchApi()
    .respond('datasets:list', BUILTIN_DATASETS)
    .respond('settings:get', { workspace: '/w', lastRunConfig: null })
    .respond('settings:set', { workspace: '/w', lastRunConfig: null })
    .handle('checkpoints:preview-path', ({ template }) => ({ ok: true, value: { path: template.replace('{epoch:02d}', '01').replace('{val_loss:.4f}', '0.2345') } }))
    .handle('training:validate', ({ config }) => ({ ok: true, value: { ok: true, config: makeConfig(config as Record<string, unknown>) } }))
    .respond('training:start', { runId: 'run-42' })
    .respond('system:info', { backend: null, workspace: '/w', versions: {}, host: 'browser' })
    .respond('dialog:open-csv', { path: '/home/ada/data/penguins.csv' });
});
afterEach(cleanup);

/** The inline issues shown for a control (its aria-describedby targets). */
function issuesOf(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const renderForm = (onStarted = vi.fn()) => {
  renderWithApi(<NewRunForm onStarted={onStarted} debounceMs={5} />, api);
  return onStarted;
};

describe('NewRunForm', () => {
  it('shows a bad value inline next to its field and does not start', async () => {
    const user = userEvent.setup();
    const onStarted = renderForm();
    const epochs = screen.getByLabelText('Epochs');
    await user.clear(epochs);
    await user.type(epochs, 'abc');
    expect(epochs.getAttribute('aria-invalid')).toBe('true');
    expect(issuesOf(epochs)).toContain('Enter a number; received "abc".');

    await user.click(screen.getByRole('button', { name: 'Start training' }));
    expect(screen.getByText('Fix the settings marked below before starting.')).toBeTruthy();
    expect(api.requestsOf('training:start')).toEqual([]);
    expect(onStarted).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(epochs);
  });

  it('shows schema limits inline before anything starts', async () => {
    const user = userEvent.setup();
    renderForm();
    const rate = screen.getByLabelText('Learning rate');
    await user.clear(rate);
    await user.type(rate, '-1');
    expect(issuesOf(rate)).toContain('Too small: expected number to be >0');
  });

  it('previews the checkpoint name of the template as it is typed', async () => {
    const user = userEvent.setup();
    renderForm();
    const preview = screen.getByTestId('checkpoint-path-preview');
    await waitFor(() => expect(preview.textContent).toContain('epoch01-0.2345'));
    const template = screen.getByLabelText('File name template');
    await user.clear(template);
    await user.type(template, 'best-{{val_loss:.4f}');
    await waitFor(() => expect(preview.textContent).toContain('best-0.2345'));
    expect(api.requestsOf('checkpoints:preview-path').at(-1)).toEqual({ template: 'best-{val_loss:.4f}', monitor: 'val_loss', saveFreq: 'epoch' });
  });

  it('previews a batch-level template with the save frequency', async () => {
    api.handle('checkpoints:preview-path', ({ template, saveFreq }) => ({ ok: true, value: { path: `${template} every ${saveFreq}` } }));
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText('Save frequency'), 'batches');
    const batches = screen.getByLabelText('Batches between saves');
    await user.clear(batches);
    await user.type(batches, '250');
    const template = screen.getByLabelText('File name template');
    await user.clear(template);
    await user.type(template, 'b{{batch:04d}-{{loss:.3f}');
    await waitFor(() => expect(screen.getByTestId('checkpoint-path-preview').textContent).toContain('b{batch:04d}-{loss:.3f} every 250'));
    expect(api.requestsOf('checkpoints:preview-path').at(-1)).toEqual({ template: 'b{batch:04d}-{loss:.3f}', monitor: 'val_loss', saveFreq: 250 });
  });

  it('shows a template the engine cannot format at the template', async () => {
    api.handle('checkpoints:preview-path', () => ({ ok: true, value: { error: "KeyError: 'val_los'" } }));
    renderForm();
    await waitFor(() => expect(screen.getByTestId('checkpoint-path-preview').textContent).toContain("KeyError: 'val_los'"));
  });

  it('starts with the configuration of the form, remembers it, and opens the run', async () => {
    const user = userEvent.setup();
    const onStarted = renderForm();
    await waitFor(() => expect(screen.getByRole('option', { name: 'MNIST' })).toBeTruthy());
    await user.selectOptions(screen.getByLabelText('Data set'), 'mnist');
    await user.selectOptions(screen.getByLabelText('Model preset'), 'cnn');
    const epochs = screen.getByLabelText('Epochs');
    await user.clear(epochs);
    await user.type(epochs, '3');
    await user.selectOptions(screen.getByLabelText('Monitor'), 'val_acc');
    await user.click(screen.getByRole('button', { name: 'Start training' }));

    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('run-42'));
    const [request] = api.requestsOf('training:start');
    expect(request).toEqual({
      config: {
        dataset: { kind: 'mnist', shape: 'image' },
        model: { preset: 'cnn', filters: [16, 32], denseUnits: 64, dropout: 0.1 },
        training: { epochs: 3, batchSize: 64, learningRate: 0.001, optimizer: 'adam', shuffle: true, seed: 0, augmentShift: 0 },
        checkpoint: {
          filepath: 'epoch{epoch:02d}-{val_loss:.4f}',
          monitor: 'val_acc',
          mode: 'auto',
          saveBestOnly: true,
          saveWeightsOnly: false,
          saveFreq: 'epoch',
          saveTopK: -1,
          saveLast: true,
          everyNEpochs: 1,
          initialValueThreshold: null,
        },
        backend: 'auto',
      },
    });
    expect(api.requestsOf('settings:set')).toEqual([{ lastRunConfig: request.config }]);
  });

  it('shows the engine\'s issues from training:validate at their fields and does not start', async () => {
    api.handle('training:validate', () => ({
      ok: true,
      value: { ok: false, issues: [{ path: 'dataset.path', message: 'No file at /nope.csv.' }, { path: 'checkpoint', message: 'save_freq too small' }] },
    }));
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    await user.type(screen.getByLabelText('CSV file path'), '/nope.csv');
    await waitFor(() => expect(issuesOf(screen.getByLabelText('CSV file path'))).toContain('No file at /nope.csv.'));
    expect(screen.getByTestId('issues-checkpoint').textContent).toContain('save_freq too small');
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(screen.getByText('The engine refused these settings; see the marked fields.')).toBeTruthy());
    expect(api.requestsOf('training:start')).toEqual([]);
  });

  it('shows a ModelCheckpoint issue the engine reports at checkpoint.filepath next to the template', async () => {
    const message = "ModelCheckpoint option 'filepath' ends in '.keras', which asks for a Keras file, but the workbench writes TensorFlow.js checkpoint directories.";
    api.handle('training:validate', () => ({ ok: true, value: { ok: false, issues: [{ path: 'checkpoint.filepath', message }] } }));
    renderForm();
    await waitFor(() => expect(issuesOf(screen.getByLabelText('File name template'))).toContain(message));
    expect(screen.queryByTestId('issues-checkpoint')).toBeNull();
  });

  it('shows the engine\'s error from training:start next to the Start button, in its words', async () => {
    api.handle('training:start', () => ({ ok: false, error: { code: 'BACKEND', message: 'tfjs-node-gpu: libcudart.so.11.0 is missing.' } }));
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    const alert = await screen.findByText('tfjs-node-gpu: libcudart.so.11.0 is missing.');
    expect(alert.id).toBe('start-error');
  });

  it('offers the CNN only for MNIST and monitors only what the model logs', async () => {
    const user = userEvent.setup();
    renderForm();
    await waitFor(() => expect(screen.getByRole('option', { name: 'MNIST' })).toBeTruthy());
    const preset = screen.getByLabelText('Model preset');
    expect(within(preset).queryByRole('option', { name: /CNN/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Data set'), 'mnist');
    expect(within(preset).getByRole('option', { name: /CNN/ })).toBeTruthy();
    const monitors = within(screen.getByLabelText('Monitor')).getAllByRole('option').map((option) => option.textContent);
    expect(monitors).toEqual(['loss', 'acc', 'val_loss', 'val_acc']);
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    await user.selectOptions(screen.getByLabelText('Task'), 'regression');
    expect(within(screen.getByLabelText('Monitor')).getAllByRole('option').map((option) => option.textContent)).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
  });

  it('offers Browse… next to the CSV path in the desktop app and fills in the picked file', async () => {
    api.respond('system:info', { backend: null, workspace: '/w', versions: {}, host: 'electron' });
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    await user.click(await screen.findByRole('button', { name: 'Browse for a CSV file' }));
    await waitFor(() => expect(screen.getByLabelText('CSV file path')).toHaveProperty('value', '/home/ada/data/penguins.csv'));
    expect(api.requestsOf('dialog:open-csv')).toEqual([{}]);
  });

  it('keeps the typed CSV path when the file dialog is canceled', async () => {
    api.respond('system:info', { backend: null, workspace: '/w', versions: {}, host: 'electron' }).respond('dialog:open-csv', { canceled: true });
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    await user.type(screen.getByLabelText('CSV file path'), '/data/typed.csv');
    await user.click(await screen.findByRole('button', { name: 'Browse for a CSV file' }));
    await waitFor(() => expect(api.requestsOf('dialog:open-csv')).toHaveLength(1));
    expect(screen.getByLabelText('CSV file path')).toHaveProperty('value', '/data/typed.csv');
  });

  it('shows why the file dialog could not open', async () => {
    api
      .respond('system:info', { backend: null, workspace: '/w', versions: {}, host: 'electron' })
      .handle('dialog:open-csv', () => ({ ok: false, error: { code: 'CONFIG', message: 'The file dialog needs the app window, and it is closed; open the window and try again.' } }));
    const user = userEvent.setup();
    renderForm();
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    await user.click(await screen.findByRole('button', { name: 'Browse for a CSV file' }));
    expect(await screen.findByText('The file dialog needs the app window, and it is closed; open the window and try again.')).toBeTruthy();
  });

  it('keeps the CSV path a text field only in the browser', async () => {
    const user = userEvent.setup();
    renderForm();
    await waitFor(() => expect(api.requestsOf('system:info')).toHaveLength(1));
    await user.selectOptions(screen.getByLabelText('Data set'), 'csv');
    expect(screen.getByLabelText('CSV file path')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Browse for a CSV file' })).toBeNull();
  });

  it('prefills the last configuration from the settings', async () => {
    api.respond('settings:get', {
      workspace: '/w',
      lastRunConfig: makeConfig({ dataset: { kind: 'iris' }, model: { preset: 'mlp', hiddenUnits: [32, 16] }, training: { epochs: 12 } }),
    });
    renderForm();
    await waitFor(() => expect(screen.getByLabelText('Epochs')).toHaveProperty('value', '12'));
    expect(screen.getByLabelText('Hidden units')).toHaveProperty('value', '32, 16');
    expect(screen.getByLabelText('Data set')).toHaveProperty('value', 'iris');
  });
});
