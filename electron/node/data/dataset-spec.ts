import type {
  CsvSpec,
  DatasetKind,
  DatasetTask,
  ResolvedDatasetSpec,
} from '../../../shared/dataset';
import { ConfigError } from '../../../shared/errors';
import { computeSplitSizes } from './split-indices';

/** Default fraction held out for validation (generated sets and CSV files). */
export const DEFAULT_VALIDATION_SPLIT = 0.15;
/** Default fraction held out for testing (generated sets and CSV files). */
export const DEFAULT_TEST_SPLIT = 0.15;
/** Default seed of every seeded split and generator. */
export const DEFAULT_SEED = 0;
/** Default number of points of a generated set. */
export const DEFAULT_GENERATED_SAMPLES = 500;
/** Bounds on the number of points of a generated set. */
export const GENERATED_SAMPLES_RANGE = { min: 20, max: 1_000_000 } as const;
/** Default noise (standard deviation per coordinate) of each generated set. */
export const DEFAULT_NOISE = { spirals: 0.05, xor: 0.1 } as const;

/** A validated CSV spec: defaults filled in except `labelColumn` and `task`, which only the file can settle. */
export type ValidatedCsvSpec = Required<Omit<CsvSpec, 'labelColumn' | 'task'>> & Pick<CsvSpec, 'labelColumn' | 'task'>;

/** A validated spec: every default filled in, except what a CSV file settles when it is read. */
export type ValidatedDatasetSpec = Exclude<ResolvedDatasetSpec, { kind: 'csv' }> | ValidatedCsvSpec;

const KINDS: DatasetKind[] = ['mnist', 'iris', 'spirals', 'xor', 'csv'];

const FIELDS: Record<DatasetKind, string[]> = {
  mnist: ['kind', 'shape'],
  iris: ['kind', 'seed'],
  spirals: ['kind', 'samples', 'noise', 'seed', 'validationSplit', 'testSplit'],
  xor: ['kind', 'samples', 'noise', 'seed', 'validationSplit', 'testSplit'],
  csv: ['kind', 'path', 'labelColumn', 'task', 'validationSplit', 'testSplit', 'seed'],
};

/**
 * Checks a dataset spec that may come from anywhere (the renderer, a config file, the CLI) and
 * fills in its defaults. Unknown fields are refused, so a misspelt option is never ignored.
 *
 * @throws ConfigError naming the field, what was received and what is expected.
 * @example validateDatasetSpec({ kind: 'xor', seed: 7 })
 *   -> { kind: 'xor', samples: 500, noise: 0.1, seed: 7, validationSplit: 0.15, testSplit: 0.15 }
 * @example validateDatasetSpec({ kind: 'iris', seed: -1 })
 *   -> throws ConfigError 'Dataset spec (iris): "seed" must be an integer from 0 to 4294967295; received -1.'
 */
export function validateDatasetSpec<K extends DatasetKind>(
  spec: { kind: K },
): Extract<ValidatedDatasetSpec, { kind: K }>;
export function validateDatasetSpec(spec: unknown): ValidatedDatasetSpec;
export function validateDatasetSpec(spec: unknown): ValidatedDatasetSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new ConfigError(
      `Dataset spec must be an object such as { kind: 'iris' }; received ${describe(spec)}.`,
    );
  }
  const record = spec as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) {
    throw new ConfigError(
      `Dataset spec: "kind" must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}; received ${describe(kind)}.`,
    );
  }
  const k = kind as DatasetKind;
  const unknown = Object.keys(record).filter((key) => !FIELDS[k].includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Dataset spec (${k}): unknown field ${unknown.map((u) => `"${u}"`).join(', ')}; ` +
        `the fields of '${k}' are ${FIELDS[k].map((f) => `"${f}"`).join(', ')}.`,
    );
  }
  const field = new FieldReader(k, record);

  switch (k) {
    case 'mnist':
      return { kind: 'mnist', shape: field.oneOf('shape', ['image', 'flat'] as const, 'image') };
    case 'iris':
      return { kind: 'iris', seed: field.seed() };
    case 'spirals':
    case 'xor': {
      const samples = field.integer('samples', GENERATED_SAMPLES_RANGE.min, GENERATED_SAMPLES_RANGE.max, DEFAULT_GENERATED_SAMPLES);
      const noise = field.number('noise', 0, 1, DEFAULT_NOISE[k]);
      const seed = field.seed();
      const { validationSplit, testSplit } = field.splits();
      const sizes = computeSplitSizes(samples, validationSplit, testSplit);
      if (sizes.train < 1) {
        throw new ConfigError(
          `Dataset spec (${k}): ${samples} samples with validationSplit ${validationSplit} and testSplit ${testSplit} ` +
            `leave ${Math.max(0, sizes.train)} for training; raise "samples" or lower the split fractions.`,
        );
      }
      return { kind: k, samples, noise, seed, validationSplit, testSplit };
    }
    case 'csv': {
      const path = record.path;
      if (typeof path !== 'string' || path.trim() === '') {
        throw new ConfigError(
          `Dataset spec (csv): "path" must be the path of a CSV file; received ${describe(path)}.`,
        );
      }
      const labelColumn = record.labelColumn;
      if (labelColumn !== undefined && (typeof labelColumn !== 'string' || labelColumn.trim() === '')) {
        throw new ConfigError(
          `Dataset spec (csv): "labelColumn" must be a column name from the CSV header, or left out for the last column; received ${describe(labelColumn)}.`,
        );
      }
      const task = record.task;
      if (task !== undefined && task !== 'classification' && task !== 'regression') {
        throw new ConfigError(
          `Dataset spec (csv): "task" must be 'classification' or 'regression', or left out to infer it from the label column; received ${describe(task)}.`,
        );
      }
      const { validationSplit, testSplit } = field.splits();
      const result: ValidatedCsvSpec = { kind: 'csv', path, validationSplit, testSplit, seed: field.seed() };
      if (labelColumn !== undefined) result.labelColumn = labelColumn.trim();
      if (task !== undefined) result.task = task as DatasetTask;
      return result;
    }
  }
}

/** Reads and checks the optional fields of one spec, filling in defaults. */
class FieldReader {
  constructor(
    private readonly kind: DatasetKind,
    private readonly record: Record<string, unknown>,
  ) {}

  number(name: string, min: number, max: number, fallback: number, maxExclusive = false): number {
    const value = this.record[name];
    if (value === undefined) return fallback;
    const ok =
      typeof value === 'number' && Number.isFinite(value) && value >= min && (maxExclusive ? value < max : value <= max);
    if (!ok) {
      const range = maxExclusive ? `in [${min}, ${max})` : `from ${min} to ${max}`;
      throw new ConfigError(`Dataset spec (${this.kind}): "${name}" must be a number ${range}; received ${describe(value)}.`);
    }
    return value as number;
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.record[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(
        `Dataset spec (${this.kind}): "${name}" must be an integer from ${min} to ${max}; received ${describe(value)}.`,
      );
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.record[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new ConfigError(
        `Dataset spec (${this.kind}): "${name}" must be ${allowed.map((a) => `'${a}'`).join(' or ')}; received ${describe(value)}.`,
      );
    }
    return value as T;
  }

  seed(): number {
    return this.integer('seed', 0, 0xffffffff, DEFAULT_SEED);
  }

  splits(): { validationSplit: number; testSplit: number } {
    const validationSplit = this.number('validationSplit', 0, 1, DEFAULT_VALIDATION_SPLIT, true);
    const testSplit = this.number('testSplit', 0, 1, DEFAULT_TEST_SPLIT, true);
    if (validationSplit + testSplit >= 1) {
      throw new ConfigError(
        `Dataset spec (${this.kind}): "validationSplit" + "testSplit" must be below 1 so that samples are left for training; ` +
          `received ${validationSplit} + ${testSplit}.`,
      );
    }
    return { validationSplit, testSplit };
  }
}

/** A received value for a message: strings quoted, everything else as JSON (or its type). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
