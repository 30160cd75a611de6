import type { Dataset, XorSpec } from '../../../shared/dataset';
import { validateDatasetSpec } from './dataset-spec';
import { assemblePointSet } from './point-set';
import { SeededRandom } from './seeded-random';

/**
 * The XOR problem: points uniform in [-1, 1]², class 1 ('opposite sign') when x and y have
 * opposite signs, class 0 ('same sign') otherwise. The class is decided on the clean point, then
 * Gaussian noise of std `noise` is added to each coordinate, so points near the axes may lie on
 * the "wrong" side, as in real data. Deterministic for a seed.
 *
 * @throws ConfigError when an option is out of range (see `XorSpec`).
 * @example generateXor({ samples: 100, seed: 3 }).info.classNames -> ['same sign', 'opposite sign']
 */
export function generateXor(args: Omit<XorSpec, 'kind'> = {}): Dataset {
  const spec = validateDatasetSpec({ ...args, kind: 'xor' });
  const random = new SeededRandom(spec.seed);
  const points = new Float64Array(spec.samples * 2);
  const labels = new Int32Array(spec.samples);
  for (let i = 0; i < spec.samples; i++) {
    const x = random.uniform(-1, 1);
    const y = random.uniform(-1, 1);
    labels[i] = x < 0 !== y < 0 ? 1 : 0;
    points[2 * i] = x + spec.noise * random.normal();
    points[2 * i + 1] = y + spec.noise * random.normal();
  }
  return assemblePointSet({ spec, name: 'XOR', classNames: ['same sign', 'opposite sign'], points, labels });
}
