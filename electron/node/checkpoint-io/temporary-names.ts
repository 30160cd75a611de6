/**
 * Names of the temporaries an atomic checkpoint write leaves beside its target while it runs,
 * and the rule that tells a live writer's temporaries from a crashed one's.
 *
 * `.<name>.wbtmp-<pid>-<token>` is the new checkpoint being written; `.<name>.wbold-<pid>-<token>`
 * is the previous checkpoint moved aside during a replace; `.<name>.wbdel-<pid>-<token>` is a
 * checkpoint being deleted (renamed away first, so no half-deleted checkpoint is ever visible
 * under its name). They carry the writer's process id and
 * the same random token, so recovery pairs an old with its own new, and a sweep leaves the
 * temporaries of a writer that is still running alone.
 */
import { randomBytes } from 'node:crypto';

/** `tmp`: a checkpoint being written; `old`: the checkpoint it replaces, moved aside; `del`: one being deleted. */
export type TemporaryKind = 'tmp' | 'old' | 'del';

/** A parsed temporary name. */
export interface TemporaryName {
  /** The name of the checkpoint it belongs to (a sibling entry). */
  target: string;
  kind: TemporaryKind;
  /** Process id of the writer. */
  pid: number;
  /** Random token shared by a write's `tmp` and `old`. */
  token: string;
}

const TEMPORARY_PATTERN = /^\.(.+)\.wb(tmp|old|del)-(\d{1,10})-([0-9a-f]{8})$/;

/**
 * Builds a temporary's entry name.
 *
 * @example temporaryName({ target: 'epoch-3', kind: 'tmp', pid: 4242, token: '0a1b2c3d' })
 *   -> '.epoch-3.wbtmp-4242-0a1b2c3d'
 */
export function temporaryName(name: TemporaryName): string {
  return `.${name.target}.wb${name.kind}-${name.pid}-${name.token}`;
}

/**
 * Parses an entry name; null unless it matches our pattern exactly.
 *
 * @example parseTemporaryName('.epoch-3.wbold-4242-0a1b2c3d')
 *   -> { target: 'epoch-3', kind: 'old', pid: 4242, token: '0a1b2c3d' }
 * @example parseTemporaryName('.epoch-3.wbtmp-x') -> null
 */
export function parseTemporaryName(entry: string): TemporaryName | null {
  const match = TEMPORARY_PATTERN.exec(entry);
  if (match === null) return null;
  return { target: match[1], kind: match[2] as TemporaryKind, pid: Number(match[3]), token: match[4] };
}

/** A fresh 8-hex-digit token. */
export function newToken(): string {
  return randomBytes(4).toString('hex');
}

/** Absolute paths of temporaries that a write in this process still owns. */
const inFlight = new Set<string>();

/** Marks a temporary as owned by a running write in this process (until `release`). */
export function claimTemporary(absolutePath: string): void {
  inFlight.add(absolutePath);
}

/** Ends `claimTemporary`. */
export function releaseTemporary(absolutePath: string): void {
  inFlight.delete(absolutePath);
}

/**
 * Whether a temporary may belong to a write still in progress: one in this process that has
 * claimed it, or any in another process that is still alive. A reused process id only makes a
 * sweep leave garbage behind, never delete a live write.
 */
export function isHeldByLiveWriter(absolutePath: string, pid: number): boolean {
  if (pid === process.pid) return inFlight.has(absolutePath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}
