import { describe, expect, it } from 'vitest';
import { requestSchemas, type RequestChannel, type Result } from '../../../shared/contract';
import type { EngineCallChannel } from '../../../shared/engine-protocol';
import { appUrlMatcher } from '../../../electron/main/app-url';
import { CallRouter } from '../../../electron/main/call-router';
import { DesktopCalls, type DialogLike, type OpenCsvDialogOptions, type ShellLike } from '../../../electron/main/desktop-calls';
import type { ShutdownArgs } from '../../../electron/node/engine-host/engine-host';
import { registerIpcHandlers, type IpcMainLike } from '../../../electron/main/register-ipc-handlers';
import { senderChecker, type IpcSenderEvent } from '../../../electron/main/sender-check';
import type { StoredSettings } from '../../../electron/main/settings-schema';
import { SettingsStore, type KeyValueStore } from '../../../electron/main/settings-store';

const INDEX_FILE = '/opt/tw/resources/app.asar/.vite/renderer/main_window/index.html';
const APP_URL = 'file:///opt/tw/resources/app.asar/.vite/renderer/main_window/index.html';

/** A hand-written fake of the narrow `ipcMain` interface: keeps the handlers, lets the test invoke them. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

/** The engine as the router sees it: records every call it receives. */
class FakeEngine {
  readonly calls: { channel: EngineCallChannel; request: unknown }[] = [];
  readonly restarts: ShutdownArgs[] = [];
  training = false;
  answer: Result<unknown> = { ok: true, value: 'from engine' };
  /** Answers of particular channels (else `answer`). */
  readonly answers = new Map<EngineCallChannel, Result<unknown>>();

  async call(channel: EngineCallChannel, request: unknown): Promise<Result<unknown>> {
    this.calls.push({ channel, request });
    return this.answers.get(channel) ?? this.answer;
  }

  isTraining(): boolean {
    return this.training;
  }

  async restart(args: ShutdownArgs = {}): Promise<void> {
    this.restarts.push(args);
  }
}

/** A hand-written fake of the part of Electron's `shell` used: records the folders shown. */
class FakeShell implements ShellLike {
  readonly shown: string[] = [];

  showItemInFolder(fullPath: string): void {
    this.shown.push(fullPath);
  }
}

/** The app window, as far as the dialog is concerned. */
interface FakeWindow {
  title: string;
}

/** A hand-written fake of the part of Electron's `dialog` used: records each open dialog, answers `reply`. */
class FakeDialog implements DialogLike<FakeWindow> {
  readonly opened: { window: FakeWindow; options: OpenCsvDialogOptions }[] = [];
  reply: { canceled: boolean; filePaths: string[] } = { canceled: false, filePaths: ['/home/ada/data/penguins.csv'] };

  async showOpenDialog(window: FakeWindow, options: OpenCsvDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.opened.push({ window, options });
    return this.reply;
  }
}

class MemoryStore implements KeyValueStore<StoredSettings> {
  constructor(public store: StoredSettings) {}

  set<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): void {
    this.store = { ...this.store, [key]: value };
  }
}

const appContents = { id: 1 };
const trusted: IpcSenderEvent = { sender: appContents, senderFrame: { url: APP_URL, parent: null } };

function setup() {
  const ipcMain = new FakeIpcMain();
  const engine = new FakeEngine();
  const warnings: string[] = [];
  const settings = new SettingsStore({
    store: new MemoryStore({ workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null, windowBounds: null }),
    defaults: { workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null, windowBounds: null },
  });
  const shell = new FakeShell();
  const dialog = new FakeDialog();
  const window: { current: FakeWindow | undefined } = { current: { title: 'Training Workbench' } };
  const desktop = new DesktopCalls({ engine, shell, dialog, window: () => window.current });
  const router = new CallRouter({ settings, engine, desktop });
  const registered = registerIpcHandlers({
    ipcMain,
    checkSender: senderChecker({ isAppUrl: appUrlMatcher({ indexFile: INDEX_FILE }), isAppWebContents: (sender) => sender === appContents }),
    route: (channel, request) => router.route(channel, request),
    log: (message) => warnings.push(message),
  });
  return { ipcMain, engine, warnings, registered, settings, shell, dialog, window };
}

describe('registerIpcHandlers', () => {
  it('registers one handler for every contract channel', () => {
    const { ipcMain, registered } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect(registered.sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it.each<[string, IpcSenderEvent, string]>([
    ['another window', { sender: { id: 2 }, senderFrame: { url: APP_URL, parent: null } }, "a window that is not the app's"],
    ['a remote page in the app window', { sender: appContents, senderFrame: { url: 'https://evil.example/', parent: null } }, "a page at https://evil.example/, not the app's"],
    ['another local file', { sender: appContents, senderFrame: { url: 'file:///etc/passwd', parent: null } }, "a page at file:///etc/passwd, not the app's"],
    ['an embedded frame', { sender: appContents, senderFrame: { url: APP_URL, parent: { url: APP_URL } } }, 'an embedded frame'],
    ['a destroyed frame', { sender: appContents, senderFrame: null }, 'a frame that no longer exists'],
  ])('refuses a call from %s without reaching the engine', async (_name, event, why) => {
    const { ipcMain, engine, warnings } = setup();
    const result = await ipcMain.invoke('runs:list', event, {});
    const message = `Refused 'runs:list' from ${why}: only the Training Workbench window may call it.`;
    expect(result).toEqual({ ok: false, error: { code: 'CONFIG', message } });
    expect(warnings).toEqual([message]);
    expect(engine.calls).toEqual([]);
  });

  it('refuses a foreign sender even on the settings channels, which never reach the engine anyway', async () => {
    const { ipcMain, settings } = setup();
    const result = await ipcMain.invoke('settings:set', { sender: { id: 2 }, senderFrame: { url: APP_URL, parent: null } }, { workspace: '/tmp/evil' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG', message: expect.stringMatching(/^Refused 'settings:set'/) } });
    expect(settings.workspace).toBe('/home/ada/TrainingWorkbench');
  });

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each<[string, RequestChannel, unknown[], RegExp]>([
    ['a wrong type', 'runs:get', [{ runId: 42 }], /^Invalid 'runs:get' request: runId: /],
    ['an extra key', 'runs:get', [{ runId: 'a', shell: 'rm -rf /' }], /^Invalid 'runs:get' request: \(request\): Unrecognized key: "shell"/],
    ['no request', 'runs:list', [], /^Invalid 'runs:list' request: expected one request object, got 0 arguments\.$/],
    ['two requests', 'runs:list', [{}, {}], /^Invalid 'runs:list' request: expected one request object, got 2 arguments\.$/],
    ['a null request', 'runs:list', [null], /^Invalid 'runs:list' request: \(request\): /],
    ['a traversing checkpoint id', 'inference:evaluate', [{ runId: 'run-1', checkpointId: '../../etc/passwd' }], /checkpointId: a checkpoint id \(a relative path without \.\.\)/],
    ['an absolute checkpoint id', 'inference:evaluate', [{ runId: 'run-1', checkpointId: '/etc/passwd' }], /checkpointId: a checkpoint id/],
    ['a traversing run id', 'checkpoints:list', [{ runId: '../../etc' }], /runId: a run id/],
    ['too many inputs', 'inference:predict', [{ runId: 'r', checkpointId: 'c', inputs: Array.from({ length: 65 }, () => [0]) }], /inputs: /],
    ['a huge input', 'inference:predict', [{ runId: 'r', checkpointId: 'c', inputs: [new Array(100_001).fill(0)] }], /inputs\.0: /],
    ['a huge sparse array in a config', 'training:start', [{ config: { layers: new Array(9_000_000) } }], /config\.layers: more than 8000000 values in all/],
    ['a __proto__ key at the top', 'runs:list', [JSON.parse('{"__proto__":{"polluted":true}}')], /__proto__: the key '__proto__' is not allowed/],
    ['a __proto__ key inside a config', 'training:start', [JSON.parse('{"config":{"model":{"__proto__":{"polluted":true}}}}')], /config\.model\.__proto__: the key '__proto__' is not allowed/],
    ['a constructor.prototype path', 'settings:set', [{ lastRunConfig: { constructor: { prototype: { polluted: true } } } }], /lastRunConfig\.constructor: the key 'constructor' is not allowed/],
    ['a cycle', 'training:validate', [{ config: cyclic }], /nested deeper than 32 levels/],
    ['a class instance', 'training:start', [{ config: { when: new Date(0) } }], /config\.when: a Date is not plain data/],
    ['a typed array', 'training:start', [{ config: { weights: new Float32Array(4) } }], /config\.weights: a Float32Array is not plain data/],
    ['a non-finite number', 'training:start', [{ config: { learningRate: Number.NaN } }], /config\.learningRate: NaN is not a finite number/],
  ])('refuses %s without reaching the engine', async (_name, channel, args, message) => {
    const { ipcMain, engine } = setup();
    const result = (await ipcMain.invoke(channel, trusted, ...args)) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG', message: expect.stringMatching(message) } });
    expect(engine.calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forwards a valid call to the engine and returns its result as is', async () => {
    const { ipcMain, engine } = setup();
    engine.answer = { ok: true, value: { run: { id: 'run-1' }, history: [] } };
    await expect(ipcMain.invoke('runs:get', trusted, { runId: 'run-1' })).resolves.toEqual({ ok: true, value: { run: { id: 'run-1' }, history: [] } });
    expect(engine.calls).toEqual([{ channel: 'runs:get', request: { runId: 'run-1' } }]);
  });

  it('forwards a valid nested checkpoint id', async () => {
    const { ipcMain, engine } = setup();
    await ipcMain.invoke('inference:evaluate', trusted, { runId: 'run-1', checkpointId: 'epoch-003/weights' });
    expect(engine.calls).toEqual([{ channel: 'inference:evaluate', request: { runId: 'run-1', checkpointId: 'epoch-003/weights' } }]);
  });

  it('returns an engine error as a result', async () => {
    const { ipcMain, engine } = setup();
    engine.answer = { ok: false, error: { code: 'CHECKPOINT_NOT_FOUND', message: "No checkpoint 'best' in run 'run-1'." } };
    await expect(ipcMain.invoke('inference:evaluate', trusted, { runId: 'run-1', checkpointId: 'best' })).resolves.toEqual(engine.answer);
  });

  it('turns anything thrown behind the boundary into an INTERNAL result', async () => {
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers({
      ipcMain,
      checkSender: () => null,
      route: async () => {
        throw new TypeError('undefined is not a function');
      },
    });
    await expect(ipcMain.invoke('runs:list', trusted, {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'undefined is not a function' } });
  });

  it('answers settings:get from the main process without the engine', async () => {
    const { ipcMain, engine } = setup();
    await expect(ipcMain.invoke('settings:get', trusted, {})).resolves.toEqual({ ok: true, value: { workspace: '/home/ada/TrainingWorkbench', lastRunConfig: null } });
    expect(engine.calls).toEqual([]);
  });

  it('saves the last run config without restarting the engine', async () => {
    const { ipcMain, engine } = setup();
    const result = await ipcMain.invoke('settings:set', trusted, { lastRunConfig: { epochs: 3 } });
    expect(result).toEqual({ ok: true, value: { workspace: '/home/ada/TrainingWorkbench', lastRunConfig: { epochs: 3 } } });
    expect(engine.restarts).toEqual([]);
    expect(engine.calls).toEqual([]);
  });

  it('restarts the engine in a new workspace', async () => {
    const { ipcMain, engine, settings } = setup();
    const result = await ipcMain.invoke('settings:set', trusted, { workspace: '/data/runs' });
    expect(result).toEqual({ ok: true, value: { workspace: '/data/runs', lastRunConfig: null } });
    expect(settings.workspace).toBe('/data/runs');
    expect(engine.restarts).toHaveLength(1);
  });

  it('refuses to move the workspace while a training runs', async () => {
    const { ipcMain, engine, settings } = setup();
    engine.training = true;
    const result = await ipcMain.invoke('settings:set', trusted, { workspace: '/data/runs' });
    expect(result).toEqual({ ok: false, error: { code: 'CONFIG', message: 'A training is running; stop it before changing the workspace folder.' } });
    expect(settings.workspace).toBe('/home/ada/TrainingWorkbench');
    expect(engine.restarts).toEqual([]);
  });

  it('refuses a relative workspace', async () => {
    const { ipcMain, engine } = setup();
    const result = await ipcMain.invoke('settings:set', trusted, { workspace: '../../etc' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'CONFIG', message: 'The workspace must be an absolute folder path; got "../../etc". Choose a folder such as ~/TrainingWorkbench.' },
    });
    expect(engine.restarts).toEqual([]);
  });
});

describe('registerIpcHandlers: the renderer and engine paths', () => {
  it('registers no handler for checkpoints:locate, so the renderer cannot ask the engine for a folder', async () => {
    const { ipcMain, registered } = setup();
    expect(ipcMain.handlers.has('checkpoints:locate')).toBe(false);
    expect(registered).not.toContain('checkpoints:locate');
    expect(() => ipcMain.invoke('checkpoints:locate', trusted, { runId: 'run-1', checkpointId: 'epoch01' })).toThrow("No handler registered for 'checkpoints:locate'");
  });
});

describe('registerIpcHandlers: checkpoints:reveal', () => {
  const located = '/home/ada/TrainingWorkbench/run-1/checkpoints/top/epoch03';

  it('shows the folder the engine located in the file manager', async () => {
    const { ipcMain, engine, shell } = setup();
    engine.answers.set('checkpoints:locate', { ok: true, value: { dir: located } });
    const result = await ipcMain.invoke('checkpoints:reveal', trusted, { runId: 'run-1', checkpointId: 'top/epoch03' });
    expect(result).toEqual({ ok: true, value: { revealed: true } });
    expect(engine.calls).toEqual([{ channel: 'checkpoints:locate', request: { runId: 'run-1', checkpointId: 'top/epoch03' } }]);
    expect(shell.shown).toEqual([located]);
  });

  it.each([
    ['a traversing checkpoint id', { runId: 'run-1', checkpointId: '../../../etc' }, /^Invalid 'checkpoints:reveal' request: checkpointId: a checkpoint id/],
    ['an absolute checkpoint id', { runId: 'run-1', checkpointId: '/etc' }, /^Invalid 'checkpoints:reveal' request: checkpointId: a checkpoint id/],
    ['a traversing run id', { runId: '../other', checkpointId: 'epoch01' }, /^Invalid 'checkpoints:reveal' request: runId: a run id/],
    ['a path instead of ids', { path: '/etc' }, /^Invalid 'checkpoints:reveal' request: /],
  ])('refuses %s before asking the engine or the file manager', async (_name, request, message) => {
    const { ipcMain, engine, shell } = setup();
    engine.answers.set('checkpoints:locate', { ok: true, value: { dir: '/etc' } });
    const result = await ipcMain.invoke('checkpoints:reveal', trusted, request);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG', message: expect.stringMatching(message) } });
    expect(engine.calls).toEqual([]);
    expect(shell.shown).toEqual([]);
  });

  it('refuses a foreign sender before asking the engine or the file manager', async () => {
    const { ipcMain, engine, shell } = setup();
    const result = await ipcMain.invoke('checkpoints:reveal', { sender: appContents, senderFrame: { url: 'https://evil.example/', parent: null } }, { runId: 'run-1', checkpointId: 'epoch01' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Refused 'checkpoints:reveal' from a page at https:\/\/evil\.example\//) } });
    expect(engine.calls).toEqual([]);
    expect(shell.shown).toEqual([]);
  });

  it('returns the engine\'s refusal as is and shows nothing', async () => {
    const { ipcMain, engine, shell } = setup();
    const refusal = { ok: false as const, error: { code: 'CHECKPOINT_NOT_FOUND' as const, message: "No checkpoint 'epoch09' in run run-1: its folder does not exist." } };
    engine.answers.set('checkpoints:locate', refusal);
    await expect(ipcMain.invoke('checkpoints:reveal', trusted, { runId: 'run-1', checkpointId: 'epoch09' })).resolves.toEqual(refusal);
    expect(shell.shown).toEqual([]);
  });

  it('shows nothing when the engine answers something that is not an absolute folder', async () => {
    const { ipcMain, engine, shell } = setup();
    engine.answers.set('checkpoints:locate', { ok: true, value: { dir: 'run-1/checkpoints/epoch01' } });
    await expect(ipcMain.invoke('checkpoints:reveal', trusted, { runId: 'run-1', checkpointId: 'epoch01' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The engine located checkpoint \'epoch01\' at "run-1/checkpoints/epoch01", not an absolute folder.' },
    });
    expect(shell.shown).toEqual([]);
  });
});

describe('registerIpcHandlers: dialog:open-csv', () => {
  it('opens the file dialog on the app window with one CSV file to pick, and returns its path', async () => {
    const { ipcMain, dialog, engine, window } = setup();
    await expect(ipcMain.invoke('dialog:open-csv', trusted, {})).resolves.toEqual({ ok: true, value: { path: '/home/ada/data/penguins.csv' } });
    expect(dialog.opened).toEqual([{ window: window.current, options: { properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] } }]);
    expect(engine.calls).toEqual([]);
  });

  it.each([
    ['canceled', { canceled: true, filePaths: [] }],
    ['closed without a file', { canceled: false, filePaths: [] }],
  ])('says canceled when the dialog was %s', async (_name, reply) => {
    const { ipcMain, dialog } = setup();
    dialog.reply = reply;
    await expect(ipcMain.invoke('dialog:open-csv', trusted, {})).resolves.toEqual({ ok: true, value: { canceled: true } });
  });

  it('refuses dialog options from the renderer without opening a dialog', async () => {
    const { ipcMain, dialog } = setup();
    const result = await ipcMain.invoke('dialog:open-csv', trusted, { defaultPath: '/etc', properties: ['openDirectory'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG', message: expect.stringMatching(/^Invalid 'dialog:open-csv' request: \(request\): Unrecognized keys: "defaultPath", "properties"/) } });
    expect(dialog.opened).toEqual([]);
  });

  it('refuses when the app window is gone', async () => {
    const { ipcMain, dialog, window } = setup();
    window.current = undefined;
    await expect(ipcMain.invoke('dialog:open-csv', trusted, {})).resolves.toEqual({
      ok: false,
      error: { code: 'CONFIG', message: 'The file dialog needs the app window, and it is closed; open the window and try again.' },
    });
    expect(dialog.opened).toEqual([]);
  });
});
