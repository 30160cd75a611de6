/**
 * Settings on a real file through `conf`, the library electron-store extends (same file format,
 * schema checks and errors; electron-store itself needs Electron).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/errors';
import { corruptCopyPath, openWithRecovery } from '../../../electron/main/open-with-recovery';
import { defaultSettings, SETTINGS_SCHEMA, type StoredSettings } from '../../../electron/main/settings-schema';
import { SettingsStore } from '../../../electron/main/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

const DEFAULTS = defaultSettings('/home/ada');
const WHEN = new Date('2026-11-25T14:37:00.123Z');

/** Opens the settings in `dir` the way open-electron-store.ts does, with conf in electron-store's place. */
function openConf(dir: string): Conf<StoredSettings> {
  return new Conf<StoredSettings>({
    cwd: dir,
    configName: 'config',
    defaults: DEFAULTS,
    schema: SETTINGS_SCHEMA as never,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  });
}

function openSettings(dir: string): SettingsStore {
  const { store, notice } = openWithRecovery({ file: nodePath.join(dir, 'config.json'), open: () => openConf(dir), now: () => WHEN });
  return new SettingsStore({ store, defaults: DEFAULTS, notice });
}

describe('SettingsStore', () => {
  it('starts from the defaults when there is no file', async () => {
    const settings = openSettings(await makeTempDir());
    expect(settings.get()).toEqual({ workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null });
    expect(settings.windowBounds).toBeNull();
  });

  it('keeps what was set across a restart', async () => {
    const dir = await makeTempDir();
    const first = openSettings(dir);
    first.update({ workspace: '/data/runs', lastRunConfig: { epochs: 5, dataset: { kind: 'mnist' } } });
    first.saveWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    const second = openSettings(dir);
    expect(second.get()).toEqual({ workspace: '/data/runs', lastRunConfig: { epochs: 5, dataset: { kind: 'mnist' } } });
    expect(second.windowBounds).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it.each([
    ['invalid JSON', '{"workspace": "/data/ru', /Unexpected end of JSON input|Unterminated string/],
    ['a value failing the schema', '{"workspace": 42, "lastRunConfig": null}', /Config schema violation: `workspace` must be string/],
    ['bad window bounds', '{"windowBounds": {"width": "wide"}}', /Config schema violation: `windowBounds/],
  ])('resets a file with %s to the defaults, keeps the bad copy and tells the user', async (_name, content, reason) => {
    const dir = await makeTempDir();
    writeFileSync(nodePath.join(dir, 'config.json'), content);
    const settings = openSettings(dir);
    const kept = nodePath.join(dir, 'config.corrupt-2026-11-25T14-37-00-123Z.json');

    expect(readFileSync(kept, 'utf8')).toBe(content);
    const { notice, ...rest } = settings.get();
    expect(rest).toEqual({ workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null });
    expect(notice).toMatch(reason);
    expect(notice).toMatch(/^Your settings file could not be read \(.*\), so the settings were reset to their defaults\. The old file was kept as /);
    expect(notice?.endsWith(`The old file was kept as ${kept}.`)).toBe(true);
    // The new file is valid and holds the defaults; it opens again without a notice.
    expect(JSON.parse(readFileSync(nodePath.join(dir, 'config.json'), 'utf8'))).toEqual(DEFAULTS);
    expect(openSettings(dir).get().notice).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['config.corrupt-2026-11-25T14-37-00-123Z.json', 'config.json']);
  });

  it('gives no notice when the file is fine', async () => {
    const dir = await makeTempDir();
    writeFileSync(nodePath.join(dir, 'config.json'), JSON.stringify({ workspace: '/data/runs', lastRunConfig: null, windowBounds: null }));
    expect(openSettings(dir).get()).toEqual({ workspace: '/data/runs', lastRunConfig: null });
  });

  it('rethrows when opening fails without a file to blame', async () => {
    const dir = await makeTempDir();
    expect(() =>
      openWithRecovery({
        file: nodePath.join(dir, 'config.json'),
        open: () => {
          throw new Error('EACCES: permission denied');
        },
      }),
    ).toThrow('EACCES: permission denied');
  });

  it.each([
    ['a relative path', { workspace: 'runs' }, 'The workspace must be an absolute folder path; got "runs". Choose a folder such as ~/TrainingWorkbench.'],
    ['an empty path', { workspace: ' ' }, 'The workspace must be an absolute folder path; got " ". Choose a folder such as ~/TrainingWorkbench.'],
    ['a config that is a string', { lastRunConfig: 'epochs=3' }, 'lastRunConfig must be a run config object or null; got string.'],
    ['a config that is an array', { lastRunConfig: [1] }, 'lastRunConfig must be a run config object or null; got an array.'],
  ])('refuses %s and leaves the file as it was', async (_name, patch, message) => {
    const dir = await makeTempDir();
    const settings = openSettings(dir);
    const before = readFileSync(nodePath.join(dir, 'config.json'), 'utf8');
    expect(() => settings.update(patch)).toThrow(ConfigError);
    expect(() => settings.update(patch)).toThrow(message);
    expect(readFileSync(nodePath.join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('normalises the workspace path', async () => {
    const settings = openSettings(await makeTempDir());
    expect(settings.update({ workspace: '/data/x/../runs/' }).workspace).toBe('/data/runs');
  });

  it('clears the last run config with null', async () => {
    const settings = openSettings(await makeTempDir());
    settings.update({ lastRunConfig: { epochs: 2 } });
    expect(settings.update({ lastRunConfig: null }).lastRunConfig).toBeNull();
  });

  it('hands out copies, so a caller cannot change the stored config', async () => {
    const settings = openSettings(await makeTempDir());
    settings.update({ lastRunConfig: { epochs: 2 } });
    (settings.get().lastRunConfig as { epochs: number }).epochs = 99;
    expect(settings.get().lastRunConfig).toEqual({ epochs: 2 });
  });
});

describe('corruptCopyPath', () => {
  it('names the copy after the file and the time', () => {
    expect(corruptCopyPath('/u/config.json', new Date('2026-11-25T14:37:00.123Z'))).toBe('/u/config.corrupt-2026-11-25T14-37-00-123Z.json');
  });
});

describe('defaultSettings', () => {
  it('puts the workspace in the home folder', () => {
    expect(defaultSettings('/home/ada')).toEqual({ workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null, windowBounds: null });
  });
});

describe('openWithRecovery', () => {
  it('does not touch a good file', async () => {
    const dir = await makeTempDir();
    openSettings(dir).update({ workspace: '/data/runs' });
    openSettings(dir);
    expect(existsSync(nodePath.join(dir, 'config.json'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
