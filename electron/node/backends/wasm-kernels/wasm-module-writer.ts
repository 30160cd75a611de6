/**
 * A minimal WebAssembly binary writer: enough to build small SIMD kernels at run time (a module
 * that imports one memory and exports functions) without a compiler toolchain. Only the
 * instructions our kernels use are here; each method appends one instruction.
 *
 * Encoding: the WebAssembly core specification 2.0 (binary format, chapter 5) and its fixed-width
 * SIMD instructions (prefix 0xFD, LEB128 opcode).
 */

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof V128;

/** LEB128, unsigned (lengths, indices, opcodes after a prefix). */
export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

/** LEB128, signed (i32.const). */
export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** The instructions of one function body, appended in order. */
export class Code {
  readonly bytes: number[] = [];

  private emit(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.emit(0xfd, ...unsignedLeb(opcode), ...immediates);
  }

  // Control.
  block(): this { return this.emit(0x02, 0x40); }
  loop(): this { return this.emit(0x03, 0x40); }
  end(): this { return this.emit(0x0b); }
  br(depth: number): this { return this.emit(0x0c, ...unsignedLeb(depth)); }
  brIf(depth: number): this { return this.emit(0x0d, ...unsignedLeb(depth)); }

  /** `while (counter < limit) { body(); counter += step }`: locals, unsigned i32 comparison. */
  countUp(counter: number, limit: number, step: number, body: () => void): this {
    this.block().loop();
    this.get(counter).get(limit).i32GeU().brIf(1);
    body();
    this.get(counter).i32Const(step).i32Add().set(counter);
    return this.br(0).end().end();
  }

  // Locals (parameters first, then declared locals).
  get(index: number): this { return this.emit(0x20, ...unsignedLeb(index)); }
  set(index: number): this { return this.emit(0x21, ...unsignedLeb(index)); }
  /** Of the two values below the condition: the first when it is non-zero, else the second. */
  select(): this { return this.emit(0x1b); }

  // i32 (loads and stores: see f32).
  i32Const(value: number): this { return this.emit(0x41, ...signedLeb(value)); }
  i32Add(): this { return this.emit(0x6a); }
  i32Mul(): this { return this.emit(0x6c); }
  i32And(): this { return this.emit(0x71); }
  i32Shl(): this { return this.emit(0x74); }
  i32GeU(): this { return this.emit(0x4f); }

  i32Load(): this { return this.emit(0x28, 2, 0); }
  i32Store(): this { return this.emit(0x36, 2, 0); }

  // f32 (memory immediates: log2 of the alignment hint, then the offset).
  f32Const(value: number): this { return this.emit(0x43, ...new Uint8Array(Float32Array.of(value).buffer)); }
  f32Load(): this { return this.emit(0x2a, 2, 0); }
  f32Store(): this { return this.emit(0x38, 2, 0); }
  f32Sqrt(): this { return this.emit(0x91); }
  f32Add(): this { return this.emit(0x92); }
  f32Mul(): this { return this.emit(0x94); }
  f32Div(): this { return this.emit(0x95); }

  // v128 / f32x4. The alignment hint stays at 4 bytes: tensors are float32-aligned, not 16.
  v128Load(offset = 0): this { return this.simd(0x00, 2, ...unsignedLeb(offset)); }
  v128Store(offset = 0): this { return this.simd(0x0b, 2, ...unsignedLeb(offset)); }
  /** Loads one 32-bit value into all four lanes. */
  v128Load32Splat(offset = 0): this { return this.simd(0x09, 2, ...unsignedLeb(offset)); }
  /** v128.const of sixteen zero bytes. */
  v128Zero(): this { return this.simd(0x0c, ...Array<number>(16).fill(0)); }
  /** Picks 4 lanes of 32 bits from two vectors: lanes 0-3 from the first, 4-7 from the second. */
  shuffle32(lanes: [number, number, number, number]): this {
    return this.simd(0x0d, ...lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]));
  }
  f32x4Splat(): this { return this.simd(0x13); }
  i32x4Splat(): this { return this.simd(0x11); }
  /** Lane masks: all ones where equal. */
  i32x4Eq(): this { return this.simd(0x37); }
  /** Lane masks: all ones where the first is greater (false for NaN). */
  f32x4Gt(): this { return this.simd(0x44); }
  v128And(): this { return this.simd(0x4e); }
  /** Of v1, v2 and a mask below: v1's bits where the mask is set, v2's elsewhere. */
  v128Bitselect(): this { return this.simd(0x52); }
  f32x4Sqrt(): this { return this.simd(0xe3); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Mul(): this { return this.simd(0xe6); }
  f32x4Div(): this { return this.simd(0xe7); }
}

export interface FunctionSpec {
  /** The export name. */
  name: string;
  params: ValueType[];
  /** Declared locals, after the parameters in index order. */
  locals: ValueType[];
  body: Code;
}

/**
 * Encodes a module that imports its memory as `env.memory` and exports `functions` (no results).
 *
 * @returns the module's bytes, for `new WebAssembly.Module`.
 */
export function writeModule(functions: FunctionSpec[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector([])]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, ...unsignedLeb(0)];
  const functionTypes = functions.map((_, i) => unsignedLeb(i));
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...unsignedLeb(i)]);
  const bodies = functions.map((f) => {
    // Locals as runs of one type: [count, type].
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...unsignedLeb(j - i), f.locals[i]]);
      i = j;
    }
    const content = [...vector(runs), ...f.body.bytes, 0x0b];
    return [...unsignedLeb(content.length), ...content];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functionTypes)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
