/**
 * `workbench evaluate <checkpoint>` and `workbench predict <checkpoint> --input <file>`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, DataError } from '../../../shared/errors';
import { InferenceService } from '../engine/inference-service';
import { RunStore } from '../engine/run-store';
import { parseCsv } from '../data/parse-csv';
import type { CliIo } from './cli-io';
import { resolveCheckpointRef } from './checkpoint-ref';
import { COMMON_OPTIONS, integer, workspaceOf } from './cli-options';
import { formatMetric, formatTable } from './format-table';

const CHECKPOINT_HELP = '<checkpoint> is a checkpoint folder, <run>/<checkpoint id>, or a run id (its best checkpoint).';

/** Runs `workbench evaluate`. */
export async function evaluateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    io.out(`Usage: workbench evaluate <checkpoint> [--workspace <dir>] [--json]\n\nEvaluates a checkpoint on its run's test split.\n${CHECKPOINT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new ConfigError(`workbench evaluate takes one checkpoint; received ${positionals.length}. ${CHECKPOINT_HELP}`);
  const ref = await resolveCheckpointRef(new RunStore(workspaceOf(values)), positionals[0]);
  const inference = new InferenceService({ store: ref.store, emit: () => {} });
  try {
    const result = await inference.evaluate(ref.runId, ref.checkpointId);
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    io.out(`Checkpoint ${ref.runId}/${ref.checkpointId} on ${result.samples} test samples\n`);
    io.out(`${formatTable(['METRIC', 'VALUE'], Object.entries(result.metrics).map(([k, v]) => [k, formatMetric(v)]))}\n`);
    if (result.confusionMatrix) {
      const names = result.classNames;
      io.out('\nConfusion matrix (rows: true class, columns: predicted)\n');
      io.out(`${formatTable(['', ...names], result.confusionMatrix.map((row, i) => [names[i], ...row.map(String)]))}\n`);
    }
    return 0;
  } finally {
    inference.dispose();
  }
}

/** Runs `workbench predict`. */
export async function predictCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, input: { type: 'string' }, 'top-k': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(
      'Usage: workbench predict <checkpoint> --input <file> [--top-k 3] [--workspace <dir>] [--json]\n\n' +
        'Predicts for the inputs in <file>: JSON (an array of feature arrays, or {"inputs": [...]}) or CSV with a header row\n' +
        '(feature columns in the data set\'s order). Raw feature values: the run\'s standardisation is applied.\n' +
        `${CHECKPOINT_HELP}\n`,
    );
    return 0;
  }
  if (positionals.length !== 1) throw new ConfigError(`workbench predict takes one checkpoint; received ${positionals.length}. ${CHECKPOINT_HELP}`);
  if (!values.input) throw new ConfigError('workbench predict needs --input <file> (JSON array of feature arrays, or CSV with a header).');
  const inputs = await readInputs(values.input);
  const topK = values['top-k'] === undefined ? 3 : integer('top-k', values['top-k']);
  const ref = await resolveCheckpointRef(new RunStore(workspaceOf(values)), positionals[0]);
  const inference = new InferenceService({ store: ref.store, emit: () => {} });
  try {
    const result = await inference.predict(ref.runId, ref.checkpointId, inputs, topK);
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const rows = result.predictions.map((p, i) => [
      String(i + 1),
      p.value !== null ? formatMetric(p.value) : p.topK.map((t) => `${t.className} ${(t.probability * 100).toFixed(1)}%`).join(', '),
    ]);
    io.out(`${formatTable(['INPUT', 'PREDICTION'], rows)}\n`);
    return 0;
  } finally {
    inference.dispose();
  }
}

/** Reads prediction inputs from a JSON or CSV file. */
export async function readInputs(file: string): Promise<number[][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError(`Cannot read --input ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new DataError(`--input ${file} is not valid JSON: ${(error as Error).message}.`);
    }
    const rows = Array.isArray(json) ? json : (json as { inputs?: unknown })?.inputs;
    const list = Array.isArray(rows) && rows.length > 0 && !Array.isArray(rows[0]) ? [rows] : rows;
    if (!Array.isArray(list) || list.length === 0 || !list.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'))) {
      throw new DataError(`--input ${file} must hold an array of number arrays (one per input), or {"inputs": [[...], ...]}.`);
    }
    return list as number[][];
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    throw new DataError(`--input ${file} is not valid CSV: ${(error as Error).message}.`);
  }
  if (records.length < 2) throw new DataError(`--input ${file} has no data rows (a header row, then one row per input).`);
  const header = records[0].fields;
  return records.slice(1).map((record) =>
    record.fields.map((cell, col) => {
      const value = Number(cell);
      if (cell.trim() === '' || !Number.isFinite(value)) {
        throw new DataError(`--input ${file} line ${record.line}, column ${col + 1} ('${header[col] ?? ''}'): '${cell}' is not a number.`);
      }
      return value;
    }),
  );
}
