/**
 * The one application window: locked down (context isolation, sandbox, no Node), restored to where
 * it was, its bounds saved when it closes.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, type WindowBounds } from './window-bounds';
import type { PreventableEvent } from './navigation-guard';

/**
 * The window's options. Every security-relevant preference is spelled out, even where it is
 * Electron's default, so a reader (and a test) sees them.
 */
export function mainWindowOptions(preloadPath: string, bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Training Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Options of {@link createMainWindow}. */
export interface MainWindowArgs {
  /** Electron's BrowserWindow class. */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** Path of the built preload.js. */
  preloadPath: string;
  /** Where to open (see `restoreWindowBounds`). */
  bounds: WindowBounds;
  /** The Vite dev server, in development; else `indexFile` is loaded. */
  devServerUrl?: string;
  /** The built renderer's index.html. */
  indexFile: string;
  /** Called on `close` first; may prevent it (see `QuitGuard.onWindowClose`). */
  onClose: (event: PreventableEvent) => void;
  /** Receives the bounds to save when the window closes. */
  saveBounds: (bounds: WindowBounds) => void;
}

/** Creates, shows and loads the main window. */
export function createMainWindow(args: MainWindowArgs): BrowserWindow {
  const window = new args.BrowserWindow(mainWindowOptions(args.preloadPath, args.bounds));
  if (args.bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    args.onClose(event);
    const { x, y, width, height } = window.getNormalBounds();
    args.saveBounds({ x, y, width, height, maximized: window.isMaximized() });
  });
  if (args.devServerUrl) void window.loadURL(args.devServerUrl);
  else void window.loadFile(args.indexFile);
  return window;
}
