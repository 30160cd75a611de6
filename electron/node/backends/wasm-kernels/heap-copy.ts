import type * as tf from '@tensorflow/tfjs';

import type { WasmBackendLike } from './wasm-kernel-scope';

/** Runs shorter than this many bytes are copied element by element (copyWithin has a fixed cost). */
const SHORT_RUN_BYTES = 64;

/**
 * Copies runs of elements between tensors on the wasm heap, without the full-tensor copy that
 * `backend.readSync` makes. Create it after every `makeOutput` of the kernel: views of the heap
 * are invalid once it grows.
 */
export class HeapCopier {
  private readonly bytes: Uint8Array;
  private readonly words: Int32Array | null;
  private readonly elementBytes: number;

  constructor(backend: WasmBackendLike, elementBytes: number) {
    this.bytes = backend.wasm.HEAPU8;
    this.elementBytes = elementBytes;
    // 4-byte elements (float32, int32) move as 32-bit words: malloc aligns their offsets.
    this.words = elementBytes === 4 ? new Int32Array(this.bytes.buffer) : null;
  }

  /** Copies `count` elements from byte offset `from` to byte offset `to`. */
  copy(from: number, to: number, count: number): void {
    const length = count * this.elementBytes;
    if (length >= SHORT_RUN_BYTES || this.words === null) {
      this.bytes.copyWithin(to, from, from + length);
      return;
    }
    const words = this.words;
    let source = from >> 2;
    let target = to >> 2;
    for (let i = 0; i < count; i++) words[target++] = words[source++];
  }
}

/** Byte offset of a tensor's data on the wasm heap. */
export function heapOffset(backend: WasmBackendLike, info: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error('Tensor is not on the wasm backend (disposed?).');
  return data.memoryOffset;
}
