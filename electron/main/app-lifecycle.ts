/**
 * The app's life: one instance, security defaults for every web page, then (once Electron is
 * ready) settings, the engine process, the IPC handlers (with the file manager and file dialog
 * behind the desktop channels) and the window; and a quit that waits for
 * the engine. Electron comes in as a parameter (main.ts passes the real module; the build test, a
 * stub).
 */
import * as nodePath from 'node:path';
import type * as Electron from 'electron';
import { appUrlMatcher } from './app-url';
import { CallRouter } from './call-router';
import { contentSecurityPolicy } from './content-security-policy';
import { DesktopCalls } from './desktop-calls';
import { engineEnv } from './engine-env';
import { EngineHost } from '../node/engine-host/engine-host';
import { resolveEnginePaths } from './engine-paths';
import { createMainWindow } from './main-window';
import { guardNavigation } from './navigation-guard';
import { openElectronStore, settingsFilePath } from './open-electron-store';
import { openWithRecovery } from './open-with-recovery';
import { QuitGuard } from './quit-guard';
import { registerIpcHandlers } from './register-ipc-handlers';
import { secureSession } from './session-security';
import { senderChecker } from './sender-check';
import { defaultSettings } from './settings-schema';
import { SettingsStore } from './settings-store';
import { restoreWindowBounds } from './window-bounds';

/** The parts of the `electron` module the app uses. */
export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'screen' | 'session' | 'shell' | 'utilityProcess'>;

/** Options of {@link startApp}. */
export interface StartAppArgs {
  electron: ElectronModule;
  /** Folder of the built main.js (`__dirname`); preload.js and engine.js are next to it. */
  mainDir: string;
  /** Forge's `MAIN_WINDOW_VITE_DEV_SERVER_URL` (development only). */
  devServerUrl?: string;
  /** Forge's `MAIN_WINDOW_VITE_NAME`: the renderer's folder under `.vite/renderer/`. */
  rendererName: string;
}

/** Registers the app's lifecycle handlers; the rest starts when Electron is ready. */
export function startApp(args: StartAppArgs): void {
  const { app, dialog } = args.electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox();

  const indexFile = nodePath.join(args.mainDir, '..', 'renderer', args.rendererName, 'index.html');
  const isAppUrl = appUrlMatcher({ devServerUrl: args.devServerUrl, indexFile });
  let window: Electron.BrowserWindow | undefined;
  let openWindow: (() => void) | undefined;
  let quitGuard: QuitGuard | undefined;

  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isAppUrl));
  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === undefined) openWindow?.();
  });
  app.on('before-quit', (event) => quitGuard?.onBeforeQuit(event));

  app
    .whenReady()
    .then(() => {
      const wired = wire(args, isAppUrl, indexFile, () => window);
      quitGuard = wired.quitGuard;
      openWindow = () => {
        window = wired.createWindow();
        window.on('closed', () => {
          window = undefined;
        });
      };
      openWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Training Workbench could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
      app.exit(1);
    });
}

/** Everything that needs a ready Electron: settings, session, engine, IPC; returns the window factory. */
function wire(args: StartAppArgs, isAppUrl: (url: string) => boolean, indexFile: string, currentWindow: () => Electron.BrowserWindow | undefined) {
  const { app, BrowserWindow, dialog, ipcMain, screen, session, shell, utilityProcess } = args.electron;
  const userData = app.getPath('userData');
  const { store, notice } = openWithRecovery({
    file: settingsFilePath(userData),
    open: () => openElectronStore(userData, defaultSettings(app.getPath('home'))),
  });
  if (notice !== undefined) console.warn(notice);
  const settings = new SettingsStore({ store, defaults: defaultSettings(app.getPath('home')), notice });

  secureSession(session.defaultSession, contentSecurityPolicy(args.devServerUrl ? 'development' : 'production'));

  const paths = resolveEnginePaths({ mainDir: args.mainDir, isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const engine = new EngineHost({
    enginePath: paths.enginePath,
    fork: (modulePath, env) => utilityProcess.fork(modulePath, [], { env, serviceName: 'Training Workbench engine', stdio: 'inherit' }),
    env: () => engineEnv(process.env, settings.workspace, paths),
    sendEvent: (channel, payload) => {
      const window = currentWindow();
      if (window !== undefined && !window.isDestroyed()) window.webContents.send(channel, payload);
    },
  });
  engine.start();

  const quitGuard = new QuitGuard({
    engine,
    confirmStopTraining: async () => {
      const options: Electron.MessageBoxOptions = {
        type: 'warning',
        title: 'Training Workbench',
        message: 'A training is running. Stop it and quit?',
        detail: 'The current epoch finishes and its checkpoints are written first; the run can be resumed later.',
        buttons: ['Stop and Quit', 'Keep Training'],
        defaultId: 1,
        cancelId: 1,
      };
      const window = currentWindow();
      const { response } = window !== undefined ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    quit: () => app.quit(),
  });

  const desktop = new DesktopCalls({
    engine,
    shell,
    dialog,
    window: () => {
      const window = currentWindow();
      return window !== undefined && !window.isDestroyed() ? window : undefined;
    },
  });
  const router = new CallRouter({ settings, engine, desktop });
  registerIpcHandlers({
    ipcMain,
    checkSender: senderChecker({
      isAppUrl,
      isAppWebContents: (sender) => {
        const window = currentWindow();
        // By id: unique and fixed for the life of a WebContents.
        return window !== undefined && !window.isDestroyed() && (sender as { id?: unknown } | null)?.id === window.webContents.id;
      },
    }),
    route: (channel, request) => router.route(channel, request),
  });

  const createWindow = () =>
    createMainWindow({
      BrowserWindow,
      preloadPath: nodePath.join(args.mainDir, 'preload.js'),
      bounds: restoreWindowBounds(settings.windowBounds, screen.getAllDisplays().map((display) => display.workArea)),
      devServerUrl: args.devServerUrl,
      indexFile,
      onClose: (event) => quitGuard.onWindowClose(event),
      saveBounds: (bounds) => {
        try {
          settings.saveWindowBounds(bounds);
        } catch (error) {
          console.warn(`Could not save the window bounds: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  return { quitGuard, createWindow };
}
