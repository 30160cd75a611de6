import { describe, expect, it } from 'vitest';

import { Code, F32, I32, V128, signedLeb, unsignedLeb, writeModule } from '../../../../../electron/node/backends/wasm-kernels/wasm-module-writer';

describe('wasm-module-writer', () => {
  it('encodes LEB128 as the WebAssembly specification does', () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(signedLeb(0)).toEqual([0x00]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-16)).toEqual([0x70]);
    expect(signedLeb(-64)).toEqual([0x40]);
    expect(signedLeb(-65)).toEqual([0xbf, 0x7f]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('writes a valid module whose functions run on the memory they are given', () => {
    // scale(ptr, count, factor): x[i] = sqrt(x[i] * factor) / 2 + 1, four at a time, then one by one.
    const [PTR, COUNT, FACTOR, I, END, VEND, SPLAT, ONE, TWO] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const c = new Code();
    // ONE and TWO: splats of x[-2] and x[-1] (the test puts 1 and 2 there; no v128.const needed).
    c.get(PTR).i32Const(-8).i32Add().f32Load().f32x4Splat().set(ONE);
    c.get(PTR).i32Const(-4).i32Add().f32Load().f32x4Splat().set(TWO);
    c.get(COUNT).i32Const(2).i32Shl().set(END);
    c.get(END).i32Const(-16).i32And().set(VEND);
    c.get(FACTOR).f32x4Splat().set(SPLAT);
    c.i32Const(0).set(I);
    const loop = (limit: number, bytes: number, body: () => void) => {
      c.block().loop().get(I).get(limit).i32GeU().brIf(1);
      body();
      c.get(I).i32Const(bytes).i32Add().set(I).br(0).end().end();
    };
    loop(VEND, 16, () => {
      c.get(PTR).get(I).i32Add();
      c.get(PTR).get(I).i32Add().v128Load().get(SPLAT).f32x4Mul().f32x4Sqrt().get(TWO).f32x4Div().get(ONE).f32x4Add();
      c.v128Store();
    });
    loop(END, 4, () => {
      c.get(PTR).get(I).i32Add();
      c.get(PTR).get(I).i32Add().f32Load().get(FACTOR).f32Mul().f32Sqrt();
      c.get(PTR).i32Const(-4).i32Add().f32Load(); // x[-1] holds 2
      c.f32Div();
      c.get(PTR).i32Const(-8).i32Add().f32Load(); // x[-2] holds 1
      c.f32Add().f32Store();
    });
    const bytes = writeModule([
      {
        name: 'scale',
        params: [I32, I32, F32],
        locals: [I32, I32, I32, V128, V128, V128],
        body: c,
      },
      { name: 'noop', params: [], locals: [F32], body: new Code() },
    ]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    expect(Object.keys(exports).sort()).toEqual(['noop', 'scale']);
    const heap = new Float32Array(memory.buffer);
    const input = Array.from({ length: 11 }, (_, i) => i * 0.75);
    heap.set([1, 2, ...input], 4);
    (exports.scale as (ptr: number, count: number, factor: number) => void)(24, input.length, 3);
    const f = Math.fround;
    expect(Array.from(heap.subarray(6, 6 + input.length))).toEqual(input.map((x) => f(f(f(Math.sqrt(f(f(x) * 3))) / 2) + 1)));
    expect(heap[6 + input.length]).toBe(0); // nothing written past the end
  });
});
