import { describe, expect, it } from 'vitest';
import { compareForRanking, directionFromName, isImprovement, resolveAutoMode } from '../../shared/monitor-direction';

describe('directionFromName', () => {
  it.each([
    ['val_loss', 'min'], ['loss', 'min'], ['total_loss', 'min'], ['meanSquaredError', 'min'], ['val_mse', 'min'],
    ['binaryCrossentropy', 'min'], ['val_ce', 'min'], ['mae', 'min'], ['val_acc', 'max'], ['accuracy', 'max'],
    ['binaryAccuracy', 'max'], ['val_auc', 'max'], ['precision', 'max'], ['val_recall', 'max'], ['f1_score', 'max'],
    ['score', null], ['val_val_x', null], ['lr', null],
  ] as const)('judges %s as %s', (name, expected) => {
    expect(directionFromName(name)).toBe(expected);
  });

  it('strips only one val_ prefix', () => {
    expect(directionFromName('val_val_loss')).toBe('min');
    expect(resolveAutoMode('val_val_score', [{ name: 'val_score', direction: 'up' }])).toBe('max');
  });
});

describe('resolveAutoMode', () => {
  it('lets the last matching compiled metric decide, over the name rules', () => {
    expect(resolveAutoMode('val_loss', [{ name: 'loss', direction: 'down' }, { name: 'loss', direction: 'up' }])).toBe('max');
  });

  it('falls back to the name rules when no compiled metric matches', () => {
    expect(resolveAutoMode('val_acc', [{ name: 'other', direction: 'down' }])).toBe('max');
  });

  it('returns null when nothing decides', () => {
    expect(resolveAutoMode('score')).toBeNull();
  });
});

describe('isImprovement', () => {
  it.each([
    [0.4, 0.5, 'min', true], [0.5, 0.5, 'min', false], [0.6, 0.5, 'min', false],
    [0.6, 0.5, 'max', true], [0.5, 0.5, 'max', false], [NaN, null, 'min', false], [NaN, 0.5, 'max', false],
    [0.9, null, 'max', true], [-Infinity, 0, 'min', true], [1, NaN, 'min', false],
  ] as const)('judges %s against best %s in %s mode as %s', (current, best, mode, expected) => {
    expect(isImprovement(current, best, mode)).toBe(expected);
  });
});

describe('compareForRanking', () => {
  it('orders best first with missing and NaN values last (example in the doc)', () => {
    expect([0.3, null, 0.1].sort((a, b) => compareForRanking(a, b, 'min'))).toEqual([0.1, 0.3, null]);
    expect([NaN, 0.3, 0.9].sort((a, b) => compareForRanking(a, b, 'max'))).toEqual([0.9, 0.3, NaN]);
  });
});
