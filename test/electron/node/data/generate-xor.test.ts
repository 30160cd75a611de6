import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../shared/errors';
import { generateXor } from '../../../../electron/node/data/generate-xor';

describe('generateXor', () => {
  it('gives the documented class names', () => {
    expect(generateXor({ samples: 100, seed: 3 }).info.classNames).toEqual(['same sign', 'opposite sign']);
  });

  it('gives identical points for the same seed', () => {
    const a = generateXor({ seed: 4, samples: 300 });
    const b = generateXor({ seed: 4, samples: 300 });
    expect(a.train.features).toEqual(b.train.features);
    expect(a.validation.labels).toEqual(b.validation.labels);
  });

  it('gives different points for another seed', () => {
    expect(generateXor({ seed: 4 }).train.features).not.toEqual(generateXor({ seed: 5 }).train.features);
  });

  it('labels noiseless points by whether x and y have opposite signs', () => {
    const { train } = generateXor({ noise: 0, samples: 400, validationSplit: 0, testSplit: 0 });
    for (let i = 0; i < train.size; i++) {
      const x = train.features[2 * i]!;
      const y = train.features[2 * i + 1]!;
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
      expect(Math.abs(y)).toBeLessThanOrEqual(1);
      expect(train.labels[i]).toBe(x < 0 !== y < 0 ? 1 : 0);
    }
  });

  it('has roughly balanced classes in every split', () => {
    const { info } = generateXor({ samples: 1000 });
    for (const counts of Object.values(info.classCounts!)) {
      expect(Math.min(...counts) / Math.max(...counts)).toBeGreaterThan(0.7);
    }
  });

  it('defaults noise to 0.1', () => {
    expect(generateXor().info.spec).toMatchObject({ kind: 'xor', noise: 0.1, samples: 500 });
  });

  it('throws a ConfigError for an unknown option', () => {
    expect(() => generateXor({ sample: 10 } as never)).toThrow(
      new ConfigError(
        'Dataset spec (xor): unknown field "sample"; the fields of \'xor\' are "kind", "samples", "noise", "seed", "validationSplit", "testSplit".',
      ),
    );
  });
});
