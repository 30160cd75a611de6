/**
 * What the app persists between sessions, its defaults, and the JSON schema electron-store (and
 * `conf`, its base, in tests) checks the settings file against at every read and write.
 */
import * as nodePath from 'node:path';
import type { WindowBounds } from './window-bounds';

/** Everything in the settings file. */
export interface StoredSettings {
  /** Folder where runs and checkpoints are written. */
  workspace: string;
  /** The run config the user last started, to prefill the form. `null`: none yet. */
  lastRunConfig: Record<string, unknown> | null;
  /** The main window's bounds when it was last closed. `null`: never closed yet. */
  windowBounds: WindowBounds | null;
}

/**
 * The settings of a first start.
 *
 * @example defaultSettings('/home/ada') -> { workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null, windowBounds: null }
 */
export function defaultSettings(homeDir: string): StoredSettings {
  // Same default as the engine's (electron/node/engine/default-workspace.ts), so the CLI and the app share runs.
  return { workspace: nodePath.join(homeDir, 'TrainingWorkbench'), lastRunConfig: null, windowBounds: null };
}

const screenCoordinate = { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 } as const;
const windowSide = { type: 'integer', minimum: 1, maximum: 100_000 } as const;

/**
 * JSON schema of each key (electron-store's `schema` option; ajv, draft 2020-12). Unknown keys are
 * allowed, so a file written by a newer version is not treated as corrupt by an older one.
 */
export const SETTINGS_SCHEMA = {
  workspace: { type: 'string', minLength: 1, maxLength: 4096 },
  lastRunConfig: { type: ['object', 'null'] },
  windowBounds: {
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        properties: { x: screenCoordinate, y: screenCoordinate, width: windowSide, height: windowSide, maximized: { type: 'boolean' } },
        required: ['width', 'height', 'maximized'],
        additionalProperties: false,
      },
    ],
  },
} as const;
