/**
 * The app's settings, on top of a narrow key-value store: electron-store in the app (see
 * open-electron-store.ts), `conf` (electron-store's own base, same file format and schema checks)
 * in tests, so this runs without Electron.
 */
import * as nodePath from 'node:path';
import type { Settings } from '../../shared/contract';
import { ConfigError } from '../../shared/errors';
import type { StoredSettings } from './settings-schema';
import type { WindowBounds } from './window-bounds';

/** The part of electron-store (and `conf`) the settings use. */
export interface KeyValueStore<T> {
  /** The whole file's content; throws when the file is corrupt. */
  readonly store: T;
  /** Writes one key (atomically); throws when the value fails the schema. */
  set<K extends keyof T>(key: K, value: T[K]): void;
}

/** A change to the settings, as `settings:set` carries it; absent fields stay as they are. */
export interface SettingsPatch {
  /** An absolute folder path. */
  workspace?: string;
  /** A run config (an object), or `null` to forget it. */
  lastRunConfig?: unknown;
}

/** Options of {@link SettingsStore}. */
export interface SettingsStoreArgs {
  store: KeyValueStore<StoredSettings>;
  /** Used for keys the file lacks. */
  defaults: StoredSettings;
  /** Told to the user through `settings:get` (see `openWithRecovery`). Defaults to none. */
  notice?: string;
}

/** Largest run config kept, as JSON text. A config is a few KB; more is a renderer bug. */
const MAX_LAST_RUN_CONFIG_CHARS = 1_000_000;

/**
 * Reads the settings once, answers from memory, and writes every change through to the store.
 */
export class SettingsStore {
  private current: StoredSettings;
  private readonly store: KeyValueStore<StoredSettings>;
  private readonly notice: string | undefined;

  constructor(args: SettingsStoreArgs) {
    this.store = args.store;
    this.notice = args.notice;
    this.current = { ...args.defaults, ...args.store.store };
  }

  /** The settings as the renderer sees them (`settings:get`), with the notice when there is one. */
  get(): Settings {
    const settings: Settings = { workspace: this.current.workspace, lastRunConfig: structuredClone(this.current.lastRunConfig) };
    if (this.notice !== undefined) settings.notice = this.notice;
    return settings;
  }

  /** The workspace folder. */
  get workspace(): string {
    return this.current.workspace;
  }

  /**
   * Applies a `settings:set` patch and returns the new settings.
   *
   * @throws ConfigError when `workspace` is not an absolute path or `lastRunConfig` is not an
   *   object or null (or is larger than 1 MB as JSON).
   */
  update(patch: SettingsPatch): Settings {
    if (patch.workspace !== undefined) {
      const workspace = patch.workspace;
      if (workspace.trim() === '' || workspace.includes('\0') || !nodePath.isAbsolute(workspace)) {
        throw new ConfigError(`The workspace must be an absolute folder path; got ${JSON.stringify(workspace)}. Choose a folder such as ~/TrainingWorkbench.`);
      }
      this.write('workspace', nodePath.resolve(workspace));
    }
    if (patch.lastRunConfig !== undefined) {
      const config = patch.lastRunConfig;
      if (config !== null && (typeof config !== 'object' || Array.isArray(config))) {
        throw new ConfigError(`lastRunConfig must be a run config object or null; got ${Array.isArray(config) ? 'an array' : typeof config}.`);
      }
      const length = JSON.stringify(config).length;
      if (length > MAX_LAST_RUN_CONFIG_CHARS) {
        throw new ConfigError(`lastRunConfig is ${length} characters as JSON; at most ${MAX_LAST_RUN_CONFIG_CHARS} are kept.`);
      }
      this.write('lastRunConfig', config as Record<string, unknown> | null);
    }
    return this.get();
  }

  /** The window bounds saved when the window last closed, or null. */
  get windowBounds(): WindowBounds | null {
    return this.current.windowBounds;
  }

  /** Saves the window's bounds (on close). */
  saveWindowBounds(bounds: WindowBounds): void {
    this.write('windowBounds', bounds);
  }

  private write<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): void {
    // Store first: when the write fails (schema, disk), memory keeps what the file holds.
    this.store.set(key, value);
    this.current = { ...this.current, [key]: value };
  }
}
