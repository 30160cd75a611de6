import * as path from 'node:path';
import util from 'node:util';

import * as tf from '@tensorflow/tfjs';
// Also registers the wasm backend (and its kernels) with tfjs.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import {
  BACKEND_NAMES,
  type BackendAttempt,
  type BackendName,
  type BackendReport,
  type BackendRequest,
  type WasmBackendDetails,
} from '../../../shared/backend-report';
import { BackendError, ConfigError } from '../../../shared/errors';
import { describeLoadError, type LoadFailure } from './describe-load-error';
import { installIsNullOrUndefined } from './node-util-shim';
import { registerWasmTrainingKernels, restoreStockWasmKernels, wasmTrainingKernelsRegistered } from './register-wasm-training-kernels';
import { defaultWasmBinaryDir, WASM_BINARY_NAMES, wasmBinaryPaths } from './wasm-binaries';

/** Loads a package by name; resolves once it is loaded, rejects with the loader's error. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

/** Options of {@link selectBackend}. */
export interface SelectBackendArgs {
  /**
   * The backend to use: one of `tfjs-node-gpu`, `tfjs-node`, `wasm`, `cpu`, which must then load
   * (else a `BackendError`), or `auto` for the first of them, in that order, that loads.
   * Defaults to `'auto'`.
   */
  backend?: BackendRequest;
  /**
   * Folder holding tfjs-backend-wasm's `.wasm` binaries. A packaged app copies them next to its
   * main.js and passes that folder. Used only the first time the wasm backend starts in a process.
   * Defaults to the installed package's `dist/` folder.
   */
  wasmBinaryDir?: string;
  /**
   * Loads the native packages. Tests pass a fake that throws the error to simulate.
   * Defaults to a dynamic `import()` of a variable specifier, so that neither tsc nor the bundler
   * requires the optional packages to exist.
   */
  loadModule?: ModuleLoader;
  /**
   * The environment `TF_FORCE_GPU_ALLOW_GROWTH=true` is set in (unless already set) before
   * tfjs-node-gpu loads; without it TensorFlow takes all GPU memory at start.
   * Defaults to `process.env`.
   */
  env?: Record<string, string | undefined>;
  /**
   * Whether the wasm backend gets the workbench's training kernels (see
   * `registerWasmTrainingKernels`); `false` puts the stock kernels back, for comparisons.
   * Defaults to `true`.
   */
  wasmTrainingKernels?: boolean;
}

const NATIVE_PACKAGES: Partial<Record<BackendName, string>> = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node',
};

/** The name tfjs registers each backend under. */
const TFJS_NAMES: Record<BackendName, string> = {
  'tfjs-node-gpu': 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

const INSTALL_HINTS: Record<BackendName, string> = {
  'tfjs-node-gpu': 'Install @tensorflow/tfjs-node-gpu with CUDA 11.2 and cuDNN 8.1',
  'tfjs-node': 'Install @tensorflow/tfjs-node',
  wasm: 'Reinstall @tensorflow/tfjs-backend-wasm or pass the folder of its .wasm files',
  cpu: 'Reinstall @tensorflow/tfjs',
};

// A variable specifier: tsc and Vite leave the optional native packages alone.
const importModule: ModuleLoader = (specifier) => import(specifier);

/** The folder the wasm binaries were loaded from, once this module started the wasm backend. */
let wasmDirInUse: string | undefined;

/**
 * Picks the TensorFlow.js backend to train on and makes it the active one, trying in order
 * `tfjs-node-gpu` (CUDA), `tfjs-node` (native CPU), `wasm` and `cpu`, or only the one asked for.
 * The report says, for every backend, whether it loaded and, if not, why
 * (`not installed (npm install @tensorflow/tfjs-node)`, `libcudart.so.11.0 is missing: ...`).
 *
 * Native packages are loaded with `util.isNullOrUndefined` restored (Node >= 23 dropped it) and,
 * for the GPU one, `TF_FORCE_GPU_ALLOW_GROWTH=true`. The wasm backend loads its binaries from
 * `wasmBinaryDir` and gets the workbench's training kernels.
 *
 * Idempotent: a second call with the same arguments finds everything in place and returns an
 * equal report. Concurrent calls run one after the other.
 *
 * @throws ConfigError when `backend` is not a known name.
 * @throws BackendError when the requested backend (or, for `auto`, every backend) fails to load;
 *   the message names it and the reason, `detail` holds the attempts.
 */
export function selectBackend(args: SelectBackendArgs = {}): Promise<BackendReport> {
  // The tfjs engine is global: selections run one after another, never interleaved.
  const run = queue.then(() => select(args));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function select(args: SelectBackendArgs): Promise<BackendReport> {
  const requested = args.backend ?? 'auto';
  if (requested !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new ConfigError(
      `Unknown backend '${String(requested)}': expected 'auto', ${BACKEND_NAMES.map((name) => `'${name}'`).join(', ')}.`,
    );
  }
  const attempts: BackendAttempt[] = [];
  let selected: BackendName | undefined;
  for (const backend of BACKEND_NAMES) {
    if (selected !== undefined) {
      attempts.push({ backend, status: 'skipped', reason: `${selected} was selected first` });
      continue;
    }
    if (requested !== 'auto' && backend !== requested) {
      attempts.push({ backend, status: 'skipped', reason: `${requested} was requested` });
      continue;
    }
    const failure = await tryBackend(backend, args);
    if (failure === undefined) {
      selected = backend;
      attempts.push({ backend, status: 'selected' });
    } else {
      attempts.push({ backend, status: 'failed', reason: failure.reason, ...(failure.error === '' ? {} : { error: failure.error }) });
    }
  }
  if (selected === undefined) {
    const failed = attempts.filter((attempt) => attempt.status === 'failed');
    const reasons = failed.map((attempt) => `${attempt.backend}: ${attempt.reason}`).join('; ');
    const message = requested === 'auto'
      ? `No TensorFlow.js backend could be loaded (${reasons}).`
      : `Backend '${requested}' could not be loaded: ${failed[0].reason}. ` +
        `${INSTALL_HINTS[requested]}, or choose another backend: ` +
        `${['auto', ...BACKEND_NAMES.filter((name) => name !== requested)].map((name) => `'${name}'`).join(', ')}.`;
    throw new BackendError(message, { requested, attempts });
  }
  const report: BackendReport = { requested, selected, tfjsBackend: tf.getBackend(), attempts };
  if (selected === 'wasm') report.wasm = await wasmDetails();
  return report;
}

async function tryBackend(backend: BackendName, args: SelectBackendArgs): Promise<LoadFailure | undefined> {
  const specifier = NATIVE_PACKAGES[backend];
  if (specifier !== undefined) {
    const env = args.env ?? process.env;
    if (backend === 'tfjs-node-gpu' && env.TF_FORCE_GPU_ALLOW_GROWTH === undefined) env.TF_FORCE_GPU_ALLOW_GROWTH = 'true';
    installIsNullOrUndefined(util);
    try {
      await (args.loadModule ?? importModule)(specifier);
    } catch (error) {
      return describeLoadError(specifier, error);
    }
  }
  if (backend === 'wasm') {
    const failure = prepareWasm(args);
    if (failure !== undefined) return failure;
  }
  return activate(TFJS_NAMES[backend]);
}

/** Points tfjs at the wasm binaries (before the backend first starts) and sets the kernels up. */
function prepareWasm(args: SelectBackendArgs): LoadFailure | undefined {
  if (args.wasmTrainingKernels ?? true) registerWasmTrainingKernels();
  else restoreStockWasmKernels();
  if (tf.engine().registry.wasm !== undefined) return undefined; // already running
  let dir: string;
  try {
    dir = args.wasmBinaryDir ?? defaultWasmBinaryDir();
  } catch (error) {
    return { reason: 'the @tensorflow/tfjs-backend-wasm package cannot be found; pass the folder of its .wasm files', error: firstLine(error) };
  }
  const paths = wasmBinaryPaths(dir);
  if (paths['tfjs-backend-wasm.wasm'] === undefined && paths['tfjs-backend-wasm-simd.wasm'] === undefined) {
    return { reason: `no tfjs-backend-wasm .wasm binaries in ${dir}`, error: '' };
  }
  // tfjs picks the SIMD binary whenever the runtime supports SIMD; fall back to the plain one if
  // only that was shipped.
  if (paths['tfjs-backend-wasm-simd.wasm'] === undefined) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  // A file map must name all three binaries; the threaded one is never used in Node.
  setWasmPaths(Object.fromEntries(WASM_BINARY_NAMES.map((name) => [name, paths[name] ?? path.join(dir, name)])));
  wasmDirInUse = dir;
  return undefined;
}

/**
 * Makes `name` the active tfjs backend. A backend that has not started yet gets its factory
 * wrapped once, so that the error it fails with reaches the report (tfjs itself only logs it).
 */
async function activate(name: string): Promise<LoadFailure | undefined> {
  const engine = tf.engine();
  const registration = engine.registryFactory[name];
  if (registration === undefined) {
    return {
      reason: `the package loaded but registered no '${name}' backend with this copy of @tensorflow/tfjs (two tfjs versions installed?)`,
      error: '',
    };
  }
  let initError: unknown;
  if (engine.registry[name] === undefined) {
    const factory = registration.factory;
    tf.removeBackend(name);
    tf.registerBackend(
      name,
      async () => {
        try {
          return await factory();
        } catch (error) {
          initError = error;
          throw error;
        }
      },
      registration.priority,
    );
  }
  if (await tf.setBackend(name)) return undefined;
  const error = initError === undefined ? `the '${name}' backend did not initialise` : firstLine(initError);
  return { reason: `failed to initialise: ${error}`, error };
}

async function wasmDetails(): Promise<WasmBackendDetails> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return {
    simd,
    binaryDir: wasmDirInUse ?? 'unknown (started before backend selection)',
    trainingKernels: wasmTrainingKernelsRegistered(),
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
}
