import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../renderer/shared-ui/format-bytes';
import { formatDuration } from '../../../renderer/shared-ui/format-duration';
import { formatMetric } from '../../../renderer/shared-ui/format-metric';

describe('formatMetric', () => {
  it.each([
    [0.123456, '0.1235'],
    [12.3456, '12.35'],
    [0.0001234, '1.234e-4'],
    [123456, '1.235e5'],
    [0, '0'],
    [NaN, 'NaN'],
    [-Infinity, '-∞'],
    [null, '—'],
  ])('writes %s as %s', (value, text) => {
    expect(formatMetric(value)).toBe(text);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [3 * 1024 ** 2, '3.0 MiB'],
  ])('writes %s as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [45_000, '45 s'],
    [125_000, '2 min 5 s'],
    [3_725_000, '1 h 2 min'],
    [-5, '0 s'],
  ])('writes %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
