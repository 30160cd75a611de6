/** Hand-written fakes of the native tfjs packages' loading, for the backend selection tests. */
import * as tf from '@tensorflow/tfjs';

import type { ModuleLoader } from '../../../../electron/node/backends/select-backend';

export const GPU = '@tensorflow/tfjs-node-gpu';
export const NODE = '@tensorflow/tfjs-node';

/** The error Node throws for a package that is not installed. */
export function notInstalled(specifier: string): Error {
  const error = new Error(`Cannot find module '${specifier}'\nRequire stack:\n- /app/engine.js`);
  (error as Error & { code: string }).code = 'MODULE_NOT_FOUND';
  return error;
}

/** The error tfjs-node-gpu 4.22 throws on a machine with CUDA 12. */
export function cudaRuntimeMissing(): Error {
  return new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
}

/** What loading each package does: throw an error, register a backend, or nothing. */
export type FakeOutcome = Error | (() => void) | 'nothing';

/** A loader that records its calls and plays `outcomes` (missing entries: not installed). */
export function fakeLoader(outcomes: Record<string, FakeOutcome> = {}): ModuleLoader & { calls: string[] } {
  const calls: string[] = [];
  const load = async (specifier: string) => {
    calls.push(specifier);
    const outcome = outcomes[specifier] ?? notInstalled(specifier);
    if (outcome instanceof Error) throw outcome;
    if (outcome !== 'nothing') outcome();
    return {};
  };
  return Object.assign(load, { calls });
}

/**
 * Registers a 'tensorflow' backend the way tfjs-node does on load; here a second instance of the
 * cpu backend, or a factory that throws `initError`.
 */
export function registerFakeTensorflowBackend(initError?: Error): void {
  const CpuBackend = (tf.findBackend('cpu') as object).constructor as new () => tf.KernelBackend;
  tf.registerBackend('tensorflow', () => {
    if (initError !== undefined) throw initError;
    return new CpuBackend();
  }, 3);
}

/** Removes the fake 'tensorflow' backend, if any. */
export function removeFakeTensorflowBackend(): void {
  if (tf.engine().registryFactory.tensorflow !== undefined) tf.removeBackend('tensorflow');
}
