// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointView } from '../../../../shared/contract';
import { CheckpointBrowser, type CheckpointBrowserProps } from '../../../../renderer/features/checkpoints/checkpoint-browser';
import { checkpointCopyPath } from '../../../../renderer/features/checkpoints/checkpoint-copy-path';
import { makeCheckpoint } from '../../fixtures';

afterEach(cleanup);

const checkpoints: CheckpointView[] = [
  makeCheckpoint('epoch01-0.9000', 0, 0.9, { integrity: 'ok' }),
  makeCheckpoint('epoch02-0.4000', 1, 0.4, { isBest: true, integrity: 'unchecked' }),
  makeCheckpoint('epoch03-last', 2, 0.5, { isLast: true, integrity: 'corrupt', problem: 'weights.bin: expected 2048 bytes, found 1000' }),
];

const renderBrowser = (props: Partial<CheckpointBrowserProps> = {}) =>
  render(<CheckpointBrowser runId="run-1" checkpoints={checkpoints} error={null} host="browser" workspace="/home/ada/TrainingWorkbench" onReload={() => {}} extras={{}} {...props} />);

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

  it('offers Reveal in Electron, disabled with a reason while the bridge lacks it', () => {
    renderBrowser({ host: 'electron' });
    const reveal = screen.getByRole('button', { name: 'Reveal epoch01-0.9000 in the file manager' });
    expect(reveal.getAttribute('aria-disabled')).toBe('true');
    expect(reveal.getAttribute('title')).toBe('Not available in this version of the desktop app');
  });

  it('reveals through the bridge extra when it exists, showing its error where it happened', async () => {
    const revealCheckpoint = vi.fn().mockResolvedValue({ ok: false, error: { code: 'NOT_FOUND', message: 'Folder is gone.' } });
    const user = userEvent.setup();
    renderBrowser({ host: 'electron', extras: { revealCheckpoint } });
    await user.click(screen.getByRole('button', { name: 'Reveal epoch03-last in the file manager' }));
    expect(revealCheckpoint).toHaveBeenCalledWith({ runId: 'run-1', checkpointId: 'epoch03-last' });
    expect(within(row('epoch03-last')).getByRole('alert').textContent).toBe('Folder is gone.');
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
