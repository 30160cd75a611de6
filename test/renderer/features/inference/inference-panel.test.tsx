// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Prediction } from '../../../../shared/inference';
import { InferencePanel } from '../../../../renderer/features/inference/inference-panel';
import { FakeWorkbenchApi } from '../../fake-workbench-api';
import { IRIS_INFO, makeCheckpoint, makeConfig, makeRun } from '../../fixtures';
import { renderWithApi } from '../../render-with-api';
import { installPointerEvent, stubCanvas } from '../../stub-canvas';

const mnistRun = makeRun({ status: 'completed' });
const irisRun = makeRun({ id: 'iris-1', name: 'iris mlp', dataset: IRIS_INFO, config: makeConfig({ dataset: { kind: 'iris' } }) });
const checkpoints = [makeCheckpoint('epoch01', 0, 0.9), makeCheckpoint('epoch02', 1, 0.4, { isBest: true }), makeCheckpoint('broken', 2, 0.3, { integrity: 'corrupt' })];

/** A prediction that puts `probability` on `top` and shares the rest. */
function prediction(top: number, probability: number, classes = 10): Prediction {
  const probabilities = Array.from({ length: classes }, (_, i) => (i === top ? probability : (1 - probability) / (classes - 1)));
  return { probabilities, topK: [{ classIndex: top, className: String(top), probability }], value: null };
}

let api: FakeWorkbenchApi;

beforeEach(() => {
  stubCanvas();
  installPointerEvent();
  api = new FakeWorkbenchApi();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Draws a vertical stroke on the digit canvas. */
function drawStroke(canvas: HTMLElement) {
  fireEvent.pointerDown(canvas, { clientX: 140, clientY: 60, pointerId: 1, button: 0 });
  for (let y = 70; y <= 220; y += 10) fireEvent.pointerMove(canvas, { clientX: 140, clientY: y, pointerId: 1 });
  fireEvent.pointerUp(canvas, { clientX: 140, clientY: 220, pointerId: 1 });
}

describe('InferencePanel', () => {
  it('evaluates the checkpoint on the test split and shows the confusion matrix with class names', async () => {
    api.respond('inference:evaluate', {
      runId: 'iris-1',
      checkpointId: 'epoch02',
      samples: 30,
      metrics: { loss: 0.1234, acc: 0.9333 },
      confusionMatrix: [
        [10, 0, 0],
        [0, 9, 1],
        [0, 1, 9],
      ],
      classNames: ['setosa', 'versicolor', 'virginica'],
    });
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={irisRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    await user.click(screen.getByTestId('evaluate-button'));

    const matrix = await screen.findByTestId('confusion-matrix');
    expect(api.requestsOf('inference:evaluate')).toEqual([{ runId: 'iris-1', checkpointId: 'epoch02' }]);
    expect(screen.getByTestId('evaluation-result').textContent).toContain('30 test samples: loss 0.1234 · acc 0.9333');
    const rows = within(matrix).getAllByRole('row');
    expect(rows.map((row) => within(row).getAllByRole(row === rows[0] ? 'columnheader' : 'cell').map((cell) => cell.textContent))).toEqual([
      ['true \\ predicted', 'setosa', 'versicolor', 'virginica'],
      ['10', '0', '0'],
      ['0', '9', '1'],
      ['0', '1', '9'],
    ]);
    expect(within(rows[2]).getByRole('rowheader').textContent).toBe('versicolor');
    // Shaded by share of the row: blue on the diagonal, orange off it.
    const shades = within(rows[2]).getAllByRole('cell').map((cell) => cell.style.backgroundColor);
    expect(shades).toEqual(['rgba(234, 88, 12, 0)', 'rgba(37, 99, 235, 0.765)', 'rgba(234, 88, 12, 0.085)']);
  });

  it('shows an evaluation error in the panel, in the engine\'s words', async () => {
    api.handle('inference:evaluate', () => ({ ok: false, error: { code: 'CHECKPOINT_CORRUPT', message: 'epoch02/weights.bin: checksum mismatch.' } }));
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={irisRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    await user.click(screen.getByRole('button', { name: 'Evaluate on test split' }));
    expect((await screen.findByRole('alert')).textContent).toBe('epoch02/weights.bin: checksum mismatch.');
  });

  it('sends a drawn digit as 784 pixels in [0, 1] and shows the class probabilities', async () => {
    api.handle('inference:predict', ({ checkpointId }) => ({ ok: true, value: { runId: mnistRun.id, checkpointId, predictions: [prediction(1, 0.93)] } }));
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={mnistRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    const predict = screen.getByTestId('predict-button');
    expect(predict).toHaveProperty('disabled', true);

    drawStroke(screen.getByTestId('digit-canvas'));
    await user.click(predict);

    const [request] = api.requestsOf('inference:predict');
    expect(request.runId).toBe(mnistRun.id);
    expect(request.checkpointId).toBe('epoch02');
    const [pixels] = request.inputs;
    expect(pixels).toHaveLength(784);
    expect(pixels.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(pixels[14 * 28 + 14]).toBeGreaterThan(0.5);
    expect(pixels[0]).toBe(0);

    const bars = await screen.findAllByTestId('probability-bar');
    expect(bars).toHaveLength(10);
    expect(screen.getByRole('meter', { name: '1: 93.0%' })).toBe(bars[1]);
    expect(bars[1].className).toContain('bar-top');
  });

  it('clears the drawing', async () => {
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={mnistRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    drawStroke(screen.getByTestId('digit-canvas'));
    expect(screen.getByTestId('predict-button')).toHaveProperty('disabled', false);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByTestId('predict-button')).toHaveProperty('disabled', true);
  });

  it('compares two checkpoints side by side on the same input', async () => {
    api.handle('inference:predict', ({ checkpointId }) => ({
      ok: true,
      value: { runId: mnistRun.id, checkpointId, predictions: [checkpointId === 'epoch02' ? prediction(7, 0.9) : prediction(1, 0.6)] },
    }));
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={mnistRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    const compare = screen.getByLabelText('Compare with');
    expect(within(compare).getAllByRole('option').map((option) => option.getAttribute('value'))).toEqual(['', 'epoch01']);
    await user.selectOptions(compare, 'epoch01');
    drawStroke(screen.getByTestId('digit-canvas'));
    await user.click(screen.getByTestId('predict-button'));

    await waitFor(() => expect(screen.getAllByTestId('probability-bar')).toHaveLength(20));
    const requests = api.requestsOf('inference:predict');
    expect(requests.map((request) => request.checkpointId)).toEqual(['epoch02', 'epoch01']);
    expect(requests[1].inputs).toEqual(requests[0].inputs);
    expect(screen.getByRole('figure', { name: 'Class probabilities of epoch02' })).toBeTruthy();
    expect(within(screen.getByRole('figure', { name: 'Class probabilities of epoch01' })).getByRole('meter', { name: '1: 60.0%' })).toBeTruthy();
  });

  it('asks for one number per feature of tabular data, starting at the training means', async () => {
    api.handle('inference:predict', ({ checkpointId }) => ({ ok: true, value: { runId: 'iris-1', checkpointId, predictions: [prediction(0, 0.8, 3)] } }));
    const user = userEvent.setup();
    renderWithApi(<InferencePanel run={irisRun} checkpointId="epoch02" checkpoints={checkpoints} onClose={() => {}} />, api);
    expect(screen.queryByTestId('digit-canvas')).toBeNull();
    const petal = screen.getByLabelText('petal_length');
    expect(petal).toHaveProperty('value', '3.76');
    await user.clear(petal);
    await user.type(petal, 'x');
    expect(screen.getByTestId('predict-button')).toHaveProperty('disabled', true);
    await user.clear(petal);
    await user.type(petal, '1.4');
    await user.click(screen.getByTestId('predict-button'));
    expect(api.requestsOf('inference:predict')[0].inputs).toEqual([[5.84, 3.05, 1.4, 1.2]]);
    expect(await screen.findByRole('meter', { name: 'setosa: 80.0%' })).toBeTruthy();
  });
});
