/**
 * The file-system half of writing a checkpoint, without TensorFlow.js: given the model's artifacts
 * (already collected) and a complete sidecar, writes `model.json` (or `weights.json`),
 * `weights.bin` and, last, the `checkpoint.json` sidecar recording every other file's size and
 * SHA-256, atomically (see `writeDirectoryAtomically`). `writeCheckpoint` (checkpoint-writer.ts)
 * is the front that collects and fills in defaults; the writer thread runs this half alone.
 */
import {
  CHECKPOINT_FILES,
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointFileRecord,
  type CheckpointSidecar,
} from '../../../shared/checkpoint-record';
import { type AtomicWriteStepInfo, writeDirectoryAtomically, type WriteProfile } from './atomic-directory';
import type { CheckpointFs } from './checkpoint-fs';
import { sidecarProblem } from './checkpoint-reader';
import type { CollectedModelArtifacts } from './model-artifacts';

/**
 * The sidecar fields the caller decides. The writer sets `format`, `version`, `kind`,
 * `includesOptimizer` and `files` (values passed for them are ignored). `createdAt`, `backend`
 * and `tfjsVersion` default to now, the active tfjs backend (`none` before one is initialised)
 * and the tfjs version.
 */
export type CheckpointSidecarInput =
  Omit<CheckpointSidecar, 'format' | 'version' | 'kind' | 'includesOptimizer' | 'files' | 'createdAt' | 'backend' | 'tfjsVersion'>
  & Partial<Pick<CheckpointSidecar, 'format' | 'version' | 'createdAt' | 'backend' | 'tfjsVersion'>>;

/** A sidecar input with every default resolved (what this half needs). */
export type ResolvedSidecarInput = CheckpointSidecarInput & Pick<CheckpointSidecar, 'createdAt' | 'backend' | 'tfjsVersion'>;

/** The artifacts as plain data (what crosses to the writer thread). */
export type ArtifactData = Omit<CollectedModelArtifacts, 'dispose'>;

/** Options of `writeCheckpointFiles`. */
export interface WriteCheckpointFilesArgs {
  kind: CheckpointSidecar['kind'];
  /** The collected artifacts; null for a `'placeholder'` (sidecar only). */
  artifacts: ArtifactData | null;
  /** For `'model'`: whether the optimizer state was asked for (the sidecar's `includesOptimizer`). */
  includeOptimizer: boolean;
  sidecar: ResolvedSidecarInput;
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
  /** Called at each step of the atomic write (progress, crash tests). Defaults to none. */
  onStep?: (info: AtomicWriteStepInfo) => void | Promise<void>;
  /** Filled with where the time went (see `WriteProfile`). Defaults to none. */
  profile?: WriteProfile;
}

/**
 * Writes the checkpoint directory `dir` from collected artifacts. Errors as `writeCheckpoint`'s;
 * an invalid sidecar is a programming error (`Error`).
 */
export async function writeCheckpointFiles(dir: string, args: WriteCheckpointFilesArgs): Promise<CheckpointSidecar> {
  const { kind, artifacts, sidecar: input } = args;
  const base = buildSidecar(kind, input, args.includeOptimizer, []);
  const problem = sidecarProblem(base as unknown as Record<string, unknown>, { requireFiles: false });
  if (problem !== null) throw new Error(`writeCheckpoint: invalid sidecar for ${dir}: ${problem}.`);

  return writeDirectoryAtomically(dir, async (temporary) => {
    const files: CheckpointFileRecord[] = [];
    let includesOptimizer = false;
    if (kind !== 'placeholder' && artifacts !== null) {
      includesOptimizer = artifacts.includesOptimizer;
      // Both at once: the small JSON's write and fsync hide behind the weights'. Wait for both
      // even when one fails, so cleanup never races a write still in progress.
      const settled = await Promise.allSettled([
        temporary.writeFile(artifacts.jsonName, artifacts.json),
        temporary.writeFile(CHECKPOINT_FILES.weights, artifacts.weightChunks),
      ]);
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        files.push(result.value);
      }
    }
    const sidecar = buildSidecar(kind, input, includesOptimizer, files);
    await temporary.writeFile(CHECKPOINT_FILES.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
    return sidecar;
  }, { fs: args.fs, onStep: args.onStep, profile: args.profile });
}

function buildSidecar(
  kind: CheckpointSidecar['kind'],
  input: ResolvedSidecarInput,
  includesOptimizer: boolean,
  files: CheckpointFileRecord[],
): CheckpointSidecar {
  // Fields the writer owns win over anything a caller passes along (a spread of an old sidecar).
  const { format: _format, version: _version, kind: _kind, includesOptimizer: _includes, files: _files, ...rest } =
    input as ResolvedSidecarInput & Partial<Pick<CheckpointSidecar, 'kind' | 'includesOptimizer' | 'files'>>;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_FORMAT_VERSION,
    kind,
    ...rest,
    includesOptimizer: kind === 'model' && includesOptimizer,
    createdAt: input.createdAt,
    backend: input.backend,
    tfjsVersion: input.tfjsVersion,
    files,
  };
}
