import type { Dataset, SpiralsSpec } from '../../../shared/dataset';
import { validateDatasetSpec } from './dataset-spec';
import { assemblePointSet } from './point-set';
import { SeededRandom } from './seeded-random';

/** How many turns each spiral makes, as in the TensorFlow Playground's spiral set. */
const TURNS = 1.75;

/**
 * Two interleaved spirals, one per class: point k of n on spiral c (0 or 1) is at radius
 * `t = (k + 0.5) / n` and angle `2π·1.75·t + c·π`, plus Gaussian noise of std `noise` on each
 * coordinate. Class 0 gets the extra point when `samples` is odd. Deterministic for a seed.
 *
 * @throws ConfigError when an option is out of range (see `SpiralsSpec`).
 * @example generateSpirals({ samples: 200, noise: 0, seed: 1 }).info.splitSizes
 *   -> { train: 140, validation: 30, test: 30 }
 */
export function generateSpirals(args: Omit<SpiralsSpec, 'kind'> = {}): Dataset {
  const spec = validateDatasetSpec({ ...args, kind: 'spirals' });
  const random = new SeededRandom(spec.seed);
  const points = new Float64Array(spec.samples * 2);
  const labels = new Int32Array(spec.samples);
  const perClass = [Math.ceil(spec.samples / 2), Math.floor(spec.samples / 2)];
  let i = 0;
  for (let c = 0; c < 2; c++) {
    const n = perClass[c]!;
    for (let k = 0; k < n; k++, i++) {
      const t = (k + 0.5) / n;
      const angle = 2 * Math.PI * TURNS * t + c * Math.PI;
      points[2 * i] = t * Math.cos(angle) + spec.noise * random.normal();
      points[2 * i + 1] = t * Math.sin(angle) + spec.noise * random.normal();
      labels[i] = c;
    }
  }
  return assemblePointSet({ spec, name: 'Two spirals', classNames: ['spiral A', 'spiral B'], points, labels });
}
