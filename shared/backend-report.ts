/**
 * Which TensorFlow.js backend the engine trains on, and why the faster ones were not used.
 * Plain data: built by `electron/node/backends/select-backend.ts`, sent to the renderer as is.
 */

/**
 * The backends the engine can train on, in the order `auto` tries them (fastest first):
 * `tfjs-node-gpu` (TensorFlow C library with CUDA), `tfjs-node` (TensorFlow C library on the CPU),
 * `wasm` (XNNPACK in WebAssembly, one thread in Node) and `cpu` (plain JavaScript).
 */
export const BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;

/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What a user may ask for: one backend by name, or `auto` for the fastest one that loads. */
export type BackendRequest = BackendName | 'auto';

/** `selected`: in use. `failed`: tried and could not be loaded. `skipped`: not tried. */
export type BackendAttemptStatus = 'selected' | 'failed' | 'skipped';

/** What happened to one backend during selection. */
export interface BackendAttempt {
  backend: BackendName;
  status: BackendAttemptStatus;
  /**
   * Why it failed or was skipped, in words a user can act on, e.g.
   * `libcudart.so.11.0 is missing: tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1`.
   * Absent when selected.
   */
  reason?: string;
  /** The first line of the error that made it fail, verbatim. Only for `failed`. */
  error?: string;
}

/** Details that only the wasm backend has. */
export interface WasmBackendDetails {
  /** Whether the SIMD build of the wasm binary is in use (about 2-3x faster than the plain one). */
  simd: boolean;
  /** Folder the `.wasm` binaries were loaded from. */
  binaryDir: string;
  /** Whether the workbench's training kernels are registered (Conv2D/depthwise/Embedding gradients, fast matmul). */
  trainingKernels: boolean;
}

/** The outcome of backend selection. */
export interface BackendReport {
  /** What was asked for. */
  requested: BackendRequest;
  /** The backend in use. */
  selected: BackendName;
  /** The name TensorFlow.js knows it by (`tf.getBackend()`): `tensorflow`, `wasm` or `cpu`. */
  tfjsBackend: string;
  /** One entry per backend in {@link BACKEND_NAMES} order. */
  attempts: BackendAttempt[];
  /** Present when `selected` is `wasm`. */
  wasm?: WasmBackendDetails;
}

/**
 * One line per backend, for logs and the CLI.
 *
 * @example
 * formatBackendReport({ requested: 'auto', selected: 'wasm', tfjsBackend: 'wasm', attempts: [
 *   { backend: 'tfjs-node-gpu', status: 'failed', reason: 'not installed' },
 *   { backend: 'tfjs-node', status: 'failed', reason: 'not installed' },
 *   { backend: 'wasm', status: 'selected' },
 *   { backend: 'cpu', status: 'skipped', reason: 'wasm was selected first' }] })
 * -> 'backend: wasm (requested: auto)\n' +
 *    '  tfjs-node-gpu  failed    not installed\n' +
 *    '  tfjs-node      failed    not installed\n' +
 *    '  wasm           selected\n' +
 *    '  cpu            skipped   wasm was selected first'
 */
export function formatBackendReport(report: BackendReport): string {
  const width = Math.max(...BACKEND_NAMES.map((name) => name.length)) + 2;
  const lines = report.attempts.map((attempt) => {
    const head = `  ${attempt.backend.padEnd(width)}${attempt.status}`;
    return attempt.reason === undefined ? head : `${head.padEnd(width + 12)}${attempt.reason}`;
  });
  return [`backend: ${report.selected} (requested: ${report.requested})`, ...lines].join('\n');
}
