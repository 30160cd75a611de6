import type { BuiltinDatasetEntry } from '../../../shared/dataset';
import { validateDatasetSpec } from './dataset-spec';

/**
 * The data sets that need no file, for a picker: plain data, each with the spec that loads it
 * with its defaults (pass `defaultSpec`, or a copy with changed fields, to `loadDataset`).
 *
 * @example listBuiltinDatasets().map((d) => d.kind) -> ['mnist', 'iris', 'spirals', 'xor']
 */
export function listBuiltinDatasets(): BuiltinDatasetEntry[] {
  const spirals = validateDatasetSpec({ kind: 'spirals' });
  const xor = validateDatasetSpec({ kind: 'xor' });
  return [
    {
      kind: 'mnist',
      name: 'MNIST',
      description:
        '10,000 real 28x28 handwritten digits (0-9) from the "mnist" package, split 8000/1000/1000. ' +
        'Shape [28, 28, 1] for convolutional nets or [784] for MLPs.',
      task: 'classification',
      samples: 10_000,
      defaultSpec: validateDatasetSpec({ kind: 'mnist' }),
    },
    {
      kind: 'iris',
      name: 'Iris',
      description:
        "Fisher's 150 iris flowers: 4 measurements, 3 species, split 90/30/30, features standardised. Trains in seconds.",
      task: 'classification',
      samples: 150,
      defaultSpec: validateDatasetSpec({ kind: 'iris' }),
    },
    {
      kind: 'spirals',
      name: 'Two spirals',
      description:
        'Two interleaved spirals in the plane, one per class, with Gaussian noise; needs a non-linear model. Seeded.',
      task: 'classification',
      samples: spirals.samples,
      defaultSpec: spirals,
    },
    {
      kind: 'xor',
      name: 'XOR',
      description:
        'Points in the square [-1, 1]², class by whether x and y have opposite signs, with Gaussian noise. Seeded.',
      task: 'classification',
      samples: xor.samples,
      defaultSpec: xor,
    },
  ];
}
