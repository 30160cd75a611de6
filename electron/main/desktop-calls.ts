/**
 * The contract channels only the desktop app answers, with the system's own UI: reveal a
 * checkpoint in the file manager, pick a CSV file in the open dialog. Electron's `shell` and
 * `dialog` come in as narrow interfaces, so this runs (and is tested) without Electron.
 */
import * as nodePath from 'node:path';
import type { ResponseTypes, Result } from '../../shared/contract';
import type { EngineCallChannel } from '../../shared/engine-protocol';
import { ConfigError, WorkbenchError } from '../../shared/errors';

/** The part of Electron's `shell` used here. */
export interface ShellLike {
  showItemInFolder(fullPath: string): void;
}

/** The options {@link DesktopCalls.openCsv} passes to the open dialog (a subset of Electron's `OpenDialogOptions`). */
export interface OpenCsvDialogOptions {
  properties: Array<'openFile'>;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** The part of Electron's `dialog` used here: the open dialog, modal to a window `W`. */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenCsvDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Options of {@link DesktopCalls}. */
export interface DesktopCallsArgs<W> {
  /** The engine host: locates checkpoints (`checkpoints:locate`). */
  engine: { call(channel: EngineCallChannel, request: unknown): Promise<Result<unknown>> };
  shell: ShellLike;
  dialog: DialogLike<W>;
  /** The app's window, which dialogs are modal to; undefined while there is none. */
  window: () => W | undefined;
}

/** The CSV picker's options: one file, CSV (or text) first. */
export const OPEN_CSV_OPTIONS: OpenCsvDialogOptions = {
  properties: ['openFile'],
  filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
};

/**
 * Answers `checkpoints:reveal` and `dialog:open-csv` (requests already validated against the
 * contract). Engine paths stay in the main process: the renderer names a checkpoint by id, the
 * engine resolves and confines it, and only the file manager sees the folder.
 */
export class DesktopCalls<W> {
  constructor(private readonly args: DesktopCallsArgs<W>) {}

  /**
   * Shows a checkpoint's folder in the system file manager. Throws the engine's error when the
   * checkpoint cannot be located (unknown run, no such checkpoint, a folder outside the run).
   */
  async revealCheckpoint(request: { runId: string; checkpointId: string }): Promise<ResponseTypes['checkpoints:reveal']> {
    const located = await this.args.engine.call('checkpoints:locate', { runId: request.runId, checkpointId: request.checkpointId });
    if (!located.ok) throw new WorkbenchError(located.error.code, located.error.message, located.error.detail);
    const dir = (located.value as { dir?: unknown } | null)?.dir;
    if (typeof dir !== 'string' || !nodePath.isAbsolute(dir)) {
      throw new WorkbenchError('INTERNAL', `The engine located checkpoint '${request.checkpointId}' at ${JSON.stringify(dir)}, not an absolute folder.`);
    }
    this.args.shell.showItemInFolder(dir);
    return { revealed: true };
  }

  /** Asks for a CSV file in the system's open dialog, modal to the app's window. */
  async openCsv(): Promise<ResponseTypes['dialog:open-csv']> {
    const window = this.args.window();
    if (window === undefined) throw new ConfigError('The file dialog needs the app window, and it is closed; open the window and try again.');
    const { canceled, filePaths } = await this.args.dialog.showOpenDialog(window, OPEN_CSV_OPTIONS);
    const [path] = filePaths;
    return canceled || path === undefined ? { canceled: true } : { path };
  }
}
