/**
 * Browser-mode settings: a JSON file in the workspace, written atomically. A corrupt file is set
 * aside (kept, not deleted) and defaults are used; the notice says so.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { Settings } from '../../../shared/contract';

/** File name of the settings inside the workspace. */
export const SETTINGS_FILE = '.workbench-settings.json';

/** Reads and writes browser-mode settings. */
export class SettingsFile {
  private readonly file: string;
  /** Set when a corrupt file was set aside at the last read. */
  notice: string | null = null;

  constructor(private readonly workspace: string) {
    this.file = nodePath.join(workspace, SETTINGS_FILE);
  }

  /** The settings, with defaults for anything missing. */
  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { workspace: this.workspace, lastRunConfig: null };
    }
    try {
      const parsed = JSON.parse(text) as Partial<Settings>;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      return { workspace: this.workspace, lastRunConfig: parsed.lastRunConfig ?? null };
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, aside).catch(() => {});
      this.notice = `The settings file ${this.file} was unreadable (${(error as Error).message}); it was kept as ${aside} and defaults are used.`;
      return { workspace: this.workspace, lastRunConfig: null };
    }
  }

  /** Updates `lastRunConfig` (the workspace is fixed by the server's flags). */
  async write(update: { lastRunConfig?: unknown }): Promise<Settings> {
    const current = await this.read();
    const next: Settings = { ...current, lastRunConfig: update.lastRunConfig === undefined ? current.lastRunConfig : update.lastRunConfig };
    await mkdir(this.workspace, { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    await writeFile(temp, `${JSON.stringify({ lastRunConfig: next.lastRunConfig }, null, 2)}\n`);
    await rename(temp, this.file);
    return next;
  }
}
