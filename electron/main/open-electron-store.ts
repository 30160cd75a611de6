/**
 * The settings file through electron-store: `<userData>/config.json`, checked against
 * SETTINGS_SCHEMA, written atomically. Imported only by main.ts (electron-store imports electron).
 */
import * as nodePath from 'node:path';
import ElectronStore from 'electron-store';
import { SETTINGS_SCHEMA, type StoredSettings } from './settings-schema';
import type { KeyValueStore } from './settings-store';

/** Name of the settings file, without `.json`. */
export const SETTINGS_FILE_NAME = 'config';

/** Path of the settings file in `dir`. @example settingsFilePath('/u') -> '/u/config.json' */
export function settingsFilePath(dir: string): string {
  return nodePath.join(dir, `${SETTINGS_FILE_NAME}.json`);
}

/**
 * Opens the settings file in `dir` with electron-store.
 *
 * @throws when the file is not valid JSON or fails the schema (`openWithRecovery` handles that).
 */
export function openElectronStore(dir: string, defaults: StoredSettings): KeyValueStore<StoredSettings> {
  return new ElectronStore<StoredSettings>({
    name: SETTINGS_FILE_NAME,
    cwd: dir,
    defaults,
    schema: SETTINGS_SCHEMA as never,
    // Keys are plain names; dots in them must not be read as paths.
    accessPropertiesByDotNotation: false,
    // Throw on a corrupt file instead of silently emptying it: openWithRecovery keeps a copy.
    clearInvalidConfig: false,
  });
}
