// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointView } from '../../../../shared/contract';
import { CheckpointBrowser, type CheckpointBrowserProps } from '../../../../renderer/features/checkpoints/checkpoint-browser';
import { checkpointCopyPath } from '../../../../renderer/features/checkpoints/checkpoint-copy-path';
import { FakeWorkbenchApi } from '../../fake-workbench-api';
import { makeCheckpoint } from '../../fixtures';
import { renderWithApi } from '../../render-with-api';

let api: FakeWorkbenchApi;
beforeEach(() => {
  api = new FakeWorkbenchApi().respond('checkpoints:reveal', { revealed: true });
});
afterEach(cleanup);

const checkpoints: CheckpointView[] = [
  makeCheckpoint('epoch01-0.9000', 0, 0.9, { integrity: 'ok' }),
  makeCheckpoint('epoch02-0.4000', 1, 0.4, { isBest: true, integrity: 'unchecked' }),
  makeCheckpoint('epoch03-last', 2, 0.5, { isLast: true, integrity: 'corrupt', problem: 'weights.bin: expected 2048 bytes, found 1000' }),
];

const renderBrowser = (props: Partial<CheckpointBrowserProps> = {}) =>
  renderWithApi(<CheckpointBrowser runId="run-1" checkpoints={checkpoints} error={null} host="browser" workspace="/home/ada/TrainingWorkbench" onReload={() => {}} {...props} />, api);

const row = (id: string) => screen.getAllByTestId('checkpoint-row').find((element) => element.getAttribute('data-checkpoint-id') === id)!;

describe('CheckpointBrowser', () => {
  it('shows one row per checkpoint with its 1-based epoch, monitored value and size', () => {
    renderBrowser();
    expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(3);
    const cells = within(row('epoch02-0.4000')).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells[1]).toBe('2');
    expect(cells[2]).toBe('val_loss 0.4');
    expect(cells[3]).toBe('loss 0.32 · acc 0.9 · val_acc 0.88');
    expect(cells[4]).toBe('1.5 KiB');
  });

  it('badges the best and the last checkpoint', () => {
    renderBrowser();
    expect(within(row('epoch02-0.4000')).getByText('best')).toBeTruthy();
    expect(within(row('epoch02-0.4000')).queryByText('last')).toBeNull();
    expect(within(row('epoch03-last')).getByText('last')).toBeTruthy();
    expect(within(row('epoch01-0.9000')).queryByText('best')).toBeNull();
  });

  it('shows integrity: verified, not checked, or corrupt with the problem', () => {
    renderBrowser();
    expect(within(row('epoch01-0.9000')).getByText('verified')).toBeTruthy();
    expect(within(row('epoch02-0.4000')).getByText('not checked')).toBeTruthy();
    expect(within(row('epoch03-last')).getByText('corrupt')).toBeTruthy();
    expect(within(row('epoch03-last')).getByText('weights.bin: expected 2048 bytes, found 1000')).toBeTruthy();
  });

  it('reloads a checkpoint, but not a corrupt one', async () => {
    const onReload = vi.fn();
    const user = userEvent.setup();
    renderBrowser({ onReload });
    await user.click(screen.getByRole('button', { name: 'Reload epoch02-0.4000' }));
    expect(onReload).toHaveBeenCalledWith('epoch02-0.4000');
    expect(screen.getByRole('button', { name: 'Reload epoch03-last' })).toHaveProperty('disabled', true);
  });

  it('copies the checkpoint path in browser mode', async () => {
    const user = userEvent.setup();
    renderBrowser();
    await user.click(screen.getByRole('button', { name: 'Copy path of epoch01-0.9000' }));
    await waitFor(() => expect(screen.getByText('Copied /home/ada/TrainingWorkbench/run-1/checkpoints/epoch01-0.9000')).toBeTruthy());
    await expect(navigator.clipboard.readText()).resolves.toBe('/home/ada/TrainingWorkbench/run-1/checkpoints/epoch01-0.9000');
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
  });

  it.each([['browser' as const], [null]])('offers no Reveal when the host is %s', (host) => {
    renderBrowser({ host });
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy path of epoch01-0.9000' })).toBeTruthy();
  });

  it('offers an enabled Reveal on every row in the desktop app', () => {
    renderBrowser({ host: 'electron' });
    const buttons = screen.getAllByRole('button', { name: /^Reveal .* in the file manager$/ });
    expect(buttons).toHaveLength(3);
    for (const button of buttons) {
      expect(button).toHaveProperty('disabled', false);
      expect(button.getAttribute('aria-disabled')).toBeNull();
    }
  });

  it('reveals a checkpoint by its id through checkpoints:reveal', async () => {
    const user = userEvent.setup();
    renderBrowser({ host: 'electron' });
    await user.click(screen.getByRole('button', { name: 'Reveal epoch02-0.4000 in the file manager' }));
    expect(api.requestsOf('checkpoints:reveal')).toEqual([{ runId: 'run-1', checkpointId: 'epoch02-0.4000' }]);
    expect(within(row('epoch02-0.4000')).queryByRole('alert')).toBeNull();
  });

  it('shows a refused reveal where it happened, in the engine\'s words', async () => {
    api.handle('checkpoints:reveal', () => ({ ok: false, error: { code: 'CHECKPOINT_NOT_FOUND', message: "No checkpoint 'epoch03-last' in run run-1: its folder does not exist." } }));
    const user = userEvent.setup();
    renderBrowser({ host: 'electron' });
    await user.click(screen.getByRole('button', { name: 'Reveal epoch03-last in the file manager' }));
    await waitFor(() => expect(within(row('epoch03-last')).getByRole('alert').textContent).toBe("No checkpoint 'epoch03-last' in run run-1: its folder does not exist."));
  });

  it('shows a listing error in the engine\'s words', () => {
    renderBrowser({ checkpoints: null, error: { code: 'NOT_FOUND', message: 'No run run-1.' } });
    expect(screen.getByRole('alert').textContent).toBe('No run run-1.');
  });
});

describe('checkpointCopyPath', () => {
  it.each([
    ['/home/ada/TrainingWorkbench', 'r1', 'epoch03-0.1234', '/home/ada/TrainingWorkbench/r1/checkpoints/epoch03-0.1234'],
    ['C:\\Users\\ada\\TrainingWorkbench\\', 'r1', 'top/epoch03', 'C:\\Users\\ada\\TrainingWorkbench\\r1\\checkpoints\\top\\epoch03'],
    [null, 'r1', 'epoch03', 'r1/checkpoints/epoch03'],
  ])('joins workspace %s, run %s and checkpoint %s', (workspace, runId, id, path) => {
    expect(checkpointCopyPath(workspace, runId, id)).toBe(path);
  });
});
