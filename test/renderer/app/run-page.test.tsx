// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointView } from '../../../shared/contract';
import type { EngineEvent } from '../../../shared/engine-events';
import { RunPage } from '../../../renderer/app/run-page';
import { FakeWorkbenchApi } from '../fake-workbench-api';
import { makeCheckpoint, makeRun } from '../fixtures';
import { renderWithApi } from '../render-with-api';
import { stubCanvas } from '../stub-canvas';

const run = makeRun();
let api: FakeWorkbenchApi;
let listing: CheckpointView[];

const epochEnd = (epoch: number, loss: number): EngineEvent => ({
  type: 'epoch-end',
  runId: run.id,
  epoch,
  logs: { loss, acc: 0.9, val_loss: loss + 0.05, val_acc: 0.88 },
  elapsedMs: 1000,
});

const saveEvent = (path: string, epoch: number, value: number): EngineEvent => ({
  type: 'checkpoint',
  runId: run.id,
  event: { kind: 'save', epoch, batch: null, path, weightsOnly: false, dir: `/w/run-1/checkpoints/${path}`, reason: 'improved', value, best: value, sizeBytes: 2048 },
});

beforeEach(() => {
  stubCanvas();
  listing = [];
  api = new FakeWorkbenchApi()
    .respond('runs:get', { run, history: [{ epoch: 0, logs: { loss: 1, acc: 0.6, val_loss: 1.1, val_acc: 0.55 }, elapsedMs: 900, time: '2026-11-25T10:00:02Z' }] })
    .handle('checkpoints:list', () => ({ ok: true, value: listing }))
    .respond('system:info', { backend: null, workspace: '/home/ada/TrainingWorkbench', versions: {}, host: 'browser' });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const renderPage = () => renderWithApi(<RunPage runId={run.id} onOpenRun={() => {}} frameMs={10} chartSize={{ width: 640, height: 320 }} />, api);
const emit = (event: EngineEvent) => act(() => api.emit('training:event', event));

describe('RunPage', () => {
  it('fetches the snapshot, then applies epoch events to the progress and the chart', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: 'mnist mlp' })).toBeTruthy();
    expect(screen.getByTestId('run-progress').textContent).toBe('Epoch 1/10');
    expect(api.requestsOf('runs:get')).toEqual([{ runId: run.id }]);

    emit(epochEnd(1, 0.5));
    emit(epochEnd(2, 0.25));
    emit({ type: 'batch-end', runId: run.id, epoch: 3, batch: 2, batchesPerEpoch: 4, logs: { loss: 0.2 }, samplesPerSecond: 1234.4 });
    await waitFor(() => expect(screen.getByTestId('run-progress').textContent).toBe('Epoch 4/10 · batch 3/4 · 1,234 samples/s'));
    const chart = screen.getByTestId('metric-chart');
    expect(chart.getAttribute('aria-label')).toBe('loss by epoch');
    expect(within(chart).getByText('val_loss')).toBeTruthy();
  });

  it('ignores events of other runs', async () => {
    renderPage();
    await screen.findByRole('heading', { name: 'mnist mlp' });
    emit({ ...epochEnd(1, 0.5), runId: 'another-run' } as EngineEvent);
    emit({ type: 'batch-end', runId: run.id, epoch: 1, batch: 0, batchesPerEpoch: 2, logs: { loss: 0.7 }, samplesPerSecond: 10 });
    await waitFor(() => expect(screen.getByTestId('run-progress').textContent).toBe('Epoch 2/10 · batch 1/2 · 10 samples/s'));
  });

  it('keeps events that arrive while the snapshot is being fetched', async () => {
    api.handle('runs:get', async () => {
      api.emit('training:event', epochEnd(1, 0.5));
      return { ok: true, value: { run, history: [] } };
    });
    renderPage();
    await waitFor(() => expect(screen.getByTestId('run-progress').textContent).toBe('Epoch 2/10'));
  });

  it('shows a marker, a log line and a table row after a checkpoint save event', async () => {
    renderPage();
    await screen.findByRole('heading', { name: 'mnist mlp' });
    expect(screen.queryAllByTestId('checkpoint-marker')).toHaveLength(0);
    listing = [makeCheckpoint('epoch02-0.5500', 1, 0.55, { isBest: true, isLast: true })];
    emit(epochEnd(1, 0.5));
    emit(saveEvent('epoch02-0.5500', 1, 0.55));
    emit({
      type: 'checkpoint',
      runId: run.id,
      event: { kind: 'decision', epoch: 1, batch: null, outcome: 'improved', path: 'epoch02-0.5500', monitor: 'val_loss', value: 0.55, best: 0.55, text: 'Epoch 2: val_loss improved from 1.15000 to 0.55000, saving model to epoch02-0.5500' },
    });

    await waitFor(() => expect(screen.getAllByTestId('checkpoint-marker')).toHaveLength(1));
    const marker = screen.getByTestId('checkpoint-marker');
    expect(marker.getAttribute('data-best')).toBe('true');
    expect(marker.getAttribute('aria-label')).toBe('Checkpoint epoch02-0.5500, epoch 2, 0.55 (best)');
    const log = screen.getByTestId('checkpoint-log');
    expect(log.textContent).toContain('Saved epoch02-0.5500 (best so far)');
    expect(log.textContent).toContain('val_loss improved from 1.15000 to 0.55000');
    await waitFor(() => expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(1));
    expect(api.requestsOf('checkpoints:list').length).toBeGreaterThanOrEqual(2);
  });

  it('charts another metric in one click', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: 'mnist mlp' });
    await user.selectOptions(screen.getByLabelText('Metric'), 'acc');
    expect(screen.getByTestId('metric-chart').getAttribute('aria-label')).toBe('acc by epoch');
    expect(within(screen.getByTestId('metric-chart')).getByText('val_acc')).toBeTruthy();
  });

  it('shows a failure in the engine\'s words', async () => {
    renderPage();
    await screen.findByRole('heading', { name: 'mnist mlp' });
    emit({ type: 'run-failed', runId: run.id, run: { ...run, status: 'failed' }, error: { code: 'CHECKPOINT_SAVE_FAILED', message: 'Disk full while writing epoch02.' } });
    await waitFor(() => expect(screen.getByTestId('checkpoint-log').textContent).toContain('Disk full while writing epoch02.'));
    expect(screen.getByText('failed')).toBeTruthy();
  });

  it('shows why the snapshot could not be fetched', async () => {
    api.handle('runs:get', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No run run-1 in /w.' } }));
    renderPage();
    expect(await screen.findByText('No run run-1 in /w.')).toBeTruthy();
  });

  it('offers Reveal in the file manager when system:info says the host is the desktop app', async () => {
    listing = [makeCheckpoint('epoch01', 0, 1.1, { isBest: true })];
    api.respond('system:info', { backend: null, workspace: '/home/ada/TrainingWorkbench', versions: {}, host: 'electron' }).respond('checkpoints:reveal', { revealed: true });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Reveal epoch01 in the file manager' }));
    expect(api.requestsOf('checkpoints:reveal')).toEqual([{ runId: run.id, checkpointId: 'epoch01' }]);
  });

  it('offers no Reveal in the browser', async () => {
    listing = [makeCheckpoint('epoch01', 0, 1.1, { isBest: true })];
    renderPage();
    await screen.findByRole('button', { name: 'Copy path of epoch01' });
    await waitFor(() => expect(api.requestsOf('system:info')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: /^Reveal/ })).toBeNull();
  });

  it('opens the inference panel when a checkpoint is reloaded', async () => {
    listing = [makeCheckpoint('epoch01', 0, 1.1, { isBest: true })];
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: 'mnist mlp' });
    await user.click(await screen.findByRole('button', { name: 'Reload epoch01' }));
    expect(screen.getByTestId('inference-panel')).toBeTruthy();
    expect(screen.getByTestId('evaluate-button')).toBeTruthy();
  });
});
