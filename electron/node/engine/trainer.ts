/**
 * Starts, runs, stops and resumes training runs: validates the configuration, picks the backend,
 * loads the data, builds the model, and trains with ModelCheckpoint while recording the run.
 */
import * as os from 'node:os';
import * as nodePath from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendReport } from '../../../shared/backend-report';
import type { CheckpointEvent } from '../../../shared/checkpoint-events';
import type { ModelCheckpointState } from '../../../shared/checkpoint-record';
import type { Dataset } from '../../../shared/dataset';
import { ConfigError, toErrorData } from '../../../shared/errors';
import { isImprovement } from '../../../shared/monitor-direction';
import { parseRunConfig, type RunConfig } from '../../../shared/run-config';
import type { RunRecord } from '../../../shared/run-record';
import { useBackend } from './use-backend';
import { ModelCheckpoint } from '../checkpoint/model-checkpoint';
import { FileCheckpointSaver } from '../checkpoint/file-checkpoint-saver';
import { loadResumePoint } from '../checkpoint/resume-point';
import { listCheckpoints } from '../checkpoint-io/checkpoint-store';
import { sweepTemporaries } from '../checkpoint-io/sweep-temporaries';
import { loadDataset } from '../data/load-dataset';
import { toTensors } from '../data/to-tensors';
import type { EngineContext } from './engine-context';
import { buildModel, compileForTask, summarizeModel } from './model-presets';
import { loggedMetricNames } from '../../../shared/logged-metrics';
import { augmentedBatches } from './augmented-batches';
import { ProgressCallback } from './progress-callback';

/** A run being trained. */
export interface TrainingSession {
  runId: string;
  /** Settles when training ends: the final record (completed, stopped or failed). Never rejects. */
  done: Promise<RunRecord>;
  /** Asks for a graceful stop: the current epoch finishes and pending checkpoint writes complete. */
  stop(): void;
  readonly stopping: boolean;
}

/** How to resume. */
export interface ResumeRequest {
  runId: string;
  /** Checkpoint id inside the run's checkpoints folder; defaults to `last`, else the newest. */
  checkpointId?: string;
  /** Train up to this many epochs in total (to extend a finished run). Defaults to the run's configured epochs. */
  epochs?: number;
}

/** Validates a run configuration and everything that can be checked before training starts. */
export function validateRunConfig(input: unknown): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) {
    throw new ConfigError(
      `Invalid run configuration: ${parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      { issues: parsed.issues },
    );
  }
  const { config } = parsed;
  // The checkpoint policy is validated by the callback itself, so the rules live in one place; with
  // the saver training uses (constructing it writes nothing), so its file-format rule applies too.
  new ModelCheckpoint({ ...policyArgs(config), saver: new FileCheckpointSaver(), onEvent: () => {} });
  return config;
}

/** Starts a new run; resolves once training has begun (setup errors reject, nothing half-made stays). */
export async function startTraining(ctx: EngineContext, configInput: unknown): Promise<TrainingSession> {
  const config = validateRunConfig(configInput);
  const backend = await useBackend(ctx.backendOverride ?? config.backend, ctx.wasmDir);
  const dataset = await loadRunDataset(config, ctx);
  checkMonitor(config, dataset);
  checkAugmentation(config, dataset);
  const model = await buildModel(config.model, dataset.info, config.training.seed);
  compileForTask(model, config.training, dataset.info.task);

  const now = (ctx.now ?? (() => new Date()))();
  const runId = await ctx.store.createRunFolder(config.name ?? `${dataset.info.name}-${config.model.preset}`, now);
  const record: RunRecord = {
    id: runId,
    name: config.name ?? `${dataset.info.name} ${config.model.preset.toUpperCase()}`,
    status: 'running',
    config,
    dataset: dataset.info,
    backend,
    model: summarizeModel(model),
    monitor: config.checkpoint.monitor,
    mode: 'min',
    metricNames: loggedMetricNames(dataset.info.task),
    createdAt: now.toISOString(),
    startedAt: now.toISOString(),
    endedAt: null,
    epochsCompleted: 0,
    pid: process.pid,
    host: os.hostname(),
    best: null,
    resumedFrom: null,
    error: null,
  };
  try {
    return await launch(ctx, { record, model, dataset, backend, initialEpoch: 0, totalEpochs: config.training.epochs, state: null });
  } catch (error) {
    // Nothing was trained: leave no empty run folder behind (a folder with anything in it stays).
    await ctx.store.removeEmptyRun(runId);
    throw error;
  }
}

/** Resumes a run from one of its checkpoints, in the same run folder. */
export async function resumeTraining(ctx: EngineContext, request: ResumeRequest): Promise<TrainingSession> {
  const previous = await ctx.store.readRecord(request.runId);
  if (previous.status === 'running') {
    throw new ConfigError(`Run ${request.runId} is still training (process ${previous.pid}); stop it before resuming.`);
  }
  const checkpointsDir = ctx.store.checkpointsDir(request.runId);
  await sweepTemporaries(checkpointsDir);
  const checkpointId = request.checkpointId ?? (await defaultResumeCheckpoint(checkpointsDir, request.runId));
  const dir = ctx.store.checkpointDir(request.runId, checkpointId);
  const config = previous.config;
  const backend = await useBackend(ctx.backendOverride ?? config.backend, ctx.wasmDir);
  const dataset = await loadRunDataset(config, ctx);
  const architecture = await buildModel(config.model, dataset.info, config.training.seed);
  compileForTask(architecture, config.training, dataset.info.task);
  const resume = await loadResumePoint(dir, { architecture, siblingsRoot: checkpointsDir }).catch((error: unknown) => {
    disposeModel(architecture);
    throw error;
  });
  // With its optimizer: Adam holds two variables from construction on.
  if (resume.model !== architecture) disposeModel(architecture);
  if (!resume.model.optimizer) compileForTask(resume.model, config.training, dataset.info.task);
  const totalEpochs = request.epochs ?? config.training.epochs;
  if (resume.initialEpoch >= totalEpochs) {
    disposeModel(resume.model);
    throw new ConfigError(
      `Checkpoint ${checkpointId} of run ${request.runId} is at epoch ${resume.initialEpoch} of ${totalEpochs}: nothing left to train. ` +
        `Pass a larger total (--epochs ${totalEpochs + 5}) to train further.`,
    );
  }
  await ctx.store.truncateHistory(request.runId, resume.initialEpoch);
  const now = (ctx.now ?? (() => new Date()))();
  const record: RunRecord = {
    ...previous,
    status: 'running',
    config: { ...config, training: { ...config.training, epochs: totalEpochs } },
    backend,
    startedAt: now.toISOString(),
    endedAt: null,
    epochsCompleted: resume.initialEpoch,
    pid: process.pid,
    host: os.hostname(),
    resumedFrom: { runId: request.runId, checkpointId },
    error: null,
  };
  if (!resume.optimizerRestored) {
    ctx.emit({ type: 'warning', runId: record.id, text: `Checkpoint ${checkpointId} has no optimizer state: the optimizer restarts from scratch.` });
  }
  return launch(ctx, { record, model: resume.model, dataset, backend, initialEpoch: resume.initialEpoch, totalEpochs, state: resume.state });
}

interface LaunchArgs {
  record: RunRecord;
  model: tf.LayersModel;
  dataset: Dataset;
  backend: BackendReport;
  initialEpoch: number;
  totalEpochs: number;
  state: ModelCheckpointState | null;
}

async function launch(ctx: EngineContext, args: LaunchArgs): Promise<TrainingSession> {
  const { model, dataset, initialEpoch, totalEpochs } = args;
  let record = args.record;
  const runId = record.id;
  const config = record.config;
  let stopRequested = false;
  const checkpointsDir = ctx.store.checkpointsDir(runId);

  // run.json writes are serialised: each one replaces the file atomically with the latest record.
  let writes: Promise<void> = Promise.resolve();
  const persist = () => {
    const snapshot = record;
    writes = writes.catch(() => {}).then(() => ctx.store.writeRecord(snapshot));
    return writes;
  };
  const emitCheckpoint = (event: CheckpointEvent) => {
    if (event.kind === 'save' && event.reason !== 'last' && event.value !== null) {
      const better = record.best === null || isImprovement(event.value, record.best.value, record.mode);
      if (better) {
        record = { ...record, best: { id: checkpointIdOf(checkpointsDir, event.dir), epoch: event.epoch ?? 0, value: event.value } };
        void persist().catch(() => {});
      }
    }
    ctx.emit({ type: 'checkpoint', runId, event });
  };
  let checkpoint: ModelCheckpoint;
  try {
    checkpoint = new ModelCheckpoint({ ...policyArgs(config), baseDir: checkpointsDir, verbose: 1, print: () => {}, onEvent: emitCheckpoint });
    await checkpoint.onTrainBegin();
  } catch (error) {
    disposeModel(model);
    throw error;
  }
  record = { ...record, mode: checkpoint.resolvedMode ?? 'min' };
  // The run's best checkpoint reference stays as run.json has it; save events keep it current.
  if (args.state) checkpoint.restoreState(args.state);
  await persist();

  const validation = toTensors(dataset.validation);
  const started = performance.now();
  const batchesPerEpoch = Math.ceil(dataset.train.size / config.training.batchSize);
  const progress = new ProgressCallback({
    stopRequested: () => stopRequested,
    batchEnd: (epoch, batch, logs, samplesPerSecond) =>
      ctx.emit({ type: 'batch-end', runId, epoch, batch, batchesPerEpoch, logs, samplesPerSecond }),
    epochEnd: async (epoch, logs) => {
      const elapsedMs = performance.now() - started;
      ctx.store.appendHistory(runId, { epoch, logs, elapsedMs, time: new Date().toISOString() });
      record = { ...record, epochsCompleted: epoch + 1 };
      await persist();
      ctx.emit({ type: 'epoch-end', runId, epoch, logs, elapsedMs });
    },
  });

  ctx.emit({ type: 'run-started', runId, run: record });
  // Progress first: the epoch's line and history come before the checkpoint decision, as in Keras.
  const callbacks = [progress, checkpoint];
  const done = (async (): Promise<RunRecord> => {
    try {
      if (config.training.augmentShift > 0) {
        const batches = augmentedBatches(dataset.train, {
          batchSize: config.training.batchSize,
          maxShift: config.training.augmentShift,
          seed: config.training.seed,
          shuffle: config.training.shuffle,
          firstEpoch: initialEpoch,
        });
        await model.fitDataset(batches, {
          epochs: totalEpochs,
          initialEpoch,
          // No batchesPerEpoch: tfjs then iterates the dataset anew each epoch (fresh shuffle and shifts).
          validationData: [validation.x, validation.y],
          callbacks,
          verbose: 0,
        });
      } else {
        const train = toTensors(dataset.train);
        try {
          await model.fit(train.x, train.y, {
            epochs: totalEpochs,
            initialEpoch,
            batchSize: config.training.batchSize,
            shuffle: config.training.shuffle,
            validationData: [validation.x, validation.y],
            callbacks,
            verbose: 0,
          });
        } finally {
          tf.dispose([train.x, train.y]);
        }
      }
      record = { ...record, status: stopRequested && record.epochsCompleted < totalEpochs ? 'stopped' : 'completed', endedAt: new Date().toISOString(), pid: null };
      await persist();
      ctx.emit({ type: 'run-finished', runId, run: record });
    } catch (error) {
      const data = toErrorData(error);
      record = { ...record, status: 'failed', endedAt: new Date().toISOString(), pid: null, error: data };
      await persist().catch(() => {});
      ctx.emit({ type: 'run-failed', runId, run: record, error: data });
    } finally {
      tf.dispose([validation.x, validation.y]);
      disposeModel(model);
    }
    return record;
  })();

  return {
    runId,
    done,
    stop: () => {
      stopRequested = true;
    },
    get stopping() {
      return stopRequested;
    },
  };
}

/** ModelCheckpoint options from a run's checkpoint policy (paths relative to the run's checkpoints folder). */
export function policyArgs(config: RunConfig) {
  const policy = config.checkpoint;
  return {
    filepath: policy.filepath,
    monitor: policy.monitor,
    mode: policy.mode,
    saveBestOnly: policy.saveBestOnly,
    saveWeightsOnly: policy.saveWeightsOnly,
    saveFreq: policy.saveFreq,
    saveTopK: policy.saveTopK,
    saveLast: policy.saveLast,
    everyNEpochs: policy.everyNEpochs,
    initialValueThreshold: policy.initialValueThreshold,
  };
}

/** Loads the data set of a config, in the layout its model preset needs. */
export async function loadRunDataset(config: RunConfig, ctx: Pick<EngineContext, 'mnistDir'>): Promise<Dataset> {
  const spec = { ...config.dataset } as Record<string, unknown>;
  if (spec.kind === 'mnist' && config.model.preset !== 'custom') spec.shape = config.model.preset === 'cnn' ? 'image' : 'flat';
  return loadDataset(spec, { mnistDigitsDir: ctx.mnistDir });
}

function checkAugmentation(config: RunConfig, dataset: Dataset): void {
  const { augmentShift } = config.training;
  if (augmentShift > 0 && (dataset.info.task !== 'classification' || dataset.info.featureShape.length !== 3)) {
    throw new ConfigError(
      `training.augmentShift (${augmentShift}) shifts images, but ${dataset.info.name} has samples of shape [${dataset.info.featureShape.join(', ')}]. ` +
        'Use it with image classification (mnist with the cnn preset), or set it to 0.',
    );
  }
}

function checkMonitor(config: RunConfig, dataset: Dataset): void {
  const names = loggedMetricNames(dataset.info.task);
  const { monitor } = config.checkpoint;
  if (names.includes(monitor)) return;
  const hint = monitor.replace('accuracy', 'acc');
  throw new ConfigError(
    `Checkpoint monitor '${monitor}' is not logged by this model; it logs ${names.join(', ')}.` +
      (names.includes(hint) ? ` TensorFlow.js calls accuracy 'acc': use '${hint}'.` : ''),
  );
}

async function defaultResumeCheckpoint(checkpointsDir: string, runId: string): Promise<string> {
  const listing = await listCheckpoints(checkpointsDir);
  const usable = listing.checkpoints.filter((c) => c.sidecar.kind !== 'placeholder');
  const last = usable.find((c) => c.id === 'last') ?? usable.at(-1);
  if (!last) throw new ConfigError(`Run ${runId} has no checkpoint to resume from (${checkpointsDir} is empty).`);
  return last.id;
}

/** Disposes a model and its optimizer (tfjs leaves an optimizer passed to compile() to its owner). */
export function disposeModel(model: tf.LayersModel): void {
  const { optimizer } = model;
  model.dispose();
  optimizer?.dispose();
}

function checkpointIdOf(checkpointsDir: string, dir: string): string {
  return nodePath.relative(checkpointsDir, dir).split(nodePath.sep).join('/');
}
