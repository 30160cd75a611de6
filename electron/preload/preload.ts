/**
 * Preload script of the main window (sandboxed: only `electron`'s renderer modules are available),
 * built to `.vite/build/preload.js`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeWorkbenchApi } from './expose-workbench-api';

exposeWorkbenchApi(contextBridge, ipcRenderer);
