import { writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultWasmBinaryDir, wasmBinaryPaths } from '../../../../electron/node/backends/wasm-binaries';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('wasmBinaryPaths', () => {
  it('maps the binaries present in a folder to their absolute paths', async () => {
    const dir = await makeTempDir();
    await writeFile(nodePath.join(dir, 'tfjs-backend-wasm.wasm'), '');
    await writeFile(nodePath.join(dir, 'tfjs-backend-wasm-simd.wasm'), '');
    await writeFile(nodePath.join(dir, 'other.wasm'), '');
    expect(wasmBinaryPaths(dir)).toEqual({
      'tfjs-backend-wasm.wasm': nodePath.join(dir, 'tfjs-backend-wasm.wasm'),
      'tfjs-backend-wasm-simd.wasm': nodePath.join(dir, 'tfjs-backend-wasm-simd.wasm'),
    });
  });

  it('returns an empty map for a folder without binaries', async () => {
    expect(wasmBinaryPaths(await makeTempDir())).toEqual({});
  });

  it('finds all three binaries in the installed package by default', () => {
    expect(Object.keys(wasmBinaryPaths(defaultWasmBinaryDir())).sort()).toEqual([
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
      'tfjs-backend-wasm.wasm',
    ]);
  });
});
