/**
 * Opens a settings store whose file may be corrupt (a crash mid-write on a filesystem without atomic
 * rename, a hand edit, a disk error): the bad file is moved aside, never deleted, and the store
 * opens with defaults, with a notice for the user.
 */
import { existsSync, renameSync } from 'node:fs';
import * as nodePath from 'node:path';

/** Options of {@link openWithRecovery}. */
export interface OpenWithRecoveryArgs<S> {
  /** The settings file `open` reads (electron-store: `<userData>/config.json`). */
  file: string;
  /** Opens the store; throws when the file is not valid JSON or fails the schema (electron-store does). */
  open: () => S;
  /** Clock for the name of the kept copy. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/** An opened store, and what to tell the user when it had to be reset. */
export interface OpenedStore<S> {
  store: S;
  /** Set when the file was unreadable and was reset: says why and where the old copy is. */
  notice?: string;
}

/**
 * Where a corrupt settings file is kept: next to it, named after it and the time.
 *
 * @example corruptCopyPath('/u/config.json', new Date('2026-11-25T14:37:00.123Z'))
 *   -> '/u/config.corrupt-2026-11-25T14-37-00-123Z.json'
 */
export function corruptCopyPath(file: string, when: Date): string {
  const { dir, name, ext } = nodePath.parse(file);
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  return nodePath.join(dir, `${name}.corrupt-${stamp}${ext}`);
}

/**
 * Opens the store; when that fails and the file exists, renames the file to
 * {@link corruptCopyPath} and opens again (on defaults). A second failure is a bug and is thrown.
 *
 * @throws whatever `open` throws when the file does not exist, or on the second try.
 */
export function openWithRecovery<S>(args: OpenWithRecoveryArgs<S>): OpenedStore<S> {
  try {
    return { store: args.open() };
  } catch (error) {
    if (!existsSync(args.file)) throw error;
    const kept = corruptCopyPath(args.file, (args.now ?? (() => new Date()))());
    renameSync(args.file, kept);
    const store = args.open();
    const reason = error instanceof Error ? error.message : String(error);
    return {
      store,
      notice: `Your settings file could not be read (${reason}), so the settings were reset to their defaults. The old file was kept as ${kept}.`,
    };
  }
}
