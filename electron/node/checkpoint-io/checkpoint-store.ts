/**
 * The checkpoint store of a folder (a run, or all runs): lists checkpoints from their sidecars
 * alone (weights are never read), and recovers interrupted writes when opened.
 */
import * as path from 'node:path';

import {
  CHECKPOINT_FILES,
  type CheckpointListing,
  type CheckpointSidecar,
  type CheckpointSummary,
  decodeNumber,
  type UnreadableCheckpoint,
} from '../../../shared/checkpoint-record';
import { toErrorData } from '../../../shared/errors';
import { type CheckpointFs, defaultCheckpointFs, errorCode } from './checkpoint-fs';
import { ForeignSidecarError, readSidecar } from './checkpoint-reader';
import { DEFAULT_MAX_DEPTH, type SweepReport, sweepTemporaries } from './sweep-temporaries';
import { parseTemporaryName } from './temporary-names';

/** File-system reads a listing has in flight at once (a run folder may hold thousands of checkpoints). */
const LIST_CONCURRENCY = 16;

/** Options of `listCheckpoints` and `openStore`. */
export interface ListCheckpointsArgs {
  /** How many folder levels below the root to search (the root is level 0). Defaults to 8. */
  maxDepth?: number;
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
}

/** What `openStore` returns: the listing after recovery, and what the recovery did. */
export interface OpenedStore extends CheckpointListing {
  sweep: SweepReport;
}

/**
 * Finds the checkpoint directories under `root` (the root itself included) by their
 * `checkpoint.json`, without following symbolic links or entering our temporaries, and
 * summarises them from their sidecars, oldest first (by `createdAt`, then id).
 * `isLast` marks the newest. `isBest` marks, for each monitor and mode found, the checkpoint with
 * the best numeric value (the earliest on ties, as strict comparison keeps the first; NaN and
 * missing values never count). A sidecar of another program (a different `format`) is ignored;
 * one of ours that cannot be read is reported in `unreadable`, never thrown. A missing root lists
 * nothing.
 */
export async function listCheckpoints(root: string, args: ListCheckpointsArgs = {}): Promise<CheckpointListing> {
  const fs = args.fs ?? defaultCheckpointFs;
  const maxDepth = args.maxDepth ?? DEFAULT_MAX_DEPTH;
  const absoluteRoot = path.resolve(root);
  const found: { dir: string; sidecar: CheckpointSidecar }[] = [];
  const limit = limiter(LIST_CONCURRENCY);
  const unreadable: UnreadableCheckpoint[] = [];

  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await limit(() => fs.readdir(dir, { withFileTypes: true }));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    if (entries.some((entry) => entry.isFile() && entry.name === CHECKPOINT_FILES.sidecar)) {
      try {
        found.push({ dir, sidecar: await limit(() => readSidecar(dir, { fs })) });
        return; // checkpoints do not nest
      } catch (error) {
        // Another program's checkpoint.json: not ours, keep looking below it.
        if (!(error instanceof ForeignSidecarError)) {
          const { code, message } = toErrorData(error);
          unreadable.push({ id: idOf(absoluteRoot, dir), dir, error: { code, message } });
          return;
        }
      }
    }
    if (depth >= maxDepth) return;
    const children = entries.filter((entry) => entry.isDirectory() && parseTemporaryName(entry.name) === null);
    await Promise.all(children.map((entry) => visit(path.join(dir, entry.name), depth + 1)));
  };
  await visit(absoluteRoot, 0);

  const checkpoints: CheckpointSummary[] = found.map(({ dir, sidecar }) => ({
    id: idOf(absoluteRoot, dir),
    dir,
    sidecar,
    sizeBytes: sidecar.files.reduce((total, file) => total + file.size, 0),
    isBest: false,
    isLast: false,
  }));
  checkpoints.sort((a, b) => compareCreated(a.sidecar.createdAt, b.sidecar.createdAt) || compareText(a.id, b.id));
  markBest(checkpoints);
  if (checkpoints.length > 0) checkpoints[checkpoints.length - 1].isLast = true;
  unreadable.sort((a, b) => compareText(a.id, b.id));
  return { checkpoints, unreadable };
}

/**
 * Opens the store at `root`: recovers interrupted writes and deletes leftover temporaries
 * (`sweepTemporaries`), then lists the checkpoints.
 */
export async function openStore(root: string, args: ListCheckpointsArgs = {}): Promise<OpenedStore> {
  const sweep = await sweepTemporaries(root, args);
  const listing = await listCheckpoints(root, args);
  return { ...listing, sweep };
}

/** Marks the best checkpoint of each (monitor, mode) group; `checkpoints` are oldest first. */
function markBest(checkpoints: CheckpointSummary[]): void {
  const best = new Map<string, { summary: CheckpointSummary; value: number }>();
  for (const summary of checkpoints) {
    const { monitor, mode, value: encoded } = summary.sidecar;
    if (encoded === null) continue;
    const value = decodeNumber(encoded);
    if (Number.isNaN(value)) continue;
    const key = `${mode}\u0000${monitor}`;
    const current = best.get(key);
    if (current === undefined || (mode === 'min' ? value < current.value : value > current.value)) {
      best.set(key, { summary, value });
    }
  }
  for (const { summary } of best.values()) summary.isBest = true;
}

/**
 * The id of a checkpoint directory: its path relative to the root with `/` separators
 * (`.` for the root itself).
 *
 * @example idOf('/runs', '/runs/a/epoch-03') -> 'a/epoch-03'
 */
export function idOf(root: string, dir: string): string {
  const relative = path.relative(root, dir);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/** Runs at most `max` of the given tasks at once. */
function limiter(max: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiter.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else running -= 1;
    }
  };
}

function compareCreated(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
