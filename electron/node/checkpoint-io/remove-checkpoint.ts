/**
 * Deletes a checkpoint the workbench wrote (retention), crash-safely: the directory is first
 * renamed to `.<name>.wbdel-<pid>-<token>`, so its name never shows a half-deleted checkpoint;
 * a sweep finishes a deletion a crash interrupted.
 */
import * as path from 'node:path';

import { CheckpointOccupiedError } from '../../../shared/errors';
import { type CheckpointFs, defaultCheckpointFs, fsyncDirectory, inspectTarget, removeOwnDirectory } from './checkpoint-fs';
import { toSaveError } from './save-error';
import { claimTemporary, newToken, releaseTemporary, temporaryName } from './temporary-names';

/** Options of `removeCheckpoint`. */
export interface RemoveCheckpointArgs {
  /** File system to use. Defaults to the real one. */
  fs?: CheckpointFs;
}

/**
 * Removes the checkpoint directory `dir`. Nothing there is not an error (it is already gone).
 * Errors: `CheckpointOccupiedError` when `dir` holds anything but one of our checkpoints (a user's
 * folder, or a checkpoint a user added files to); it is left untouched. `CheckpointSaveError`
 * naming the OS reason when the rename fails.
 */
export async function removeCheckpoint(dir: string, args: RemoveCheckpointArgs = {}): Promise<void> {
  const fs = args.fs ?? defaultCheckpointFs;
  const absolute = path.resolve(dir);
  const parent = path.dirname(absolute);
  let state;
  try {
    state = await inspectTarget(fs, absolute);
  } catch (error) {
    throw toSaveError(dir, error, 'remove');
  }
  if (state.state === 'absent') return;
  if (state.state === 'foreign') {
    throw new CheckpointOccupiedError(
      `Refusing to remove ${dir}: it holds ${state.what}. It was left untouched.`,
      { path: dir },
    );
  }
  const doomed = path.join(parent, temporaryName({
    target: path.basename(absolute), kind: 'del', pid: process.pid, token: newToken(),
  }));
  claimTemporary(doomed);
  try {
    await fs.rename(absolute, doomed);
    await fsyncDirectory(fs, parent);
    await removeOwnDirectory(fs, doomed);
  } catch (error) {
    throw toSaveError(dir, error, 'remove');
  } finally {
    releaseTemporary(doomed);
  }
}
