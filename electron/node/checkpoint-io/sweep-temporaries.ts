/**
 * Recovery after a crash: finishes or rolls back interrupted checkpoint writes and deletes their
 * leftover temporaries. Touches only entries named with our exact temporary pattern, whose writer
 * is no longer running, and (for directories) that hold nothing but checkpoint files.
 */
import * as path from 'node:path';

import { type CheckpointFs, defaultCheckpointFs, errorCode, fsyncDirectory, inspectTarget, OWN_FILE_NAMES,
  removeOwnDirectory } from './checkpoint-fs';
import { verifyCheckpoint } from './checkpoint-reader';
import { isHeldByLiveWriter, parseTemporaryName, type TemporaryName } from './temporary-names';

/** What a sweep did. Paths are absolute. */
export interface SweepReport {
  /** Targets completed by renaming a complete, verified new checkpoint into place. */
  rolledForward: string[];
  /** Targets restored from the previous checkpoint that an interrupted replace had moved aside. */
  restored: string[];
  /** Temporaries deleted. */
  removed: string[];
  /** Temporaries kept, with why (a write still running, a stranger's file inside, ...). */
  leftAlone: { path: string; reason: string }[];
}

/** Options of `sweepTemporaries` and `recoverTarget`. */
export interface SweepArgs {
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
  /** How many folder levels below the root to visit (the root is level 0). Defaults to 8. */
  maxDepth?: number;
}

/** Default folder depth of sweeps and listings. */
export const DEFAULT_MAX_DEPTH = 8;

/** An empty report. */
export function emptySweepReport(): SweepReport {
  return { rolledForward: [], restored: [], removed: [], leftAlone: [] };
}

/**
 * Walks `root` (symbolic links are not followed) and recovers every interrupted write found:
 * when a target is missing and its moved-aside old checkpoint exists, the new checkpoint of the
 * same write is renamed into place if it is complete and verifies, else the old one is restored;
 * then the remaining temporaries are deleted. A missing root is an empty sweep.
 */
export async function sweepTemporaries(root: string, args: SweepArgs = {}): Promise<SweepReport> {
  const fs = args.fs ?? defaultCheckpointFs;
  const maxDepth = args.maxDepth ?? DEFAULT_MAX_DEPTH;
  const report = emptySweepReport();
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await readEntries(fs, dir);
    if (entries === null) return;
    await recoverEntries(fs, dir, entries, undefined, report);
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (entry.isDirectory() && parseTemporaryName(entry.name) === null) {
        await visit(path.join(dir, entry.name), depth + 1);
      }
    }
  };
  await visit(path.resolve(root), 0);
  return report;
}

/**
 * Recovers the interrupted writes of one target, `<parent>/<name>`, as `sweepTemporaries` does.
 * The checkpoint writer calls it before every write, so a crash is repaired even without a sweep.
 */
export async function recoverTarget(parent: string, name: string, args: SweepArgs = {}): Promise<SweepReport> {
  const fs = args.fs ?? defaultCheckpointFs;
  const report = emptySweepReport();
  const entries = await readEntries(fs, parent);
  if (entries !== null) await recoverEntries(fs, parent, entries, name, report);
  return report;
}

interface Entry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

interface Temporary extends TemporaryName {
  path: string;
  isDirectory: boolean;
  isFile: boolean;
}

async function readEntries(fs: CheckpointFs, dir: string): Promise<Entry[] | null> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

async function recoverEntries(
  fs: CheckpointFs,
  dir: string,
  entries: Entry[],
  onlyTarget: string | undefined,
  report: SweepReport,
): Promise<void> {
  const groups = new Map<string, Temporary[]>();
  for (const entry of entries) {
    const parsed = parseTemporaryName(entry.name);
    if (parsed === null || (onlyTarget !== undefined && parsed.target !== onlyTarget)) continue;
    const temporary = { ...parsed, path: path.join(dir, entry.name), isDirectory: entry.isDirectory(),
      isFile: entry.isFile() };
    groups.set(parsed.target, [...(groups.get(parsed.target) ?? []), temporary]);
  }
  for (const [target, temporaries] of groups) {
    try {
      await recoverGroup(fs, dir, target, temporaries, report);
    } catch (error) {
      for (const temporary of temporaries) {
        report.leftAlone.push({ path: temporary.path, reason: `recovery failed: ${(error as Error).message}` });
      }
    }
  }
}

async function recoverGroup(
  fs: CheckpointFs,
  dir: string,
  name: string,
  temporaries: Temporary[],
  report: SweepReport,
): Promise<void> {
  const target = path.join(dir, name);
  const dead: Temporary[] = [];
  for (const temporary of temporaries) {
    if (isHeldByLiveWriter(temporary.path, temporary.pid)) {
      report.leftAlone.push({ path: temporary.path, reason: `a write in progress (process ${temporary.pid})` });
    } else {
      dead.push(temporary);
    }
  }
  if (dead.length === 0) return;

  const consumed = new Set<Temporary>();
  let targetState = (await inspectTarget(fs, target)).state;
  if (targetState === 'absent') {
    // Interrupted between "old aside" and "new in place": newest old first.
    const olds = dead.filter((t) => t.kind === 'old' && t.isDirectory);
    const mtimes = new Map<Temporary, number>();
    for (const old of olds) mtimes.set(old, (await fs.lstat(old.path)).mtimeMs);
    olds.sort((a, b) => (mtimes.get(b) ?? 0) - (mtimes.get(a) ?? 0));
    for (const old of olds) {
      const fresh = dead.find((t) => t.kind === 'tmp' && t.isDirectory && t.pid === old.pid && t.token === old.token);
      if (fresh !== undefined && await isCompleteCheckpoint(fs, fresh.path)) {
        await fs.rename(fresh.path, target);
        await fsyncDirectory(fs, dir);
        consumed.add(fresh);
        report.rolledForward.push(target);
        targetState = 'ours';
        break;
      }
      if ((await inspectTarget(fs, old.path)).state === 'ours') {
        await fs.rename(old.path, target);
        await fsyncDirectory(fs, dir);
        consumed.add(old);
        report.restored.push(target);
        targetState = 'ours';
        break;
      }
    }
  }

  for (const temporary of dead) {
    if (consumed.has(temporary)) continue;
    if (temporary.isFile && temporary.kind === 'tmp') {
      // A single-file temporary of the file IO handler.
      await fs.unlink(temporary.path);
      report.removed.push(temporary.path);
    } else if (!temporary.isDirectory) {
      report.leftAlone.push({ path: temporary.path, reason: 'not a directory the workbench writes' });
    } else if (temporary.kind === 'old' && targetState !== 'ours') {
      report.leftAlone.push({
        path: temporary.path,
        reason: `${target} is not a checkpoint now, so this earlier checkpoint may be the only copy`,
      });
    } else if (await removeOwnDirectory(fs, temporary.path)) {
      report.removed.push(temporary.path);
    } else {
      report.leftAlone.push({ path: temporary.path, reason: 'it holds files the workbench did not write' });
    }
  }
}

/** A new checkpoint that is complete: only checkpoint files, a valid sidecar, every file verified. */
async function isCompleteCheckpoint(fs: CheckpointFs, dir: string): Promise<boolean> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    if (entries.some((entry) => !entry.isFile() || !OWN_FILE_NAMES.has(entry.name))) return false;
    await verifyCheckpoint(dir, { fs });
    return true;
  } catch {
    return false;
  }
}
