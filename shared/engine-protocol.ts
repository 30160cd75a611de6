/**
 * Messages between a host (the Electron main process, or the browser-mode server) and the engine
 * process it runs (an Electron utilityProcess, or a forked Node child). Plain data both ways.
 */
import type { ErrorData } from './errors';
import type { EventChannel, RequestChannel, Result } from './contract';

/** Host -> engine. */
export type HostToEngineMessage =
  /** A contract call already validated by the host; `id` pairs it with its result. */
  | { kind: 'call'; id: number; channel: RequestChannel; request: unknown }
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
