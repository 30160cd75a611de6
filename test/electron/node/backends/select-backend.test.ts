import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import util from 'node:util';

import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { BackendReport } from '../../../../shared/backend-report';
import { BackendError, ConfigError } from '../../../../shared/errors';
import { selectBackend } from '../../../../electron/node/backends/select-backend';
import { defaultWasmBinaryDir } from '../../../../electron/node/backends/wasm-binaries';
import {
  cudaRuntimeMissing,
  fakeLoader,
  GPU,
  NODE,
  registerFakeTensorflowBackend,
  removeFakeTensorflowBackend,
} from './native-loader-fakes';

const CUDA_REASON = 'libcudart.so.11.0 is missing: tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 (libtensorflow 2.9.1)';

describe('selectBackend', () => {
  let binaryDir: string;
  let first: BackendReport;

  // The wasm backend starts once per process: the first selection, here, loads its binaries from
  // a copy in a folder of our own, as a packaged app would.
  beforeAll(async () => {
    binaryDir = await mkdtemp(nodePath.join(os.tmpdir(), 'workbench-wasm-'));
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
      await copyFile(nodePath.join(defaultWasmBinaryDir(), name), nodePath.join(binaryDir, name));
    }
    first = await selectBackend({ wasmBinaryDir: binaryDir, loadModule: fakeLoader(), env: {} });
  });

  afterAll(async () => {
    await rm(binaryDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    removeFakeTensorflowBackend();
    await tf.setBackend('wasm');
  });

  it('selects wasm and reports both native packages as not installed when they are missing', () => {
    expect(first).toMatchObject({ requested: 'auto', selected: 'wasm', tfjsBackend: 'wasm' });
    expect(first.attempts).toEqual([
      { backend: 'tfjs-node-gpu', status: 'failed', reason: `not installed (npm install ${GPU})`, error: `Cannot find module '${GPU}'` },
      { backend: 'tfjs-node', status: 'failed', reason: `not installed (npm install ${NODE})`, error: `Cannot find module '${NODE}'` },
      { backend: 'wasm', status: 'selected' },
      { backend: 'cpu', status: 'skipped', reason: 'wasm was selected first' },
    ]);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('loads the wasm binaries from the folder it is given, with SIMD and the training kernels', () => {
    expect(first.wasm).toEqual({ simd: true, binaryDir, trainingKernels: true });
  });

  it('returns an equal report and keeps the backend when called again', async () => {
    const again = await selectBackend({ loadModule: fakeLoader(), env: {} });
    expect(again).toEqual(first);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('reports a missing CUDA runtime for tfjs-node-gpu', async () => {
    const report = await selectBackend({ loadModule: fakeLoader({ [GPU]: cudaRuntimeMissing() }), env: {} });
    expect(report.attempts[0]).toEqual({
      backend: 'tfjs-node-gpu',
      status: 'failed',
      reason: CUDA_REASON,
      error: 'libcudart.so.11.0: cannot open shared object file: No such file or directory',
    });
    expect(report.selected).toBe('wasm');
  });

  it('sets TF_FORCE_GPU_ALLOW_GROWTH=true before loading tfjs-node-gpu', async () => {
    const env: Record<string, string | undefined> = {};
    let seen: string | undefined;
    const loader = fakeLoader({ [GPU]: () => { seen = env.TF_FORCE_GPU_ALLOW_GROWTH; } });
    await selectBackend({ loadModule: loader, env });
    expect(seen).toBe('true');
    expect(loader.calls).toEqual([GPU, NODE]);
  });

  it('keeps a TF_FORCE_GPU_ALLOW_GROWTH the user set', async () => {
    const env: Record<string, string | undefined> = { TF_FORCE_GPU_ALLOW_GROWTH: 'false' };
    await selectBackend({ loadModule: fakeLoader(), env });
    expect(env.TF_FORCE_GPU_ALLOW_GROWTH).toBe('false');
  });

  it('restores util.isNullOrUndefined (gone in Node >= 23) before loading a native package', async () => {
    const original = Object.getOwnPropertyDescriptor(util, 'isNullOrUndefined');
    delete (util as { isNullOrUndefined?: unknown }).isNullOrUndefined;
    let seen: unknown;
    try {
      await selectBackend({ loadModule: fakeLoader({ [GPU]: () => { seen = (util as { isNullOrUndefined?: unknown }).isNullOrUndefined; } }), env: {} });
    } finally {
      if (original !== undefined) Object.defineProperty(util, 'isNullOrUndefined', original);
    }
    expect(typeof seen).toBe('function');
    expect((seen as (v: unknown) => boolean)(undefined)).toBe(true);
  });

  it('selects tfjs-node when it loads and registers its backend, skipping the slower ones', async () => {
    const loader = fakeLoader({ [GPU]: cudaRuntimeMissing(), [NODE]: () => registerFakeTensorflowBackend() });
    const report = await selectBackend({ loadModule: loader, env: {} });
    expect(report).toEqual({
      requested: 'auto',
      selected: 'tfjs-node',
      tfjsBackend: 'tensorflow',
      attempts: [
        { backend: 'tfjs-node-gpu', status: 'failed', reason: CUDA_REASON, error: expect.any(String) },
        { backend: 'tfjs-node', status: 'selected' },
        { backend: 'wasm', status: 'skipped', reason: 'tfjs-node was selected first' },
        { backend: 'cpu', status: 'skipped', reason: 'tfjs-node was selected first' },
      ],
    });
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('reports the error a native backend fails to initialise with, and falls back', async () => {
    const initError = new Error('Invalid argument: CUDA driver version is insufficient for CUDA runtime version');
    const loader = fakeLoader({ [NODE]: () => registerFakeTensorflowBackend(initError) });
    const report = await selectBackend({ loadModule: loader, env: {} });
    expect(report.attempts[1]).toEqual({
      backend: 'tfjs-node',
      status: 'failed',
      reason: `failed to initialise: ${initError.message}`,
      error: initError.message,
    });
    expect(report.selected).toBe('wasm');
  });

  it('reports a package that loads but registers no backend with this tfjs', async () => {
    const report = await selectBackend({ loadModule: fakeLoader({ [NODE]: 'nothing' }), env: {} });
    expect(report.attempts[1].reason).toMatch(/registered no 'tensorflow' backend with this copy of @tensorflow\/tfjs/);
  });

  it('uses a forced backend and skips the others', async () => {
    const loader = fakeLoader();
    const report = await selectBackend({ backend: 'cpu', loadModule: loader });
    expect(report.selected).toBe('cpu');
    expect(report.attempts.map((a) => [a.backend, a.status, a.reason])).toEqual([
      ['tfjs-node-gpu', 'skipped', 'cpu was requested'],
      ['tfjs-node', 'skipped', 'cpu was requested'],
      ['wasm', 'skipped', 'cpu was requested'],
      ['cpu', 'selected', undefined],
    ]);
    expect(loader.calls).toEqual([]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('throws a BackendError naming the forced backend and why it cannot load', async () => {
    const selection = selectBackend({ backend: 'tfjs-node-gpu', loadModule: fakeLoader({ [GPU]: cudaRuntimeMissing() }), env: {} });
    await expect(selection).rejects.toThrow(BackendError);
    await expect(selectBackend({ backend: 'tfjs-node-gpu', loadModule: fakeLoader({ [GPU]: cudaRuntimeMissing() }), env: {} }))
      .rejects.toMatchObject({
        code: 'BACKEND',
        message: `Backend 'tfjs-node-gpu' could not be loaded: ${CUDA_REASON}. ` +
          "Install @tensorflow/tfjs-node-gpu with CUDA 11.2 and cuDNN 8.1, or choose another backend: 'auto', 'tfjs-node', 'wasm', 'cpu'.",
        detail: { requested: 'tfjs-node-gpu', attempts: expect.arrayContaining([expect.objectContaining({ backend: 'tfjs-node-gpu', status: 'failed' })]) },
      });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('throws a BackendError for tfjs-node forced when it is not installed', async () => {
    await expect(selectBackend({ backend: 'tfjs-node', loadModule: fakeLoader() }))
      .rejects.toThrow(`Backend 'tfjs-node' could not be loaded: not installed (npm install ${NODE}). Install @tensorflow/tfjs-node, or choose another backend`);
  });

  it('rejects an unknown backend name with a ConfigError listing the known ones', async () => {
    const selection = selectBackend({ backend: 'cuda' as never });
    await expect(selection).rejects.toThrow(ConfigError);
    await expect(selectBackend({ backend: 'cuda' as never }))
      .rejects.toThrow("Unknown backend 'cuda': expected 'auto', 'tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'.");
  });

  it('puts the stock wasm kernels back when asked to, and the workbench ones again after', async () => {
    const stock = await selectBackend({ backend: 'wasm', wasmTrainingKernels: false });
    expect(stock.wasm?.trainingKernels).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const ours = await selectBackend({ backend: 'wasm' });
    expect(ours.wasm?.trainingKernels).toBe(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });
});
