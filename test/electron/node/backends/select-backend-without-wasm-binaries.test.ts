import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../../electron/node/backends/select-backend';
import { makeTempDir } from '../../../helpers/temp-dir';
import { fakeLoader } from './native-loader-fakes';

// A process of its own: the wasm backend must not have started yet.
describe('selectBackend without the wasm binaries', () => {
  it('falls back to cpu and names the folder it looked in', async () => {
    const dir = await makeTempDir();
    const report = await selectBackend({ wasmBinaryDir: dir, loadModule: fakeLoader(), env: {} });
    expect(report.selected).toBe('cpu');
    expect(report.attempts[2]).toEqual({ backend: 'wasm', status: 'failed', reason: `no tfjs-backend-wasm .wasm binaries in ${dir}` });
    expect(report.wasm).toBeUndefined();
    expect(tf.getBackend()).toBe('cpu');
  });

  it('throws a BackendError when wasm is forced', async () => {
    const dir = await makeTempDir();
    await expect(selectBackend({ backend: 'wasm', wasmBinaryDir: dir }))
      .rejects.toThrow(`Backend 'wasm' could not be loaded: no tfjs-backend-wasm .wasm binaries in ${dir}. Reinstall @tensorflow/tfjs-backend-wasm or pass the folder of its .wasm files, or choose another backend: 'auto', 'tfjs-node-gpu', 'tfjs-node', 'cpu'.`);
  });
});
