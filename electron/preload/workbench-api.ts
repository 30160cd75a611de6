/**
 * `window.workbench`, built from the shared contract: one `ipcRenderer.invoke` per known call
 * channel and a listener per known event channel. The page never gets `ipcRenderer`, a generic
 * invoke, or Electron's event objects.
 */
import type { IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  isEventChannel,
  isRequestChannel,
  requestSchemas,
  type EventChannel,
  type EventTypes,
  type RequestChannel,
  type Result,
  type WorkbenchApi,
} from '../../shared/contract';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/**
 * The API the renderer sees. `call` rejects an unknown channel without sending anything and never
 * rejects its promise (a failed invoke resolves to `{ ok: false, error }`); `on` subscribes to a
 * known event channel only and returns the unsubscribe function; listeners get the payload alone.
 */
export function createWorkbenchApi(ipc: IpcRendererLike): WorkbenchApi {
  // One bound invoker per channel, fixed here: nothing the page passes can choose another channel.
  const invokers = new Map<RequestChannel, (request: unknown) => Promise<unknown>>(
    (Object.keys(requestSchemas) as RequestChannel[]).map((channel) => [channel, (request: unknown) => ipc.invoke(channel, request)]),
  );

  const call = async (channel: unknown, request: unknown): Promise<Result<unknown>> => {
    const invoke = isRequestChannel(channel) ? invokers.get(channel) : undefined;
    if (invoke === undefined) {
      return { ok: false, error: { code: 'CONFIG', message: `Unknown channel ${JSON.stringify(String(channel))}; nothing was sent.` } };
    }
    try {
      return (await invoke(request)) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: `'${channel}' failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
  };

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventChannel(event)) {
      throw new TypeError(`Unknown event ${JSON.stringify(String(event))}: expected one of ${EVENT_CHANNELS.map((name) => `'${name}'`).join(', ')}.`);
    }
    if (typeof listener !== 'function') throw new TypeError(`The listener for '${event}' must be a function.`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => (listener as (payload: EventTypes[EventChannel]) => void)(payload as EventTypes[EventChannel]);
    ipc.on(event, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(event, forward);
    };
  };

  return Object.freeze({ call, on }) as WorkbenchApi;
}
