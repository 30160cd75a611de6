/**
 * The replay tool's scenario format (semantics.md section D): scripted logs that drive the real
 * ModelCheckpoint instead of training. Parsed losslessly, so a float literal such as `2.0` stays a
 * float where Keras would see one (`save_freq: 2.0` is refused, as in Keras).
 */
import { parse as parseLosslessJson } from 'lossless-json';
import { z } from 'zod';
import { ConfigError } from '../../../shared/errors';
import type { LogRecord } from '../../../shared/checkpoint-record';
import type { MetricDirection } from '../../../shared/monitor-direction';

/** A JSON number literal written with a fraction or exponent (`2.0`, `1e-05`): a Python float. */
class FloatLiteral {
  constructor(readonly value: number) {}
}

/** A scenario, validated and normalised: numbers decoded, arrays marked, options as given. */
export interface Scenario {
  name?: string;
  description?: string;
  /** Options as the scenario names them (Keras snake_case, or the workbench's camelCase extras). */
  options: Record<string, unknown>;
  stepsPerEpoch: number;
  initialEpoch: number;
  modelMetrics: MetricDirection[];
  preExistingDirs: string[];
  preExistingFiles: string[];
  epochs: Array<{ epochLogs: LogRecord; batches: LogRecord[]; batchIndices: number[] }>;
  fakeSaveErrors: Array<{ call: number; type: string; message: string }>;
}

const logValue = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']),
  z.object({ __array__: z.array(z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])])) }).strict(),
  z.null(),
]);
const logs = z.record(z.string(), logValue);
const relativePath = z.string().min(1);

const scenarioSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    options: z.record(z.string(), z.unknown()),
    steps_per_epoch: z.number().int().min(0),
    initial_epoch: z.number().int().min(0).optional(),
    model_metrics: z.array(z.object({ name: z.string(), direction: z.enum(['up', 'down']) })).optional(),
    pre_existing_dirs: z.array(relativePath).optional(),
    pre_existing_files: z.array(relativePath).optional(),
    epochs: z.array(
      z.object({
        epoch_logs: logs.nullable().optional(),
        batches: z.array(logs.nullable()).optional(),
        batch_indices: z.array(z.number().int().min(0)).optional(),
      }),
    ),
    fake_save_errors: z
      .array(z.object({ call: z.number().int().min(1), type: z.string().min(1), message: z.string() }))
      .optional(),
  })
  .passthrough();

/** Keras option names in the scenario mapped to the callback's camelCase names. */
const SNAKE_TO_CAMEL: Record<string, string> = {
  save_best_only: 'saveBestOnly',
  save_weights_only: 'saveWeightsOnly',
  save_freq: 'saveFreq',
  initial_value_threshold: 'initialValueThreshold',
  save_top_k: 'saveTopK',
  save_last: 'saveLast',
  every_n_epochs: 'everyNEpochs',
  include_optimizer: 'includeOptimizer',
};

/**
 * Parses scenario JSON text. `source` names the file in error messages.
 * Throws `ConfigError` naming the file and the field that is wrong.
 */
export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = parseLosslessJson(text, null, (literal: string) =>
      /[.eE]/.test(literal) ? new FloatLiteral(Number(literal)) : Number(literal),
    );
  } catch (error) {
    throw new ConfigError(`Scenario ${source} is not valid JSON: ${(error as Error).message}`);
  }
  // Keep the original literal kind of save_freq (Keras refuses the float 2.0 but accepts the int 2).
  const rawOptions = (raw as { scenario?: unknown; options?: unknown }) ?? {};
  const scenarioRoot = isRecord(rawOptions) && isRecord(rawOptions.scenario) ? rawOptions.scenario : rawOptions;
  const saveFreqLiteral = isRecord(scenarioRoot) && isRecord(scenarioRoot.options) ? scenarioRoot.options.save_freq : undefined;
  const plain = unwrapFloats(scenarioRoot);

  const parsed = scenarioSchema.safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new ConfigError(
      `Scenario ${source} has an invalid field '${where}': ${issue.message}. ` +
        'See shared/keras-checkpoint/semantics.md section D for the scenario format.',
    );
  }
  const scenario = parsed.data;

  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(scenario.options)) {
    const name = SNAKE_TO_CAMEL[key] ?? key;
    // Numbers may be written "NaN", "Infinity", "-Infinity" (section D); the numeric options take them.
    options[name] = NUMERIC_OPTIONS.has(name) && isSpecialNumber(value) ? decodeScalar(value) : value;
  }
  if (saveFreqLiteral instanceof FloatLiteral && Number.isInteger(saveFreqLiteral.value)) {
    // Python's str(2.0) is '2.0': passing the text keeps Keras's refusal and its exact message.
    options.saveFreq = saveFreqLiteral.value.toFixed(1);
  }

  return {
    name: scenario.name,
    description: scenario.description,
    options,
    stepsPerEpoch: scenario.steps_per_epoch,
    initialEpoch: scenario.initial_epoch ?? 0,
    modelMetrics: scenario.model_metrics ?? [],
    preExistingDirs: scenario.pre_existing_dirs ?? [],
    preExistingFiles: scenario.pre_existing_files ?? [],
    epochs: scenario.epochs.map((epoch) => {
      const batches = epoch.batches?.map((b) => decodeLogs(b ?? {}));
      const count = batches?.length ?? epoch.batch_indices?.length ?? scenario.steps_per_epoch;
      return {
        epochLogs: decodeLogs(epoch.epoch_logs ?? {}),
        batches: batches ?? Array.from({ length: count }, () => ({})),
        batchIndices: epoch.batch_indices ?? Array.from({ length: count }, (_, i) => i),
      };
    }),
    fakeSaveErrors: scenario.fake_save_errors ?? [],
  };
}

type RawLogValue = z.infer<typeof logValue>;

/** Options whose value is a number (Python float or int) in Keras. */
const NUMERIC_OPTIONS: ReadonlySet<string> = new Set(['initialValueThreshold', 'saveFreq', 'verbose']);

function isSpecialNumber(value: unknown): value is 'NaN' | 'Infinity' | '-Infinity' {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity';
}

/** Decodes `"NaN"`/`"Infinity"` strings and `{__array__}` values; a null value counts as absent. */
function decodeLogs(values: Record<string, RawLogValue>): LogRecord {
  const out: LogRecord = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue;
    if (typeof value === 'object') out[key] = value.__array__.map(decodeScalar);
    else out[key] = decodeScalar(value);
  }
  return out;
}

function decodeScalar(value: number | 'NaN' | 'Infinity' | '-Infinity'): number {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

function unwrapFloats(value: unknown): unknown {
  if (value instanceof FloatLiteral) return value.value;
  if (Array.isArray(value)) return value.map(unwrapFloats);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapFloats(v)]));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof FloatLiteral);
}
