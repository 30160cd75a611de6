/**
 * Messages between a host (the Electron main process, or the browser-mode server) and the engine
 * process it runs (an Electron utilityProcess, or a forked Node child). Plain data both ways.
 */
import { z } from 'zod';
import type { ErrorData } from './errors';
import {
  checkpointIdSchema,
  runIdSchema,
  validateRequest,
  validateWithSchema,
  type requestSchemas,
  type EventChannel,
  type HostChannel,
  type RequestChannel,
  type ResponseTypes,
  type Result,
} from './contract';

/**
 * Calls a host makes to the engine on its own behalf. They are not part of the renderer's contract:
 * not on `window.workbench`, not registered with `ipcMain`, refused by the browser-mode server,
 * because their answers hold engine paths the renderer never receives.
 */
export const hostCallSchemas = {
  /** The absolute folder of an existing checkpoint, confined to its run (for the desktop app's reveal). */
  'checkpoints:locate': z.object({ runId: runIdSchema, checkpointId: checkpointIdSchema }).strict(),
} as const;

/** A call only a host makes. */
export type HostCallChannel = keyof typeof hostCallSchemas;

/** Response types of the host calls, by channel. */
export interface HostCallResponseTypes {
  'checkpoints:locate': { dir: string };
}

/** Every channel the engine answers: the contract's, less those hosts answer, plus the host calls. */
export type EngineChannel = Exclude<RequestChannel, HostChannel> | HostCallChannel;

/** Anything a host may send in a `call` message (the engine refuses the host channels itself). */
export type EngineCallChannel = RequestChannel | HostCallChannel;

/** Response types of every channel the engine answers. */
export type EngineResponseTypes = Omit<ResponseTypes, HostChannel> & HostCallResponseTypes;

/** The validated request of an engine channel. */
export type EngineRequestOf<C extends EngineChannel> = C extends HostCallChannel
  ? z.output<(typeof hostCallSchemas)[C]>
  : C extends RequestChannel
    ? z.output<(typeof requestSchemas)[C]>
    : never;

/** Whether a string names a host call (see {@link hostCallSchemas}). */
export function isHostCallChannel(value: unknown): value is HostCallChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(hostCallSchemas, value);
}

/**
 * Validates a call that reached the engine: a contract channel against its schema (as
 * `validateRequest`), or a host call against {@link hostCallSchemas}.
 */
export function validateEngineCall(channel: unknown, payload: unknown): Result<unknown> {
  if (isHostCallChannel(channel)) return validateWithSchema(channel, hostCallSchemas[channel], payload);
  return validateRequest(channel as RequestChannel, payload);
}

/** Host -> engine. */
export type HostToEngineMessage =
  /** A call already validated by the host; `id` pairs it with its result. */
  | { kind: 'call'; id: number; channel: EngineCallChannel; request: unknown }
  /** Stop: with `graceful`, running trainings finish their epoch and pending checkpoint writes first. */
  | { kind: 'shutdown'; graceful: boolean };

/** Engine -> host. */
export type EngineToHostMessage =
  | { kind: 'ready'; pid: number }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; channel: EventChannel; payload: unknown }
  | { kind: 'shutdown-complete' }
  | { kind: 'fatal'; error: ErrorData };

/** Environment variable that tells the engine process its workspace folder. */
export const ENGINE_WORKSPACE_ENV = 'WORKBENCH_WORKSPACE';
/** Environment variable that tells the engine process which backend to use by default (`auto` when unset). */
export const ENGINE_BACKEND_ENV = 'WORKBENCH_BACKEND';
/** Environment variable with the folder of the tfjs `.wasm` binaries (set by a packaged app). */
export const ENGINE_WASM_DIR_ENV = 'WORKBENCH_WASM_DIR';
/**
 * Environment variable with the folder of the `mnist` package's digit files (`0.json` ... `9.json`),
 * set by the Electron host (the packaged app ships them in its resources folder). Unset: the engine
 * reads the installed `mnist` package.
 */
export const ENGINE_MNIST_DIR_ENV = 'WORKBENCH_MNIST_DIR';
/** Environment variable naming the engine's host, `electron` or `browser` (what `system:info` reports). */
export const ENGINE_HOST_ENV = 'WORKBENCH_HOST';
