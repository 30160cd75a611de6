/**
 * Turns an operating-system error raised while saving into a `CheckpointSaveError` that names
 * the checkpoint, the OS reason and what to do about it.
 */
import { CheckpointSaveError, WorkbenchError } from '../../../shared/errors';
import { errorCode } from './checkpoint-fs';

const HINTS: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space or save to another disk',
  EDQUOT: 'the disk quota is used up; free some space or save elsewhere',
  EACCES: 'permission denied; choose a folder you can write to, or change its permissions',
  EPERM: 'the operation is not permitted; choose a folder you can write to, or change its permissions',
  EROFS: 'the file system is read-only; save to a writable folder',
  ENOTDIR: 'a part of the path is a file, not a folder; rename that file or choose another path',
  EEXIST: 'a part of the path already exists and is not a folder; rename it or choose another path',
  ENAMETOOLONG: 'the path is too long; choose a shorter file path template',
  EMFILE: 'too many files are open in this process',
  ENFILE: 'too many files are open on this system',
  EIO: 'an input/output error occurred (the disk may be failing or disconnected)',
  EISDIR: 'a folder is in the way of a file',
  ENOENT: 'a folder on the path disappeared while saving',
};

/**
 * Wraps an operating-system error (one with a `code`) thrown while saving (or removing) the checkpoint at
 * `target` as a `CheckpointSaveError`. A `WorkbenchError` passes through unchanged, and so does
 * any other error: it is a bug, not a save failure.
 *
 * @example toSaveError('/runs/a/e3', Object.assign(new Error('ENOSPC: no space left on device, write'),
 *     { code: 'ENOSPC', syscall: 'write' })).message
 *   -> 'Could not save the checkpoint /runs/a/e3: the disk is full; free some space or save to another
 *       disk (ENOSPC: no space left on device, write). Earlier checkpoints are intact.'
 */
export function toSaveError(target: string, error: unknown, action: 'save' | 'remove' = 'save'): Error {
  if (error instanceof WorkbenchError) return error;
  const code = errorCode(error);
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  const osMessage = error instanceof Error ? error.message : String(error);
  const hint = HINTS[code];
  const reason = hint === undefined ? osMessage : `${hint} (${osMessage})`;
  const detail: Record<string, unknown> = { path: target, code };
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  if (typeof syscall === 'string') detail.syscall = syscall;
  const osPath = (error as { path?: unknown } | null)?.path;
  if (typeof osPath === 'string') detail.osPath = osPath;
  return new CheckpointSaveError(
    action === 'save'
      ? `Could not save the checkpoint ${target}: ${reason}. Earlier checkpoints are intact.`
      : `Could not remove the checkpoint ${target}: ${reason}.`,
    detail,
  );
}
