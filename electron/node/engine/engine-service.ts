/**
 * The engine behind the contract: answers every call channel except those a host answers itself
 * (settings, the desktop's file manager and dialogs), plus the hosts' own calls
 * (`checkpoints:locate`), and emits `training:event`s. Hosted by Electron's utility process, the
 * browser-mode server's child process, or a test, through the same methods.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendReport } from '../../../shared/backend-report';
import type { LogRecord } from '../../../shared/checkpoint-record';
import type { CheckpointView, EventChannel, EventTypes, SystemInfo } from '../../../shared/contract';
import type { EngineChannel, EngineRequestOf, EngineResponseTypes } from '../../../shared/engine-protocol';
import { ConfigError, toErrorData } from '../../../shared/errors';
import { parseRunConfig } from '../../../shared/run-config';
import { verifyCheckpoint } from '../checkpoint-io/checkpoint-reader';
import { openStore } from '../checkpoint-io/checkpoint-store';
import { formatCheckpointPath } from '../checkpoint/checkpoint-path';
import { listBuiltinDatasets } from '../data/list-builtin-datasets';
import { checkpointIssuePath } from './checkpoint-issue-path';
import type { EngineContext } from './engine-context';
import { InferenceService } from './inference-service';
import type { RunStore } from './run-store';
import { resumeTraining, startTraining, validateRunConfig, type TrainingSession } from './trainer';

/** Sample epoch logs used to preview a template's name. */
const PREVIEW_LOGS: LogRecord = { loss: 0.1234, acc: 0.9623, mae: 0.2468, val_loss: 0.2345, val_acc: 0.9512, val_mae: 0.3579 };
/** Sample batch logs: a batch-level save sees training metrics only (no `val_*`), as in Keras. */
const PREVIEW_BATCH_LOGS: LogRecord = Object.fromEntries(Object.entries(PREVIEW_LOGS).filter(([key]) => !key.startsWith('val_')));

type Request<C extends EngineChannel> = EngineRequestOf<C>;
type Response<C extends EngineChannel> = EngineResponseTypes[C];

/** Options of {@link EngineService}. */
export interface EngineServiceArgs {
  store: RunStore;
  emit: <E extends EventChannel>(channel: E, payload: EventTypes[E]) => void;
  host: SystemInfo['host'];
  wasmDir?: string;
  mnistDir?: string;
}

/** Answers contract calls with the engine. */
export class EngineService {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly inference: InferenceService;
  private readonly ctx: EngineContext;
  private lastBackend: BackendReport | null = null;
  /** Verification results per run, by checkpoint folder and creation time (a rewritten `last` is checked again). */
  private readonly integrity = new Map<string, Map<string, { ok: boolean; problem?: string }>>();

  constructor(private readonly args: EngineServiceArgs) {
    this.ctx = {
      store: args.store,
      emit: (event) => {
        if (event.type === 'run-started') this.lastBackend = event.run.backend;
        if (event.type === 'run-finished' || event.type === 'run-failed') this.sessions.delete(event.runId);
        args.emit('training:event', event);
      },
      wasmDir: args.wasmDir,
      mnistDir: args.mnistDir,
    };
    this.inference = new InferenceService(this.ctx);
  }

  /** Whether a run is training in this engine (for liveness checks of run records). */
  isTraining(runId: string): boolean {
    return this.sessions.has(runId);
  }

  /** Whether any run is training. */
  get busy(): boolean {
    return this.sessions.size > 0;
  }

  /** Answers one call; `request` has been validated against the channel's schema. */
  async handle<C extends EngineChannel>(channel: C, request: Request<C>): Promise<Response<C>> {
    const handler = this.handlers[channel] as (request: Request<C>) => Promise<Response<C>>;
    if (!handler) throw new ConfigError(`The engine does not answer '${channel}'.`);
    return handler(request);
  }

  /** Stops every training (gracefully: epochs finish, checkpoint writes complete) and waits. */
  async shutdown(): Promise<void> {
    const running = [...this.sessions.values()];
    running.forEach((session) => session.stop());
    await Promise.all(running.map((session) => session.done));
    this.inference.dispose();
  }

  private readonly handlers: { [C in EngineChannel]: (request: Request<C>) => Promise<Response<C>> } = {
    'runs:list': async () => this.args.store.listRecords(),
    'runs:get': async ({ runId }) => ({ run: await this.args.store.readRecord(runId), history: await this.args.store.readHistory(runId) }),
    'training:validate': async ({ config }) => {
      const parsed = parseRunConfig(config);
      if (!parsed.ok) return parsed;
      try {
        return { ok: true as const, config: validateRunConfig(config) };
      } catch (error) {
        // ModelCheckpoint names the option it refuses: the issue goes to that field.
        const { message } = toErrorData(error);
        return { ok: false as const, issues: [{ path: checkpointIssuePath(message), message }] };
      }
    },
    'training:start': async ({ config }) => this.track(await startTraining(this.ctx, config)),
    'training:resume': async ({ runId, checkpointId, epochs }) => this.track(await resumeTraining(this.ctx, { runId, checkpointId, epochs })),
    'training:stop': async ({ runId }) => {
      const session = this.sessions.get(runId);
      if (!session) throw new ConfigError(`Run ${runId} is not training in this engine; nothing to stop.`);
      session.stop();
      return { stopping: true };
    },
    'checkpoints:list': async ({ runId }) => this.listCheckpoints(runId),
    'checkpoints:preview-path': async ({ template, saveFreq = 'epoch' }) => {
      // A batch-level save: the first one, at batch `saveFreq` of epoch 1, with batch logs.
      const batch = saveFreq === 'epoch' ? null : saveFreq - 1;
      try {
        return { path: formatCheckpointPath(template, 0, batch, batch === null ? PREVIEW_LOGS : PREVIEW_BATCH_LOGS) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    },
    'checkpoints:locate': async ({ runId, checkpointId }) => {
      await this.args.store.readRecord(runId);
      return { dir: await this.args.store.locateCheckpoint(runId, checkpointId) };
    },
    'inference:evaluate': async ({ runId, checkpointId }) => this.inference.evaluate(runId, checkpointId),
    'inference:predict': async ({ runId, checkpointId, inputs }) => this.inference.predict(runId, checkpointId, inputs),
    'datasets:list': async () => listBuiltinDatasets(),
    'system:info': async () => ({
      backend: this.lastBackend,
      workspace: this.args.store.workspace,
      versions: { node: process.versions.node, tfjs: tf.version.tfjs, ...(process.versions.electron ? { electron: process.versions.electron } : {}) },
      host: this.args.host,
    }),
  };

  private track(session: TrainingSession): { runId: string } {
    this.sessions.set(session.runId, session);
    void session.done.finally(() => this.sessions.delete(session.runId));
    return { runId: session.runId };
  }

  private async listCheckpoints(runId: string): Promise<CheckpointView[]> {
    await this.args.store.readRecord(runId);
    const listing = await openStore(this.args.store.checkpointsDir(runId));
    const views: CheckpointView[] = [];
    const known = this.integrity.get(runId) ?? new Map<string, { ok: boolean; problem?: string }>();
    // Only the checkpoints listed now are remembered, so the cache never outgrows the run.
    const current = new Map<string, { ok: boolean; problem?: string }>();
    for (const { dir, ...summary } of listing.checkpoints) {
      const key = `${dir}\0${summary.sidecar.createdAt}`;
      let checked = known.get(key);
      if (!checked) {
        try {
          await verifyCheckpoint(dir);
          checked = { ok: true };
        } catch (error) {
          checked = { ok: false, problem: toErrorData(error).message };
        }
      }
      current.set(key, checked);
      views.push({ ...summary, integrity: checked.ok ? 'ok' : 'corrupt', ...(checked.problem ? { problem: checked.problem } : {}) });
    }
    this.integrity.set(runId, current);
    for (const bad of listing.unreadable) {
      this.args.emit('training:event', { type: 'warning', runId, text: `Checkpoint ${bad.id} is unreadable: ${bad.error.message}` });
    }
    return views;
  }
}
