// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../../../shared/run-record';
import { RunsList } from '../../../../renderer/features/runs/runs-list';
import { FakeWorkbenchApi } from '../../fake-workbench-api';
import { makeCheckpoint, makeRun } from '../../fixtures';
import { renderWithApi } from '../../render-with-api';

let api: FakeWorkbenchApi;
let runs: RunRecord[];

beforeEach(() => {
  runs = [
    makeRun({ id: 'r-running', name: 'running one', backend: { requested: 'auto', selected: 'wasm', tfjsBackend: 'wasm', attempts: [] } }),
    makeRun({
      id: 'r-done',
      name: 'done one',
      status: 'completed',
      startedAt: '2026-11-25T10:00:00.000Z',
      endedAt: '2026-11-25T10:02:05.000Z',
      epochsCompleted: 10,
      best: { id: 'epoch07-0.0812', epoch: 6, value: 0.0812 },
    }),
    makeRun({ id: 'r-int', name: 'interrupted one', status: 'interrupted', epochsCompleted: 3 }),
  ];
  api = new FakeWorkbenchApi()
    .handle('runs:list', () => ({ ok: true, value: runs }))
    .respond('training:stop', { stopping: true })
    .handle('training:resume', ({ runId }) => ({ ok: true, value: { runId } }))
    .respond('checkpoints:list', [makeCheckpoint('epoch02', 1, 0.5), makeCheckpoint('epoch03', 2, 0.4, { isLast: true })]);
});
afterEach(cleanup);

const row = (id: string) => screen.getAllByTestId('run-row').find((element) => element.getAttribute('data-run-id') === id)!;

describe('RunsList', () => {
  it('lists runs with status, backend, duration and best value', async () => {
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    expect(within(row('r-running')).getByText('running')).toBeTruthy();
    expect(within(row('r-running')).getByText('wasm')).toBeTruthy();
    const done = within(row('r-done')).getAllByRole('cell').map((cell) => cell.textContent);
    expect(done[5]).toBe('2 min 5 s');
    expect(done[6]).toBe('val_loss 0.0812 (epoch 7)');
    expect(within(row('r-done')).getByRole('link', { name: 'done one (r-done)' }).getAttribute('href')).toBe('#/runs/r-done');
  });

  it('highlights interrupted runs and offers to resume them', async () => {
    const onOpenRun = vi.fn();
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={onOpenRun} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    expect(row('r-int').className).toBe('row-interrupted');
    expect(screen.getByText(/One run was interrupted/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume interrupted one from its last checkpoint' }));
    expect(api.requestsOf('training:resume')).toEqual([{ runId: 'r-int' }]);
    expect(onOpenRun).toHaveBeenCalledWith('r-int');
  });

  it('resumes from a chosen checkpoint', async () => {
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Resume interrupted one from a chosen checkpoint' }));
    const choice = await screen.findByLabelText('Checkpoint to resume interrupted one from');
    expect(choice).toHaveProperty('value', 'epoch03');
    await user.selectOptions(choice, 'epoch02');
    await user.click(screen.getByRole('button', { name: 'Resume interrupted one from the chosen checkpoint' }));
    expect(api.requestsOf('training:resume')).toEqual([{ runId: 'r-int', checkpointId: 'epoch02' }]);
  });

  it('stops a running run and shows a refusal in the engine\'s words', async () => {
    api.handle('training:stop', () => ({ ok: false, error: { code: 'CONFIG', message: 'Run r-running is not training in this engine; nothing to stop.' } }));
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Stop running one' }));
    expect(api.requestsOf('training:stop')).toEqual([{ runId: 'r-running' }]);
    expect(within(row('r-running')).getByRole('alert').textContent).toBe('Run r-running is not training in this engine; nothing to stop.');
  });

  it('lists again when a run finishes', async () => {
    renderWithApi(<RunsList onOpenRun={() => {}} refreshDelayMs={5} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    runs = [{ ...runs[0], status: 'completed' }];
    act(() => api.emit('training:event', { type: 'run-finished', runId: 'r-running', run: runs[0] }));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(1));
    expect(within(row('r-running')).getByText('completed')).toBeTruthy();
  });
});
