import { beforeAll, describe, it } from 'vitest';

import { expectClose, randomInput, runOnBoth, startBothBackends } from '../kernel-parity';

// [m, k, n]: single elements, an empty inner dimension, and sizes around the GEMM's 4 x 8 tiles
// (rows by 4 then 1; columns by 8, then 4, then 1).
const SIZES = [
  [1, 1, 1],
  [3, 0, 5],
  [5, 7, 3],
  [12, 9, 20],
  [9, 4, 8],
  [33, 65, 17],
  [40, 50, 30],
];
// Batch dims of a and b: none, equal, broadcast either way, and two batch axes.
const BATCHES: Array<[number[], number[]]> = [
  [[], []],
  [[3], [3]],
  [[4], []],
  [[], [3]],
  [[2, 3], [1]],
  [[2, 3], [2, 3]],
];
const FLAGS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

function operandShapes(batchA: number[], batchB: number[], [m, k, n]: number[], transposeA: boolean, transposeB: boolean) {
  return {
    a: [...batchA, ...(transposeA ? [k, m] : [m, k])],
    b: [...batchB, ...(transposeB ? [n, k] : [k, n])],
  };
}

const grid = FLAGS.flatMap(([transposeA, transposeB]) =>
  BATCHES.flatMap(([batchA, batchB]) =>
    SIZES.map((size) => [transposeA, transposeB, batchA, batchB, size] as const),
  ),
);

describe('BatchMatMul on wasm', () => {
  beforeAll(startBothBackends);

  it.each(grid)('matches cpu for transposeA %s, transposeB %s, batch %j x %j, m k n %j', async (transposeA, transposeB, batchA, batchB, size) => {
    const { a, b } = operandShapes(batchA, batchB, size, transposeA, transposeB);
    const { cpu, wasm } = await runOnBoth('BatchMatMul', { a: randomInput(a, 1), b: randomInput(b, 2) }, { transposeA, transposeB });
    expectClose(wasm, cpu);
  });

  // The products of one training step of the MNIST MLP (784-128-10, batch 128): forward, weight
  // gradient (Aᵀ·B) and input gradient (A·Bᵀ), at full size.
  it.each([
    ['forward', [128, 784], [784, 128], false, false],
    ['weight gradient', [128, 784], [128, 128], true, false],
    ['input gradient', [128, 10], [128, 10], false, true],
  ] as const)('matches cpu on the MLP %s product', async (_label, a, b, transposeA, transposeB) => {
    const { cpu, wasm } = await runOnBoth('BatchMatMul', { a: randomInput([...a], 3), b: randomInput([...b], 4) }, { transposeA, transposeB });
    expectClose(wasm, cpu);
  });
});

describe('_FusedMatMul on wasm', () => {
  beforeAll(startBothBackends);

  const fusedGrid = FLAGS.flatMap(([transposeA, transposeB]) =>
    (['linear', 'relu', 'leakyrelu'] as const).flatMap((activation) =>
      [[5, 7, 3], [33, 65, 17]].map((size) => [transposeA, transposeB, activation, size] as const),
    ),
  );

  it.each(fusedGrid)('matches cpu for transposeA %s, transposeB %s, %s activation, m k n %j', async (transposeA, transposeB, activation, size) => {
    const { a, b } = operandShapes([1], [1], size, transposeA, transposeB);
    const { cpu, wasm } = await runOnBoth(
      '_FusedMatMul',
      { a: randomInput(a, 1), b: randomInput(b, 2), bias: randomInput([size[2]], 3) },
      { transposeA, transposeB, activation, leakyreluAlpha: 0.2 },
    );
    expectClose(wasm, cpu);
  });
});
