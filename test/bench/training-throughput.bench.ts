/**
 * Training throughput (samples/s through `model.fit`, Adam, softmax cross-entropy, batch 128) of an
 * MNIST-sized MLP (784-128-10) and a small MNIST CNN (conv 3x3x16, max-pool, conv 3x3x32, max-pool,
 * dense 10) on: the cpu backend, the stock wasm backend, and wasm with the workbench's kernels
 * (`registerWasmTrainingKernels`). Random data of MNIST shape; shuffling on, as in real training.
 * Every configuration compiles with the engine's Adam (`FusedAdamOptimizer`), which is tfjs's own
 * Adam unless the backend has the workbench's fused Adam kernel (only the last configuration).
 *
 * Each configuration runs in a child process of its own, so that kernel registrations and warm
 * caches do not leak from one to the next.
 *
 * Run: npx tsx test/bench/training-throughput.bench.ts [--seconds 4] [--profile] [--only mlp|cnn]
 *   --seconds  time measured per configuration (after a warm-up). Defaults to 4.
 *   --profile  also print where the time of the workbench-kernel runs goes, per wasm kernel.
 *   --only     run one model only.
 * Prints a table, then the numbers as JSON on the last line. Not a test: it asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';

import * as tf from '@tensorflow/tfjs';

import { selectBackend } from '../../electron/node/backends/select-backend';
import { FusedAdamOptimizer } from '../../electron/node/engine/fused-adam-optimizer';

type ModelName = 'mlp' | 'cnn';
type ConfigName = 'cpu' | 'wasm-stock' | 'wasm-workbench';

interface Job {
  model: ModelName;
  config: ConfigName;
  seconds: number;
  profile: boolean;
}

interface KernelTime {
  kernel: string;
  msPerStep: number;
  callsPerStep: number;
}

interface Result {
  model: ModelName;
  config: ConfigName;
  samplesPerSecond?: number;
  msPerStep?: number;
  steps?: number;
  error?: string;
  profile?: KernelTime[];
}

const BATCH = 128;
const CONFIGS: Record<ConfigName, { label: string; backend: 'cpu' | 'wasm'; kernels: boolean }> = {
  cpu: { label: 'cpu (stock)', backend: 'cpu', kernels: false },
  'wasm-stock': { label: 'wasm (stock)', backend: 'wasm', kernels: false },
  'wasm-workbench': { label: 'wasm + workbench kernels', backend: 'wasm', kernels: true },
};
/** The targets of the engine issue for wasm with the workbench kernels, samples/s on this machine. */
const TARGETS: Record<ModelName, number> = { mlp: 30_000, cnn: 600 };

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

function buildModel(name: ModelName): tf.LayersModel {
  const layers = name === 'mlp'
    ? [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ]
    : [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ];
  const model = tf.sequential({ layers });
  // The engine's Adam: one fused kernel per variable where the backend has it (wasm with the
  // workbench kernels), tfjs's own Adam elsewhere (cpu, stock wasm).
  model.compile({ optimizer: new FusedAdamOptimizer(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

function randomData(model: ModelName, samples: number): { x: tf.Tensor; y: tf.Tensor } {
  const shape = model === 'mlp' ? [samples, 784] : [samples, 28, 28, 1];
  return { x: tf.randomUniform(shape), y: tf.oneHot(tf.randomUniform([samples], 0, 10, 'int32'), 10) };
}

/** Wraps every kernel of `backend` with a timer; nested calls (kernels run by kernels) apart. */
function instrumentKernels(backend: string): Map<string, { calls: number; ms: number }> {
  const times = new Map<string, { calls: number; ms: number }>();
  let depth = 0;
  for (const kernel of tf.getKernelsForBackend(backend)) {
    const inner = kernel.kernelFunc;
    tf.unregisterKernel(kernel.kernelName, backend);
    tf.registerKernel({
      ...kernel,
      kernelFunc: (args) => {
        const start = performance.now();
        depth++;
        try {
          return inner(args);
        } finally {
          depth--;
          const key = depth > 0 ? `  inside: ${kernel.kernelName}` : kernel.kernelName;
          const entry = times.get(key) ?? { calls: 0, ms: 0 };
          entry.calls++;
          entry.ms += performance.now() - start;
          times.set(key, entry);
        }
      },
    });
  }
  return times;
}

async function fitSeconds(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const start = performance.now();
  await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
  return (performance.now() - start) / 1000;
}

/** Runs one configuration (in the child process). */
async function measure(job: Job): Promise<Result> {
  const config = CONFIGS[job.config];
  await selectBackend({ backend: config.backend, wasmTrainingKernels: config.kernels });
  const model = buildModel(job.model);
  // Warm-up: one batch (kernel setup, XNNPACK operators, optimizer slots), then time one more.
  const warm = randomData(job.model, BATCH);
  try {
    await fitSeconds(model, warm.x, warm.y);
  } catch (error) {
    return { model: job.model, config: job.config, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
  }
  const oneStep = await fitSeconds(model, warm.x, warm.y);
  tf.dispose([warm.x, warm.y]);
  // About half the time budget per epoch (at least one batch), repeated until the budget is spent.
  const stepsPerEpoch = Math.max(1, Math.min(50, Math.round(job.seconds / 2 / oneStep)));
  const data = randomData(job.model, stepsPerEpoch * BATCH);
  const times = job.profile ? instrumentKernels(tf.getBackend()) : undefined;
  let elapsed = 0;
  let steps = 0;
  do {
    elapsed += await fitSeconds(model, data.x, data.y);
    steps += stepsPerEpoch;
  } while (elapsed < job.seconds);
  const result: Result = {
    model: job.model,
    config: job.config,
    samplesPerSecond: Math.round((steps * BATCH) / elapsed),
    msPerStep: Number(((elapsed * 1000) / steps).toFixed(2)),
    steps,
  };
  if (times !== undefined) {
    result.profile = [...times.entries()]
      .map(([kernel, t]) => ({ kernel, msPerStep: Number((t.ms / steps).toFixed(3)), callsPerStep: Number((t.calls / steps).toFixed(1)) }))
      .sort((a, b) => b.msPerStep - a.msPerStep)
      .slice(0, 15);
  }
  return result;
}

function runChild(job: Job): Result {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', JSON.stringify(job)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (child.status !== 0 || line === undefined) {
    return { model: job.model, config: job.config, error: `child exited with ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  }
  return JSON.parse(line) as Result;
}

function printTable(results: Result[]): void {
  const rows = [['model', 'backend', 'samples/s', 'ms/step', 'vs cpu', 'vs wasm stock', 'target']];
  const notes: string[] = [];
  for (const r of results) {
    const cpu = results.find((o) => o.model === r.model && o.config === 'cpu')?.samplesPerSecond;
    const stock = results.find((o) => o.model === r.model && o.config === 'wasm-stock')?.samplesPerSecond;
    const speed = r.samplesPerSecond;
    const ratio = (base?: number) => (speed !== undefined && base !== undefined ? `${(speed / base).toFixed(1)}x` : '-');
    const target = r.config === 'wasm-workbench' && speed !== undefined
      ? `${TARGETS[r.model].toLocaleString('en-US')} (${speed >= TARGETS[r.model] ? 'met' : 'missed'})`
      : '';
    if (r.error !== undefined) notes.push(`(${notes.length + 1}) ${r.model} on ${CONFIGS[r.config].label}: ${r.error}`);
    rows.push([
      r.model,
      CONFIGS[r.config].label,
      speed === undefined ? `cannot train (${notes.length})` : speed.toLocaleString('en-US'),
      r.msPerStep === undefined ? '-' : r.msPerStep.toFixed(2),
      ratio(cpu),
      ratio(stock),
      target,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) {
    console.log(row.map((cell, c) => (c >= 2 && c <= 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
  }
  for (const note of notes) console.log(note);
  for (const r of results.filter((o) => o.profile !== undefined)) {
    console.log(`\nwhere the time goes: ${r.model}, ${CONFIGS[r.config].label} (${r.msPerStep} ms/step; "inside" = run by another kernel)`);
    for (const k of r.profile!) console.log(`  ${k.kernel.padEnd(40)} ${k.msPerStep.toFixed(3).padStart(8)} ms/step  ${k.callsPerStep} calls/step`);
  }
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    console.log(JSON.stringify(await measure(JSON.parse(process.argv[childIndex + 1]) as Job)));
    return;
  }
  const seconds = Number(argument('seconds', '4'));
  const profile = process.argv.includes('--profile');
  const only = argument('only', '');
  const models: ModelName[] = only === 'mlp' || only === 'cnn' ? [only] : ['mlp', 'cnn'];
  const results: Result[] = [];
  for (const model of models) {
    for (const config of Object.keys(CONFIGS) as ConfigName[]) {
      const result = runChild({ model, config, seconds, profile: profile && config === 'wasm-workbench' });
      results.push(result);
      const outcome = result.samplesPerSecond === undefined ? `cannot train (${result.error})` : `${result.samplesPerSecond} samples/s`;
      console.error(`${model} on ${CONFIGS[config].label}: ${outcome}`);
    }
  }
  printTable(results);
  console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, batch: BATCH, seconds, results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
