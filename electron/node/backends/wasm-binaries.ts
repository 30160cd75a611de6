import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The binaries tfjs-backend-wasm may load: plain, SIMD, and threaded SIMD (unused in Node). */
export const WASM_BINARY_NAMES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** One of {@link WASM_BINARY_NAMES}. */
export type WasmBinaryName = (typeof WASM_BINARY_NAMES)[number];

/**
 * The folder holding the `.wasm` binaries of the installed @tensorflow/tfjs-backend-wasm (its
 * `dist/`). A packaged app ships them next to its main.js instead and passes that folder.
 */
export function defaultWasmBinaryDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
}

/**
 * The binaries present in `dir`, as the file map `setWasmPaths` takes (absolute paths, so no
 * trailing-slash or Windows separator pitfalls).
 *
 * @example wasmBinaryPaths('/app') with /app holding the two non-threaded binaries
 *   -> { 'tfjs-backend-wasm.wasm': '/app/tfjs-backend-wasm.wasm',
 *        'tfjs-backend-wasm-simd.wasm': '/app/tfjs-backend-wasm-simd.wasm' }
 */
export function wasmBinaryPaths(dir: string): Partial<Record<WasmBinaryName, string>> {
  const found: Partial<Record<WasmBinaryName, string>> = {};
  for (const name of WASM_BINARY_NAMES) {
    const file = path.resolve(dir, name);
    if (existsSync(file)) found[name] = file;
  }
  return found;
}
