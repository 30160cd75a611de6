/** Puts the bridge on the page: `window.workbench` (contextBridge copies it into the page's world). */
import { createWorkbenchApi, type IpcRendererLike } from './workbench-api';

/** The part of Electron's `contextBridge` used here. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** Name of the API on `window`. */
export const WORKBENCH_API_KEY = 'workbench';

/** Exposes `window.workbench`, built on `ipcRenderer`. */
export function exposeWorkbenchApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(WORKBENCH_API_KEY, createWorkbenchApi(ipcRenderer));
}
