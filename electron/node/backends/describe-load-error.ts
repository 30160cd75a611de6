/** Why a native TensorFlow.js package could not be loaded, in words a user can act on. */
export interface LoadFailure {
  /** e.g. `not installed (npm install @tensorflow/tfjs-node)`. */
  reason: string;
  /** The first line of the error message, verbatim; empty when there was no error to quote. */
  error: string;
}

const CUDA_LIBRARY = /^lib(cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse|cudnn|nvinfer|nccl)\b/;

/**
 * Turns the error thrown by loading `specifier` (a tfjs-node package) into a {@link LoadFailure}.
 *
 * @example describeLoadError('@tensorflow/tfjs-node-gpu',
 *   new Error("Cannot find module '@tensorflow/tfjs-node-gpu'")) (code MODULE_NOT_FOUND)
 *   -> { reason: 'not installed (npm install @tensorflow/tfjs-node-gpu)',
 *        error: "Cannot find module '@tensorflow/tfjs-node-gpu'" }
 * @example describeLoadError('@tensorflow/tfjs-node-gpu',
 *   new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory'))
 *   -> { reason: 'libcudart.so.11.0 is missing: tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 (libtensorflow 2.9.1)',
 *        error: 'libcudart.so.11.0: cannot open shared object file: No such file or directory' }
 * @example describeLoadError('@tensorflow/tfjs-node',
 *   new Error("Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'"))
 *   -> { reason: 'installed, but its native binding was never built (its install step could not download libtensorflow); reinstall it with network access',
 *        error: "Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'" }
 */
export function describeLoadError(specifier: string, thrown: unknown): LoadFailure {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const error = message.split('\n')[0].trim();
  const code = (thrown as { code?: unknown } | null)?.code;
  const library = /([\w.+-]+\.(?:so(?:\.[\w.]+)?|dylib|dll))\s*:\s*cannot open shared object file/i.exec(message)?.[1]
    ?? /Library not loaded:\s*\S*?([\w.+-]+\.dylib)/.exec(message)?.[1];
  if (library !== undefined) {
    const hint = CUDA_LIBRARY.test(library)
      ? ': tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 (libtensorflow 2.9.1)'
      : ` (a shared library ${specifier} needs)`;
    return { reason: `${library} is missing${hint}`, error };
  }
  if (/tfjs_binding\.node/.test(message)) {
    return {
      reason: 'installed, but its native binding was never built (its install step could not download libtensorflow); reinstall it with network access',
      error,
    };
  }
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
    if (missing === undefined || missing === specifier || missing.startsWith(`${specifier}/`)) {
      return { reason: `not installed (npm install ${specifier})`, error };
    }
    return { reason: `a module it needs is missing: ${missing}`, error };
  }
  if (/isNullOrUndefined is not a function/.test(message)) {
    return { reason: 'needs util.isNullOrUndefined, which Node >= 23 removed (the shim was not applied)', error };
  }
  return { reason: `failed to load: ${error}`, error };
}
