/**
 * The narrow file-system surface the checkpoint writer, reader and store use, and the small
 * helpers built on it (directory fsync, removing a directory of ours, inspecting a target).
 * Injectable so tests can simulate a full disk or a failing rename without a real one.
 */
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import { CHECKPOINT_FILES, CHECKPOINT_FORMAT } from '../../../shared/checkpoint-record';

/** The `fs/promises` functions the checkpoint code calls. Pass a wrapped copy to inject faults. */
export type CheckpointFs = Pick<
  typeof nodeFs,
  'open' | 'mkdir' | 'rename' | 'unlink' | 'rmdir' | 'readdir' | 'lstat' | 'stat' | 'readFile'
>;

/** The real file system. */
export const defaultCheckpointFs: CheckpointFs = nodeFs;

/** The only file names a checkpoint directory (or one of our temporaries) may contain. */
export const OWN_FILE_NAMES: ReadonlySet<string> = new Set(Object.values(CHECKPOINT_FILES));

/**
 * Flushes a directory's entries (new names, renames) to disk. Needed on Linux and macOS for a
 * rename to survive a power loss; Windows cannot open a directory for this, so it is skipped there.
 */
export async function fsyncDirectory(fs: CheckpointFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a path holds, as far as checkpoint writing is concerned. */
export type TargetState =
  | { state: 'absent' }
  | { state: 'ours' }
  | { state: 'foreign'; what: string };

/**
 * Says whether `dir` is absent, one of our checkpoints (a real directory whose `checkpoint.json`
 * has our `format` and which holds nothing but checkpoint files), or something else, described
 * for an error message ("a file", "a folder without checkpoint.json", ...).
 *
 * A checkpoint that a user added a file to counts as foreign: replacing it would delete that file.
 */
export async function inspectTarget(fs: CheckpointFs, dir: string): Promise<TargetState> {
  let stats;
  try {
    stats = await fs.lstat(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  if (stats.isSymbolicLink()) return { state: 'foreign', what: 'a symbolic link' };
  if (!stats.isDirectory()) return { state: 'foreign', what: 'a file' };
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.map((entry) => entry.name);
  if (!names.includes(CHECKPOINT_FILES.sidecar)) {
    return {
      state: 'foreign',
      what: names.length === 0
        ? `an empty folder (not a checkpoint: no ${CHECKPOINT_FILES.sidecar})`
        : `a folder that is not a checkpoint (no ${CHECKPOINT_FILES.sidecar})`,
    };
  }
  let format: unknown;
  try {
    const text = await fs.readFile(path.join(dir, CHECKPOINT_FILES.sidecar), 'utf8');
    format = (JSON.parse(text) as { format?: unknown } | null)?.format;
  } catch {
    return { state: 'foreign', what: `a folder whose ${CHECKPOINT_FILES.sidecar} cannot be read as JSON` };
  }
  if (format !== CHECKPOINT_FORMAT) {
    return {
      state: 'foreign',
      what: `a folder whose ${CHECKPOINT_FILES.sidecar} is not a Training Workbench checkpoint sidecar`,
    };
  }
  const strangers = entries.filter((entry) => !entry.isFile() || !OWN_FILE_NAMES.has(entry.name));
  if (strangers.length > 0) {
    const list = strangers.map((entry) => entry.name).sort().join(', ');
    return { state: 'foreign', what: `a checkpoint folder that also holds files the workbench did not write (${list})` };
  }
  return { state: 'ours' };
}

/**
 * Removes a directory only if it holds nothing but regular files with our checkpoint file names
 * (or nothing at all). Returns false, touching nothing, when it holds anything else.
 * A directory that is already gone counts as removed.
 */
export async function removeOwnDirectory(fs: CheckpointFs, dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  if (entries.some((entry) => !entry.isFile() || !OWN_FILE_NAMES.has(entry.name))) return false;
  for (const entry of entries) {
    try {
      await fs.unlink(path.join(dir, entry.name));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }
  try {
    await fs.rmdir(dir);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  return true;
}

/** The `code` of a Node system error (`ENOENT`, `ENOSPC`, ...), or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
