import { describe, expect, it } from 'vitest';
import type { TopKEntry } from '../../../../shared/checkpoint-record';
import { planSave, wouldKeep } from '../../../../electron/node/checkpoint/top-k-table';

const e = (path: string, value: number | null, epoch = 0): TopKEntry => ({ path, value, epoch, batch: null });

describe('wouldKeep', () => {
  it.each([
    [[e('a', 0.5)], e('b', 0.4), 1, true],
    [[e('a', 0.5)], e('b', 0.5), 1, false],
    [[e('a', 0.5)], e('a', 0.9), 1, true],
    [[e('a', 0.5), e('b', 0.6)], e('c', 0.55), 2, true],
    [[e('a', 0.5), e('b', 0.6)], e('c', null), 2, false],
    [[e('a', 0.5)], e('b', 9), -1, true],
    [[], e('b', 0.1), 0, false],
  ])('judges table %j + %j with k=%i as %s', (table, candidate, k, expected) => {
    expect(wouldKeep(table, candidate, k, 'min')).toBe(expected);
  });
});

describe('planSave', () => {
  it('evicts what falls out of the top k (example in the doc)', () => {
    const a = e('a', 0.5);
    const b = e('b', 0.3);
    const c = e('c', 0.4);
    expect(planSave([a, b], c, 2, 'min')).toEqual({ table: [b, c], evicted: [a] });
  });

  it('replaces an entry with the same path instead of counting it twice', () => {
    const plan = planSave([e('best', 0.5)], e('best', 0.4, 3), 1, 'min');
    expect(plan).toEqual({ table: [e('best', 0.4, 3)], evicted: [] });
  });

  it('keeps everything with k = -1', () => {
    expect(planSave([e('a', 1), e('b', 2)], e('c', 3), -1, 'min').evicted).toEqual([]);
  });

  it('keeps an earlier checkpoint over a later tie', () => {
    const plan = planSave([e('a', 0.5), e('b', 0.2)], e('c', 0.5), 2, 'min');
    expect(plan.table.map((x) => x.path)).toEqual(['b', 'c']);
    // wouldKeep refuses the tie first; planSave on its own never deletes the new checkpoint.
    expect(wouldKeep([e('a', 0.5), e('b', 0.2)], e('c', 0.5), 2, 'min')).toBe(false);
  });
});
