/**
 * The README's headless default: `workbench train` with no arguments trains MNIST with the small
 * CNN, and its best checkpoint, reloaded, scores at least 97% on the test split. Deterministic:
 * seeded initialisation, augmentation and shuffling on the single-threaded wasm backend.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

describe('workbench train with no arguments', () => {
  it('trains the default experiment to a best checkpoint with at least 97% test accuracy', async () => {
    const workspace = await makeTempDir('workbench-default-');
    const train = await runCli(['train', '--workspace', workspace], { env: { WORKBENCH_WORKSPACE: workspace } });
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/^Run \S+-mnist-cnn\n/);
    expect(train.stdout).toContain('backend: wasm (requested: auto)');
    expect(train.stdout).toContain('Checkpoints: monitor val_loss (min)');
    expect(train.stdout).toMatch(/Epoch 12\/12 - /);
    const runId = /^Run (\S+)/.exec(train.stdout)![1];
    const evaluation = await runCli(['evaluate', runId, '--json', '--workspace', workspace]);
    expect(evaluation.code, evaluation.stderr).toBe(0);
    const result = JSON.parse(evaluation.stdout);
    expect(result.samples).toBe(1000);
    expect(result.metrics.acc).toBeGreaterThanOrEqual(0.97);
  }, 600_000);
});
