import { describe, expect, it } from 'vitest';
import { loggedMetricNames } from '../../shared/logged-metrics';

describe('loggedMetricNames', () => {
  it.each([
    ['classification', ['loss', 'acc', 'val_loss', 'val_acc']],
    ['regression', ['loss', 'mae', 'val_loss', 'val_mae']],
    [null, ['loss', 'val_loss']],
  ] as const)('lists what a %s model logs, training names first', (task, names) => {
    expect(loggedMetricNames(task)).toEqual(names);
  });
});
