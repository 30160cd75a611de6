/**
 * Reads and checks checkpoint directories: the `checkpoint.json` sidecar (shape validated) and
 * the recorded files (sizes and SHA-256). Every problem is a `CheckpointCorruptError` naming the
 * file and what is wrong with it; a missing checkpoint is a `CheckpointNotFoundError`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';

import {
  CHECKPOINT_FILES,
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointFileRecord,
  type CheckpointSidecar,
} from '../../../shared/checkpoint-record';
import { CheckpointCorruptError, CheckpointNotFoundError } from '../../../shared/errors';
import { type CheckpointFs, defaultCheckpointFs, errorCode, OWN_FILE_NAMES } from './checkpoint-fs';

/** Options of the reading functions. */
export interface ReadCheckpointArgs {
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
}

/** The files each kind of checkpoint must record, besides the sidecar. */
export const REQUIRED_FILES: Record<CheckpointSidecar['kind'], readonly string[]> = {
  model: [CHECKPOINT_FILES.model, CHECKPOINT_FILES.weights],
  weights: [CHECKPOINT_FILES.weightsManifest, CHECKPOINT_FILES.weights],
  placeholder: [],
};

/** Thrown by `parseSidecar` when the JSON is valid but was written by something else. */
export class ForeignSidecarError extends CheckpointCorruptError {}

/**
 * Reads and validates `<dir>/checkpoint.json`.
 * Errors: `CheckpointNotFoundError` when the directory or its sidecar does not exist;
 * `CheckpointCorruptError` naming the file when it is not JSON, not ours, or a field is wrong.
 */
export async function readSidecar(dir: string, args: ReadCheckpointArgs = {}): Promise<CheckpointSidecar> {
  const fs = args.fs ?? defaultCheckpointFs;
  const file = path.join(dir, CHECKPOINT_FILES.sidecar);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const dirExists = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
      throw new CheckpointNotFoundError(
        dirExists
          ? `${dir} is not a checkpoint: it has no ${CHECKPOINT_FILES.sidecar}.`
          : `No checkpoint at ${dir}: the folder does not exist.`,
        { path: dir },
      );
    }
    throw new CheckpointCorruptError(`Cannot read ${file}: ${(error as Error).message}.`, { path: file });
  }
  return parseSidecar(text, file);
}

/**
 * Parses and validates sidecar text; `file` is only used in messages.
 * Errors: `CheckpointCorruptError` (`ForeignSidecarError` when `format` is not ours).
 *
 * @example parseSidecar('{"format":"other"}', '/c/checkpoint.json') throws
 *   'Checkpoint sidecar /c/checkpoint.json is not a Training Workbench checkpoint: format is "other", expected "training-workbench-checkpoint".'
 */
export function parseSidecar(text: string, file: string): CheckpointSidecar {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckpointCorruptError(
      `Checkpoint sidecar ${file} is not valid JSON (${(error as Error).message}); the file is damaged.`,
      { path: file },
    );
  }
  if (!isObject(value)) {
    throw new CheckpointCorruptError(`Checkpoint sidecar ${file} is not a JSON object.`, { path: file });
  }
  if (value.format !== CHECKPOINT_FORMAT) {
    throw new ForeignSidecarError(
      `Checkpoint sidecar ${file} is not a Training Workbench checkpoint: format is ` +
        `${JSON.stringify(value.format) ?? 'missing'}, expected "${CHECKPOINT_FORMAT}".`,
      { path: file },
    );
  }
  const problem = sidecarProblem(value);
  if (problem !== null) {
    throw new CheckpointCorruptError(`Checkpoint sidecar ${file} is invalid: ${problem}.`, { path: file });
  }
  if ((value.version as number) > CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointCorruptError(
      `Checkpoint sidecar ${file} has version ${String(value.version)}, written by a newer Training Workbench; ` +
        `this one reads up to version ${CHECKPOINT_FORMAT_VERSION}. Update the workbench to load it.`,
      { path: file },
    );
  }
  return value as unknown as CheckpointSidecar;
}

/**
 * Describes the first field of a would-be sidecar that does not fit `CheckpointSidecar`, or
 * returns null when it fits. Numbers must be finite (NaN and infinities are stored as strings).
 * With `requireFiles: false` the files a kind needs are not required (a sidecar before writing).
 *
 * @example sidecarProblem({ ...valid, epoch: -1 }) -> '"epoch" must be a non-negative integer, got -1'
 */
export function sidecarProblem(value: Record<string, unknown>, options: { requireFiles?: boolean } = {}): string | null {
  const checks: [string, (v: unknown) => boolean, string][] = [
    ['version', isPositiveInteger, 'a positive integer'],
    ['kind', (v) => v === 'model' || v === 'weights' || v === 'placeholder', '"model", "weights" or "placeholder"'],
    ['epoch', isNonNegativeInteger, 'a non-negative integer'],
    ['batch', (v) => v === null || isNonNegativeInteger(v), 'null or a non-negative integer'],
    ['reason', (v) => v === 'periodic' || v === 'improved' || v === 'fallback' || v === 'last',
      '"periodic", "improved", "fallback" or "last"'],
    ['logs', isLogs, 'an object of numbers, number arrays or encoded numbers ("NaN", "Infinity", "-Infinity")'],
    ['monitor', (v) => typeof v === 'string', 'a string'],
    ['value', isNullableEncodedNumber, 'null, a finite number or "NaN", "Infinity", "-Infinity"'],
    ['best', isNullableEncodedNumber, 'null, a finite number or "NaN", "Infinity", "-Infinity"'],
    ['mode', (v) => v === 'min' || v === 'max', '"min" or "max"'],
    ['includesOptimizer', (v) => typeof v === 'boolean', 'a boolean'],
    ['options', isObject, 'an object'],
    ['createdAt', (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'an ISO-8601 date string'],
    ['backend', (v) => typeof v === 'string', 'a string'],
    ['tfjsVersion', (v) => typeof v === 'string', 'a string'],
    ['files', (v) => Array.isArray(v), 'an array'],
    ['state', isObject, 'an object'],
  ];
  for (const [key, check, expected] of checks) {
    if (!(key in value)) return `"${key}" is missing`;
    if (!check(value[key])) return `"${key}" must be ${expected}, got ${show(value[key])}`;
  }
  const state = value.state as Record<string, unknown>;
  const stateChecks: [string, (v: unknown) => boolean, string][] = [
    ['best', isNullableEncodedNumber, 'null, a finite number or an encoded number'],
    ['batchCounter', isNonNegativeInteger, 'a non-negative integer'],
    ['lastBatchIndex', (v) => v === null || isNonNegativeInteger(v), 'null or a non-negative integer'],
    ['topK', (v) => Array.isArray(v) && v.every(isTopKEntry),
      'an array of { path: string, value: number or null, epoch: integer, batch: integer or null }'],
    ['lastPath', (v) => v === null || typeof v === 'string', 'null or a string'],
  ];
  for (const [key, check, expected] of stateChecks) {
    if (!(key in state)) return `"state.${key}" is missing`;
    if (!check(state[key])) return `"state.${key}" must be ${expected}, got ${show(state[key])}`;
  }
  const files = value.files as unknown[];
  const seen = new Set<string>();
  for (const [index, file] of files.entries()) {
    if (!isObject(file)) return `"files[${index}]" must be an object, got ${show(file)}`;
    if (typeof file.name !== 'string' || !OWN_FILE_NAMES.has(file.name) || file.name === CHECKPOINT_FILES.sidecar) {
      return `"files[${index}].name" must be one of ${[CHECKPOINT_FILES.model, CHECKPOINT_FILES.weightsManifest,
        CHECKPOINT_FILES.weights].join(', ')}, got ${show(file.name)}`;
    }
    if (seen.has(file.name)) return `"files" lists ${file.name} twice`;
    seen.add(file.name);
    if (!isNonNegativeInteger(file.size)) return `"files[${index}].size" must be a non-negative integer, got ${show(file.size)}`;
    if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) {
      return `"files[${index}].sha256" must be 64 lower-case hex digits, got ${show(file.sha256)}`;
    }
  }
  if (options.requireFiles === false) return null;
  for (const required of REQUIRED_FILES[value.kind as CheckpointSidecar['kind']]) {
    if (!seen.has(required)) return `a ${String(value.kind)} checkpoint must record ${required} in "files"`;
  }
  return null;
}

/**
 * Checks every file the sidecar records: present, the recorded size, the recorded SHA-256.
 * Returns the sidecar. Errors: as `readSidecar`, and `CheckpointCorruptError` naming the first
 * missing, truncated or changed file.
 */
export async function verifyCheckpoint(dir: string, args: ReadCheckpointArgs = {}): Promise<CheckpointSidecar> {
  const fs = args.fs ?? defaultCheckpointFs;
  const sidecar = await readSidecar(dir, { fs });
  for (const record of sidecar.files) {
    const file = path.join(dir, record.name);
    const size = await fileSize(fs, file, record);
    checkSize(file, size, record);
    const sha256 = await hashFile(file);
    checkHash(file, sha256, record);
  }
  return sidecar;
}

/**
 * Reads one recorded file whole and checks its size and SHA-256 against `record` while the bytes
 * are in memory (so what is returned is exactly what was verified).
 */
export async function readVerifiedFile(
  dir: string,
  record: CheckpointFileRecord,
  args: ReadCheckpointArgs = {},
): Promise<Buffer> {
  const fs = args.fs ?? defaultCheckpointFs;
  const file = path.join(dir, record.name);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw missingFile(file, record);
    throw new CheckpointCorruptError(`Cannot read checkpoint file ${file}: ${(error as Error).message}.`, { path: file });
  }
  checkSize(file, bytes.byteLength, record);
  checkHash(file, createHash('sha256').update(bytes).digest('hex'), record);
  return bytes;
}

/** The sidecar's record of `name`, or a `CheckpointCorruptError` naming the sidecar. */
export function fileRecord(dir: string, sidecar: CheckpointSidecar, name: string): CheckpointFileRecord {
  const record = sidecar.files.find((file) => file.name === name);
  if (record === undefined) {
    throw new CheckpointCorruptError(
      `Checkpoint sidecar ${path.join(dir, CHECKPOINT_FILES.sidecar)} does not record ${name}.`,
      { path: path.join(dir, CHECKPOINT_FILES.sidecar) },
    );
  }
  return record;
}

async function fileSize(fs: CheckpointFs, file: string, record: CheckpointFileRecord): Promise<number> {
  try {
    const stats = await fs.stat(file);
    if (!stats.isFile()) {
      throw new CheckpointCorruptError(`Checkpoint file ${file} is not a regular file.`, { path: file });
    }
    return stats.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw missingFile(file, record);
    throw error;
  }
}

function missingFile(file: string, record: CheckpointFileRecord): CheckpointCorruptError {
  return new CheckpointCorruptError(
    `Checkpoint file ${file} is missing (${CHECKPOINT_FILES.sidecar} records it with ${record.size} bytes).`,
    { path: file },
  );
}

function checkSize(file: string, size: number, record: CheckpointFileRecord): void {
  if (size < record.size) {
    throw new CheckpointCorruptError(
      `Checkpoint file ${file} is truncated: it has ${size} bytes, ${CHECKPOINT_FILES.sidecar} records ${record.size}.`,
      { path: file },
    );
  }
  if (size > record.size) {
    throw new CheckpointCorruptError(
      `Checkpoint file ${file} was changed after saving: it has ${size} bytes, ` +
        `${CHECKPOINT_FILES.sidecar} records ${record.size}.`,
      { path: file },
    );
  }
}

function checkHash(file: string, sha256: string, record: CheckpointFileRecord): void {
  if (sha256 !== record.sha256) {
    throw new CheckpointCorruptError(
      `Checkpoint file ${file} was changed after saving: its SHA-256 is ${sha256}, ` +
        `${CHECKPOINT_FILES.sidecar} records ${record.sha256}.`,
      { path: file },
    );
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPositiveInteger(value: unknown): value is number {
  return isNonNegativeInteger(value) && value > 0;
}

function isEncodedNumber(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value))
    || value === 'NaN' || value === 'Infinity' || value === '-Infinity';
}

function isNullableEncodedNumber(value: unknown): boolean {
  return value === null || isEncodedNumber(value);
}

function isLogs(value: unknown): boolean {
  if (!isObject(value)) return false;
  return Object.values(value).every((v) => isEncodedNumber(v)
    || (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))));
}

function isTopKEntry(value: unknown): boolean {
  return isObject(value)
    && typeof value.path === 'string'
    && isNullableEncodedNumber(value.value)
    && isNonNegativeInteger(value.epoch)
    && (value.batch === null || isNonNegativeInteger(value.batch));
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
