/**
 * Entry of the Electron main process, built to `.vite/build/main.js` (forge.config.ts). It only
 * hands the real `electron` module to `startApp`.
 */
import { app, BrowserWindow, dialog, ipcMain, screen, session, shell, utilityProcess } from 'electron';
import { startApp } from './app-lifecycle';

startApp({
  electron: { app, BrowserWindow, dialog, ipcMain, screen, session, shell, utilityProcess },
  mainDir: __dirname,
  // `typeof` guards: the constants exist only in Forge's builds, not when this file is loaded otherwise.
  devServerUrl: typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'undefined' ? undefined : MAIN_WINDOW_VITE_DEV_SERVER_URL,
  rendererName: typeof MAIN_WINDOW_VITE_NAME === 'undefined' ? 'main_window' : MAIN_WINDOW_VITE_NAME,
});
