/**
 * What the engine adds to training, as ratios from one run (this machine is noisy):
 * 1. saving a checkpoint every epoch (model + Adam state, atomic, checksummed) on the MNIST-sized
 *    MLP (784-128-10, batch 128, real MNIST digits), against the same fit without the callback
 *    (target: under 3% overhead);
 * 2. the per-batch cost of the engine's progress callback (throttled batch events) over plain fit;
 * 3. the default experiment's wall time (`workbench train` with no arguments), unless --skip-default.
 *
 * Run: npx tsx test/bench/engine-overhead.bench.ts [--epochs 5] [--rounds 7] [--skip-default]
 * Prints a table, then the numbers as JSON on the last line. Not a test: it asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { CheckpointEvent } from '../../shared/checkpoint-events';
import { ModelCheckpoint } from '../../electron/node/checkpoint/model-checkpoint';
import { loadMnist } from '../../electron/node/data/load-mnist';
import { toTensors } from '../../electron/node/data/to-tensors';
import { FusedAdamOptimizer } from '../../electron/node/engine/fused-adam-optimizer';
import { ProgressCallback } from '../../electron/node/engine/progress-callback';
import { useBackend } from '../../electron/node/engine/use-backend';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

function mlp(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  // The engine's Adam (fused on wasm), as `workbench train` compiles it.
  model.compile({ optimizer: new FusedAdamOptimizer(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

interface Data {
  train: { x: tf.Tensor; y: tf.Tensor };
  validation: { x: tf.Tensor; y: tf.Tensor };
}

/** One fit of a fresh model (after a warm-up epoch) with the given callbacks; milliseconds. */
async function timeFit(data: Data, epochs: number, callbacks: tf.Callback[]): Promise<number> {
  const model = mlp();
  // One warm-up epoch outside the measurement: kernel setup and first-touch allocations.
  await model.fit(data.train.x, data.train.y, { epochs: 1, batchSize: 128, verbose: 0 });
  const start = performance.now();
  await model.fit(data.train.x, data.train.y, { epochs, batchSize: 128, validationData: [data.validation.x, data.validation.y], callbacks, verbose: 0 });
  const ms = performance.now() - start;
  const { optimizer } = model;
  model.dispose();
  optimizer.dispose();
  return ms;
}

async function main(): Promise<void> {
  const epochs = Number(argument('epochs', '5'));
  const rounds = Number(argument('rounds', '7'));
  const report = await useBackend('wasm');
  const dir = mkdtempSync(nodePath.join(os.tmpdir(), 'workbench-bench-'));
  let saves = 0;
  let savedBytes = 0;
  const results: Record<string, number> = {};
  try {
    // Plain, checkpointed and progress runs in rounds, in rotating order (each takes every position
    // in turn). Fits here vary by +-5% from one to the next, so the overheads are medians of the
    // ratios within a round (runs close in time), not ratios of separate minima.
    const mnist = await loadMnist({ shape: 'flat' });
    const data: Data = { train: toTensors(mnist.train), validation: toTensors(mnist.validation) };
    const times: Record<'plain' | 'saving' | 'progress', number[]> = { plain: [], saving: [], progress: [] };
    const callbacks = (config: keyof typeof times, round: number): tf.Callback[] => {
      if (config === 'plain') return [];
      if (config === 'progress') return [new ProgressCallback({ epochEnd: () => {}, batchEnd: () => {}, stopRequested: () => false })];
      return [
        new ModelCheckpoint({
          filepath: `r${round}/epoch{epoch:02d}`,
          baseDir: dir,
          saveBestOnly: false,
          onEvent: (event: CheckpointEvent) => {
            if (event.kind === 'save') {
              saves += 1;
              savedBytes = event.sizeBytes;
            }
          },
        }),
      ];
    };
    const order = Object.keys(times) as Array<keyof typeof times>;
    for (let round = 0; round < rounds; round++) {
      for (let slot = 0; slot < order.length; slot++) {
        const config = order[(round + slot) % order.length];
        times[config].push(await timeFit(data, epochs, callbacks(config, round)));
      }
    }
    tf.dispose([data.train.x, data.train.y, data.validation.x, data.validation.y]);
    const [plain, saving, progress] = [times.plain, times.saving, times.progress];
    const batches = epochs * Math.ceil(8000 / 128);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    results.plainMs = median(plain);
    results.checkpointMs = median(saving);
    results.checkpointOverhead = median(saving.map((ms, round) => ms / plain[round] - 1));
    results.checkpointMsPerSave = median(saving.map((ms, round) => (ms - plain[round]) / epochs));
    results.progressMs = median(progress);
    results.progressCostPerBatchMs = median(progress.map((ms, round) => (ms - plain[round]) / batches));
    results.checkpointBytes = savedBytes;
    results.saves = saves;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (!process.argv.includes('--skip-default')) {
    const workspace = mkdtempSync(nodePath.join(os.tmpdir(), 'workbench-bench-ws-'));
    const start = performance.now();
    const run = spawnSync(process.execPath, [nodePath.resolve(__dirname, '../../electron/node/cli/workbench.cjs'), 'train', '--workspace', workspace], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    results.defaultExperimentSeconds = (performance.now() - start) / 1000;
    results.defaultExperimentExitCode = run.status ?? -1;
    const evaluation = spawnSync(
      process.execPath,
      [nodePath.resolve(__dirname, '../../electron/node/cli/workbench.cjs'), 'evaluate', (/^Run (\S+)/m.exec(run.stdout) ?? [])[1] ?? 'none', '--workspace', workspace, '--json'],
      { encoding: 'utf8' },
    );
    try {
      results.defaultExperimentTestAccuracy = JSON.parse(evaluation.stdout).metrics.acc;
    } catch {
      results.defaultExperimentTestAccuracy = NaN;
    }
    rmSync(workspace, { recursive: true, force: true });
  }

  console.log(`backend: ${report.selected}; MNIST MLP 784-128-10, batch 128, ${epochs} epochs of 8000 samples + validation`);
  console.log(`medians of ${rounds} rounds (overheads: of the ratios within each round)`);
  console.log(`fit without callbacks:            ${(results.plainMs / 1000).toFixed(2)} s`);
  console.log(`fit + ModelCheckpoint every epoch: ${(results.checkpointMs / 1000).toFixed(2)} s  -> overhead ${(results.checkpointOverhead * 100).toFixed(1)}% (target < 3%), ${results.checkpointMsPerSave.toFixed(1)} ms per save of ${(results.checkpointBytes / 1e6).toFixed(2)} MB (${results.saves / rounds} per fit)`);
  console.log(`fit + engine progress callback:   ${(results.progressMs / 1000).toFixed(2)} s  -> ${(results.progressCostPerBatchMs * 1000).toFixed(0)} µs per batch`);
  if (results.defaultExperimentSeconds !== undefined) {
    console.log(`default experiment (workbench train): ${results.defaultExperimentSeconds.toFixed(0)} s, exit ${results.defaultExperimentExitCode}, best checkpoint test accuracy ${(results.defaultExperimentTestAccuracy * 100).toFixed(2)}%`);
  }
  console.log(JSON.stringify(results));
}

void main();
