import { describe, expect, it } from 'vitest';

import { describeLoadError } from '../../../../electron/node/backends/describe-load-error';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeLoadError', () => {
  it('says a package is not installed when Node cannot find it', () => {
    expect(describeLoadError('@tensorflow/tfjs-node-gpu', withCode("Cannot find module '@tensorflow/tfjs-node-gpu'", 'MODULE_NOT_FOUND'))).toEqual({
      reason: 'not installed (npm install @tensorflow/tfjs-node-gpu)',
      error: "Cannot find module '@tensorflow/tfjs-node-gpu'",
    });
  });

  it('says a package is not installed when an ES import cannot find it', () => {
    const error = withCode("Cannot find package '@tensorflow/tfjs-node' imported from /app/engine.js", 'ERR_MODULE_NOT_FOUND');
    expect(describeLoadError('@tensorflow/tfjs-node', error).reason).toBe('not installed (npm install @tensorflow/tfjs-node)');
  });

  it('names the CUDA library that is missing and the versions tfjs-node-gpu needs', () => {
    const error = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    expect(describeLoadError('@tensorflow/tfjs-node-gpu', error)).toEqual({
      reason: 'libcudart.so.11.0 is missing: tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 (libtensorflow 2.9.1)',
      error: 'libcudart.so.11.0: cannot open shared object file: No such file or directory',
    });
  });

  it('names a missing cuDNN inside a longer dlopen message', () => {
    const error = new Error('/app/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node: libcudnn.so.8: cannot open shared object file: No such file or directory');
    expect(describeLoadError('@tensorflow/tfjs-node-gpu', error).reason).toBe('libcudnn.so.8 is missing: tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 (libtensorflow 2.9.1)');
  });

  it('names a missing non-CUDA shared library', () => {
    const error = new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');
    expect(describeLoadError('@tensorflow/tfjs-node', error).reason).toBe('libtensorflow.so.2 is missing (a shared library @tensorflow/tfjs-node needs)');
  });

  it('says the native binding was never built when its .node file is missing', () => {
    const error = withCode("Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'", 'MODULE_NOT_FOUND');
    expect(describeLoadError('@tensorflow/tfjs-node', error)).toEqual({
      reason: 'installed, but its native binding was never built (its install step could not download libtensorflow); reinstall it with network access',
      error: "Cannot find module '/app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
    });
  });

  it('names a missing dependency of an installed package', () => {
    const error = withCode("Cannot find module '@mapbox/node-pre-gyp'", 'MODULE_NOT_FOUND');
    expect(describeLoadError('@tensorflow/tfjs-node', error).reason).toBe('a module it needs is missing: @mapbox/node-pre-gyp');
  });

  it('recognises the Node >= 23 util.isNullOrUndefined failure', () => {
    const error = new TypeError('util_1.isNullOrUndefined is not a function');
    expect(describeLoadError('@tensorflow/tfjs-node', error).reason).toBe('needs util.isNullOrUndefined, which Node >= 23 removed (the shim was not applied)');
  });

  it('passes any other error on, first line only', () => {
    expect(describeLoadError('@tensorflow/tfjs-node', new Error('Illegal instruction\n    at somewhere'))).toEqual({
      reason: 'failed to load: Illegal instruction',
      error: 'Illegal instruction',
    });
  });
});
