import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type InputSpec, randomInput, runKernelOn, runOnBoth, startBothBackends } from '../kernel-parity';

const ids = (values: number[]): InputSpec => ({ values, shape: [values.length], dtype: 'int32' });

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(startBothBackends);

  it.each([
    ['repeated ids', [2, 0, 2, 1, 2, 0], 3],
    ['more segments than ids', [4, 1], 7],
    ['ids out of range, which are dropped', [0, -1, 5, 2, 9, 2], 5],
    ['only out-of-range ids', [-3, 8], 4],
    ['a single id', [0], 1],
  ] as const)('matches cpu for %s', async (_name, segmentIds, numSegments) => {
    for (const rest of [[], [4], [3, 2]]) {
      const { cpu, wasm } = await runOnBoth(
        'UnsortedSegmentSum',
        { x: randomInput([segmentIds.length, ...rest], 1), segmentIds: ids([...segmentIds]) },
        { numSegments },
      );
      expectClose(wasm, cpu);
    }
  });

  it('keeps int32 data int32, with the sums cpu computes (cpu returns them as float32)', async () => {
    const x: InputSpec = { values: [1, 2, 3, 4, 5, 6], shape: [3, 2], dtype: 'int32' };
    const { cpu, wasm } = await runOnBoth('UnsortedSegmentSum', { x, segmentIds: ids([1, 1, 0]) }, { numSegments: 2 });
    expect(wasm).toEqual({ shape: [2, 2], dtype: 'int32', values: [5, 6, 4, 6] });
    expect(wasm.values).toEqual(cpu.values);
  });

  it('sums the rows of an embedding gradient of realistic size', async () => {
    const tokens = Array.from({ length: 640 }, (_, i) => (i * 7919) % 300);
    const { cpu, wasm } = await runOnBoth(
      'UnsortedSegmentSum',
      { x: randomInput([640, 16], 4), segmentIds: ids(tokens) },
      { numSegments: 300 },
    );
    expectClose(wasm, cpu);
  });

  it('returns zeros of shape [numSegments, ...] for an empty input', async () => {
    const wasm = await runKernelOn('wasm', 'UnsortedSegmentSum', { x: randomInput([0, 3], 1), segmentIds: ids([]) }, { numSegments: 2 });
    expect(wasm).toEqual({ shape: [2, 3], dtype: 'float32', values: [0, 0, 0, 0, 0, 0] });
  });
});
