import type { WasmBackendLike } from './wasm-kernel-scope';

/** A function exported by a module of our own that reads and writes the wasm backend's heap. */
export type HeapFunction = (...args: number[]) => void;

/**
 * The export `name` of a module written at run time (wasm-module-writer) that imports the wasm
 * backend's memory: compiled once, on first use; instantiated once per heap (a re-created backend
 * has a new one). Its arguments are byte offsets on the heap (`heapOffset`) and numbers.
 */
export function heapFunction(name: string, write: () => Uint8Array<ArrayBuffer>): (backend: WasmBackendLike) => HeapFunction {
  let compiled: WebAssembly.Module | undefined;
  const instances = new WeakMap<WebAssembly.Memory, HeapFunction>();
  return (backend) => {
    const memory = backend.wasm.asm.memory;
    let fn = instances.get(memory);
    if (fn === undefined) {
      compiled ??= new WebAssembly.Module(write());
      fn = new WebAssembly.Instance(compiled, { env: { memory } }).exports[name] as HeapFunction;
      instances.set(memory, fn);
    }
    return fn;
  };
}
