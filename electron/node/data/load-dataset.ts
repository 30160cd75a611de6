import type { Dataset } from '../../../shared/dataset';
import { validateDatasetSpec } from './dataset-spec';
import { generateSpirals } from './generate-spirals';
import { generateXor } from './generate-xor';
import { loadCsvDataset, type CsvFileSystem } from './load-csv-dataset';
import { loadIris } from './load-iris';
import { loadMnist } from './load-mnist';

/** Injected I/O of `loadDataset` (tests). */
export interface LoadDatasetIo {
  /** File system for CSV files. Defaults to `node:fs`. */
  csvFileSystem?: CsvFileSystem;
  /** Folder of the `mnist` package's digit files (a packaged app ships them). Defaults to the installed package. */
  mnistDigitsDir?: string;
}

/**
 * Loads the data set a spec names (see `DatasetSpec` in shared/dataset.ts). The spec may come from
 * anywhere (the renderer, a config file): it is checked first, unknown fields included.
 *
 * @example await loadDataset({ kind: 'iris' }) -> info.splitSizes { train: 90, validation: 30, test: 30 }
 * @throws ConfigError for a bad spec; DataError for data that cannot be read or used.
 */
export async function loadDataset(spec: unknown, io: LoadDatasetIo = {}): Promise<Dataset> {
  const valid = validateDatasetSpec(spec);
  switch (valid.kind) {
    case 'mnist':
      return loadMnist({ shape: valid.shape, digitsDir: io.mnistDigitsDir });
    case 'iris':
      return loadIris({ seed: valid.seed });
    case 'spirals': {
      const { kind: _, ...args } = valid;
      return generateSpirals(args);
    }
    case 'xor': {
      const { kind: _, ...args } = valid;
      return generateXor(args);
    }
    case 'csv': {
      const { kind: _, ...args } = valid;
      return loadCsvDataset(args, io.csvFileSystem);
    }
  }
}
