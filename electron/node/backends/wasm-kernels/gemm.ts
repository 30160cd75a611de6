import { heapFunction } from './heap-function';
import type { WasmBackendLike } from './wasm-kernel-scope';
import { Code, F32, I32, V128, type ValueType, writeModule } from './wasm-module-writer';

// gemm(a, b, c, m, k, n, transposeA): C (m x n) = A (m x k, or k x m when transposeA) · B (k x n);
// row-major float32, byte offsets on the heap.
const A = 0, B = 1, C = 2, M = 3, K = 4, N = 5, TRANSPOSE_A = 6;
const I = 7, J = 8, KK = 9, BP = 10, CP = 11, A_ROW = 12, A_K = 13, NB = 14, M4 = 15, N8 = 16, N4 = 17;
/** Pointers to A's element (row i + r, column kk) for the rows of a tile. */
const AP = [18, 19, 20, 21];
const ACC = [22, 23, 24, 25, 26, 27, 28, 29];
const BV = [30, 31];
const AV = 32;
const SACC = [33, 34, 35, 36];
const SB = 37, SA = 38;
const PARAMS: ValueType[] = [I32, I32, I32, I32, I32, I32, I32];
const LOCALS: ValueType[] = [...Array<ValueType>(15).fill(I32), ...Array<ValueType>(11).fill(V128), ...Array<ValueType>(6).fill(F32)];

/**
 * One output tile of `rows` (1 or 4) rows and `width` (8, 4 or 1) columns at (I, J): the sum over
 * k of A[i][k] · B[k][j], in order of k, each product rounded and then added, as XNNPACK's wasm
 * kernels do (the MLP's products came out bit for bit the same). Vectors of four columns, A's
 * element splatted to all lanes.
 */
function emitTile(c: Code, rows: 1 | 4, width: 8 | 4 | 1): void {
  const vectors = width / 4;
  for (let r = 0; r < rows; r++) {
    c.get(A).get(I);
    if (r > 0) c.i32Const(r).i32Add();
    c.get(A_ROW).i32Mul().i32Add().set(AP[r]);
  }
  c.get(B).get(J).i32Const(2).i32Shl().i32Add().set(BP);
  for (let r = 0; r < rows; r++) {
    if (width === 1) c.f32Const(0).set(SACC[r]);
    else for (let v = 0; v < vectors; v++) c.v128Zero().set(ACC[2 * r + v]);
  }
  c.i32Const(0).set(KK);
  c.countUp(KK, K, 1, () => {
    if (width === 1) c.get(BP).f32Load().set(SB);
    else for (let v = 0; v < vectors; v++) c.get(BP).v128Load(16 * v).set(BV[v]);
    for (let r = 0; r < rows; r++) {
      if (width === 1) {
        c.get(AP[r]).f32Load().set(SA);
        c.get(SACC[r]).get(SA).get(SB).f32Mul().f32Add().set(SACC[r]);
      } else {
        c.get(AP[r]).v128Load32Splat().set(AV);
        for (let v = 0; v < vectors; v++) c.get(ACC[2 * r + v]).get(AV).get(BV[v]).f32x4Mul().f32x4Add().set(ACC[2 * r + v]);
      }
      c.get(AP[r]).get(A_K).i32Add().set(AP[r]);
    }
    c.get(BP).get(NB).i32Add().set(BP);
  });
  c.get(C).get(I).get(NB).i32Mul().i32Add().get(J).i32Const(2).i32Shl().i32Add().set(CP);
  for (let r = 0; r < rows; r++) {
    if (width === 1) c.get(CP).get(SACC[r]).f32Store();
    else for (let v = 0; v < vectors; v++) c.get(CP).get(ACC[2 * r + v]).v128Store(16 * v);
    c.get(CP).get(NB).i32Add().set(CP);
  }
}

function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const c = new Code();
  c.get(N).i32Const(2).i32Shl().set(NB);
  // A's strides in bytes: to the next row of the product, and to the next k.
  c.i32Const(4).get(K).i32Const(2).i32Shl().get(TRANSPOSE_A).select().set(A_ROW);
  c.get(M).i32Const(2).i32Shl().i32Const(4).get(TRANSPOSE_A).select().set(A_K);
  c.get(M).i32Const(-4).i32And().set(M4);
  c.get(N).i32Const(-8).i32And().set(N8);
  c.get(N).i32Const(-4).i32And().set(N4);
  // Columns by 8, then 4, then 1; in each column strip, rows by 4, then 1.
  const strip = (width: 8 | 4 | 1) => () => {
    c.i32Const(0).set(I);
    c.countUp(I, M4, 4, () => emitTile(c, 4, width));
    c.countUp(I, M, 1, () => emitTile(c, 1, width));
  };
  c.countUp(J, N8, 8, strip(8));
  c.countUp(J, N4, 4, strip(4));
  c.countUp(J, N, 1, strip(1));
  return writeModule([{ name: 'gemm', params: PARAMS, locals: LOCALS, body: c }]);
}

const gemmFunctionFor = heapFunction('gemm', gemmModuleBytes);

/**
 * C = A · B (or Aᵀ · B) on the wasm heap, float32, row-major: `a`, `b`, `c` are byte offsets.
 * A is m x k (k x m with `transposeA`), B is k x n, C is m x n and must not overlap A or B.
 *
 * A register-tiled SIMD kernel (4 x 8 outputs per tile) that reads B where it lies: XNNPACK first
 * packs B, which costs as much as a third of the product when B changes every step (weights in
 * training), and cannot read a transposed A at all.
 */
export function gemm(backend: WasmBackendLike, a: number, b: number, c: number, m: number, k: number, n: number, transposeA: boolean): void {
  gemmFunctionFor(backend)(a, b, c, m, k, n, transposeA ? 1 : 0);
}
