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

  it('continues a completed run to the total epochs given', async () => {
    const onOpenRun = vi.fn();
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={onOpenRun} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    expect(within(row('r-done')).queryByRole('button', { name: /^Resume/ })).toBeNull();
    await user.click(within(row('r-done')).getByRole('button', { name: 'Continue training done one' }));
    const total = screen.getByLabelText('Total epochs for done one');
    expect(total).toHaveProperty('value', '15');
    await user.clear(total);
    await user.type(total, '20');
    await user.click(screen.getByRole('button', { name: 'Continue done one to the total epochs' }));
    expect(api.requestsOf('training:resume')).toEqual([{ runId: 'r-done', epochs: 20 }]);
    expect(onOpenRun).toHaveBeenCalledWith('r-done');
  });

  it('offers a stopped run both Resume and Continue training, starting at its own total', async () => {
    runs = [makeRun({ id: 'r-stop', name: 'stopped one', status: 'stopped', epochsCompleted: 3 })];
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(1));
    expect(within(row('r-stop')).getByRole('button', { name: 'Resume stopped one from its last checkpoint' })).toBeTruthy();
    await user.click(within(row('r-stop')).getByRole('button', { name: 'Continue training stopped one' }));
    expect(screen.getByLabelText('Total epochs for stopped one')).toHaveProperty('value', '10');
  });

  it.each([
    ['interrupted', 'r-int'],
    ['running', 'r-running'],
  ])('offers no Continue training for a %s run', async (_status, id) => {
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    expect(within(row(id)).queryByRole('button', { name: /^Continue training/ })).toBeNull();
  });

  it.each([['10'], ['abc'], ['100001']])('refuses a total of %s epochs for a run with 10 done, without resuming', async (value) => {
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    await user.click(within(row('r-done')).getByRole('button', { name: 'Continue training done one' }));
    const total = screen.getByLabelText('Total epochs for done one');
    await user.clear(total);
    await user.type(total, value);
    await user.click(screen.getByRole('button', { name: 'Continue done one to the total epochs' }));
    expect(within(row('r-done')).getByRole('alert').textContent).toBe('Enter a whole number of epochs above 10 (the epochs done) and at most 100,000.');
    expect(total.getAttribute('aria-invalid')).toBe('true');
    expect(api.requestsOf('training:resume')).toEqual([]);
  });

  it('shows the engine\'s refusal to continue in its words', async () => {
    api.handle('training:resume', () => ({ ok: false, error: { code: 'CONFIG', message: 'Run r-done has no checkpoint to resume from.' } }));
    const user = userEvent.setup();
    renderWithApi(<RunsList onOpenRun={() => {}} />, api);
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));
    await user.click(within(row('r-done')).getByRole('button', { name: 'Continue training done one' }));
    await user.click(screen.getByRole('button', { name: 'Continue done one to the total epochs' }));
    expect(await within(row('r-done')).findByText('Run r-done has no checkpoint to resume from.')).toBeTruthy();
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
