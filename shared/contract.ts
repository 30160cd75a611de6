/**
 * The typed contract between the renderer and the engine, defined once and used by the preload
 * bridge, the Electron main process and the browser-mode server alike.
 *
 * Calls: one request object in, one `Result` out. Requests are validated against these schemas
 * where they arrive (the renderer is untrusted). Events: `training:event` carries EngineEvents;
 * `on(event, listener)` returns its unsubscribe function. The renderer names runs and checkpoints by
 * id; paths are resolved and confined by the engine.
 */
import { z } from 'zod';
import type { BackendReport } from './backend-report';
import type { BuiltinDatasetEntry } from './dataset';
import type { EngineEvent } from './engine-events';
import type { ErrorData } from './errors';
import type { EvaluationResult, PredictionResult } from './inference';
import type { ConfigIssue, RunConfig } from './run-config';
import type { HistoryEntry, RunRecord } from './run-record';
import type { CheckpointSummary } from './checkpoint-record';

/** A call's outcome as it crosses a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Run ids are folder names made by the engine: letters, digits, dot, dash, underscore. */
export const runIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a run id (letters, digits, . _ -)');
/** Checkpoint ids are paths relative to a run's checkpoints folder, without `..` or a leading `/`. */
export const checkpointIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((id) => !id.split('/').some((part) => part === '..' || part === '' || part === '.') && !id.includes('\\'), 'a checkpoint id (a relative path without ..)');

const runId = runIdSchema;
const checkpointId = checkpointIdSchema;

/** A checkpoint policy's cadence, as the run configuration's `checkpoint.saveFreq`: 'epoch' or every N batches. */
const saveFreq = z.union([z.literal('epoch'), z.number().int().min(1)]);

/** One input for prediction: a flat feature vector (28*28 pixels in [0,1] for MNIST). */
const featureVector = z.array(z.number().finite()).min(1).max(100_000);

/** Request schemas, by channel. */
export const requestSchemas = {
  'runs:list': z.object({}).strict(),
  'runs:get': z.object({ runId }).strict(),
  'training:start': z.object({ config: z.unknown() }).strict(),
  'training:validate': z.object({ config: z.unknown() }).strict(),
  'training:stop': z.object({ runId }).strict(),
  /** `epochs`: train up to this many epochs in total, to extend a completed run; defaults to the run's own. */
  'training:resume': z.object({ runId, checkpointId: checkpointId.optional(), epochs: z.number().int().min(1).max(100_000).optional() }).strict(),
  'checkpoints:list': z.object({ runId }).strict(),
  /** `saveFreq`: the policy's cadence, so a batch-level template previews with `{batch}` and training logs. Defaults to 'epoch'. */
  'checkpoints:preview-path': z.object({ template: z.string().max(1000), monitor: z.string().max(200), saveFreq: saveFreq.optional() }).strict(),
  /** Shows a checkpoint's folder in the system file manager (desktop app only). */
  'checkpoints:reveal': z.object({ runId, checkpointId }).strict(),
  'inference:evaluate': z.object({ runId, checkpointId }).strict(),
  'inference:predict': z.object({ runId, checkpointId, inputs: z.array(featureVector).min(1).max(64) }).strict(),
  'datasets:list': z.object({}).strict(),
  /** Asks the person for a CSV file in the system's file dialog (desktop app only). */
  'dialog:open-csv': z.object({}).strict(),
  'system:info': z.object({}).strict(),
  'settings:get': z.object({}).strict(),
  'settings:set': z.object({ lastRunConfig: z.unknown().optional(), workspace: z.string().max(4096).optional() }).strict(),
} as const;

/** Every call channel. */
export type RequestChannel = keyof typeof requestSchemas;

/**
 * Channels only the desktop app answers (its main process uses the system's file manager and file
 * dialogs); the browser-mode server refuses them and the engine never receives them.
 */
export const DESKTOP_CHANNELS = ['checkpoints:reveal', 'dialog:open-csv'] as const satisfies readonly RequestChannel[];

/** A channel only the desktop app answers. */
export type DesktopChannel = (typeof DESKTOP_CHANNELS)[number];

/** Channels a host answers itself, never the engine: settings (both hosts) and the desktop channels. */
export const HOST_CHANNELS = ['settings:get', 'settings:set', ...DESKTOP_CHANNELS] as const satisfies readonly RequestChannel[];

/** A channel a host answers itself. */
export type HostChannel = (typeof HOST_CHANNELS)[number];

/** Whether a string names a channel that a host answers itself (see {@link HOST_CHANNELS}). */
export function isHostChannel(value: unknown): value is HostChannel {
  return typeof value === 'string' && (HOST_CHANNELS as readonly string[]).includes(value);
}

/** A run with its history: the snapshot a chart fetches before subscribing. */
export interface RunSnapshot {
  run: RunRecord;
  history: HistoryEntry[];
}

/** A checkpoint as the renderer sees it: by id, without engine paths. */
export interface CheckpointView extends Omit<CheckpointSummary, 'dir'> {
  /** Result of verifying sizes and checksums, when checked. */
  integrity: 'ok' | 'corrupt' | 'unchecked';
  /** The problem, when corrupt. */
  problem?: string;
}

/** What the engine knows about itself. */
export interface SystemInfo {
  backend: BackendReport | null;
  workspace: string;
  versions: Record<string, string>;
  /**
   * 'electron' or 'browser': what the UI may offer (the desktop channels, `checkpoints:reveal` and
   * `dialog:open-csv`, in Electron; copy path and typed paths in the browser).
   */
  host: 'electron' | 'browser';
}

/** Settings that persist across sessions. */
export interface Settings {
  workspace: string;
  lastRunConfig: unknown | null;
  /**
   * Something the user should be told about the settings themselves, e.g. that an unreadable
   * settings file was reset to defaults (and where the old copy was kept). Absent when all is well.
   */
  notice?: string;
}

/** Response types, by channel. */
export interface ResponseTypes {
  'runs:list': RunRecord[];
  'runs:get': RunSnapshot;
  'training:start': { runId: string };
  'training:validate': { ok: true; config: RunConfig } | { ok: false; issues: ConfigIssue[] };
  'training:stop': { stopping: boolean };
  'training:resume': { runId: string };
  'checkpoints:list': CheckpointView[];
  'checkpoints:preview-path': { path: string } | { error: string };
  'checkpoints:reveal': { revealed: true };
  'inference:evaluate': EvaluationResult;
  'inference:predict': PredictionResult;
  'datasets:list': BuiltinDatasetEntry[];
  /** The file the person picked (a path the renderer may use: the person chose it), or that they canceled. */
  'dialog:open-csv': { path: string } | { canceled: true };
  'system:info': SystemInfo;
  'settings:get': Settings;
  'settings:set': Settings;
}

/** The request type of a channel. */
export type RequestOf<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;

/** Event channels and their payloads. */
export interface EventTypes {
  'training:event': EngineEvent;
  /** The engine process died or restarted; the UI shows it instead of hanging. */
  'engine:status': { state: 'ready' | 'crashed' | 'restarting'; message?: string };
}

/** Every event channel. */
export type EventChannel = keyof EventTypes;

/** Every event channel, at run time (a bridge subscribes only to these). */
export const EVENT_CHANNELS = ['training:event', 'engine:status'] as const satisfies readonly EventChannel[];

// Fails to compile when an event channel is added to EventTypes but not to EVENT_CHANNELS.
const everyEventChannelListed: Record<Exclude<EventChannel, (typeof EVENT_CHANNELS)[number]>, never> = {};
void everyEventChannelListed;

/** Whether a string names a known event channel. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

/** The API the renderer sees as `window.workbench` (Electron) or over WebSocket (browser). */
export interface WorkbenchApi {
  call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseTypes[C]>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventTypes[E]) => void): () => void;
}

/**
 * Validates a request that arrived from an untrusted side. Returns the parsed request, or an error
 * naming the channel and the offending field.
 */
export function validateRequest<C extends RequestChannel>(channel: C, payload: unknown): Result<z.output<(typeof requestSchemas)[C]>> {
  if (!Object.prototype.hasOwnProperty.call(requestSchemas, channel)) {
    return { ok: false, error: { code: 'CONFIG', message: `Unknown channel '${String(channel)}'.` } };
  }
  return validateWithSchema(channel, requestSchemas[channel], payload) as Result<z.output<(typeof requestSchemas)[C]>>;
}

/**
 * Validates a request on `channel` against `schema`: the parsed request, or an error naming the
 * channel and the first offending field.
 *
 * @example validateWithSchema('runs:get', requestSchemas['runs:get'], { runId: 42 })
 *   -> { ok: false, error: { code: 'CONFIG', message: "Invalid 'runs:get' request: runId: Invalid input: expected string, received number" } }
 */
export function validateWithSchema<S extends z.ZodType>(channel: string, schema: S, payload: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : '(request)';
  return { ok: false, error: { code: 'CONFIG', message: `Invalid '${channel}' request: ${where}: ${issue.message}` } };
}

/** Whether a string names a known call channel. */
export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, value);
}
