import type { IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { requestSchemas, type WorkbenchApi } from '../../../shared/contract';
import { exposeWorkbenchApi } from '../../../electron/preload/expose-workbench-api';
import { createWorkbenchApi, type IpcRendererLike } from '../../../electron/preload/workbench-api';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** A hand-written fake of the part of ipcRenderer the bridge uses. */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();
  reply: (channel: string) => Promise<unknown> = async (channel) => ({ ok: true, value: `answer to ${channel}` });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.reply(channel);
  }

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
    return this;
  }

  emit(channel: string, payload: unknown): void {
    const event = { sender: 'the ipcRenderer itself', senderId: 0 } as unknown as IpcRendererEvent;
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

/** The api as the page may misuse it: any channel string. */
type LooseApi = { call(channel: string, request: unknown): Promise<unknown>; on(event: string, listener: unknown): () => void };

describe('createWorkbenchApi', () => {
  it.each(Object.keys(requestSchemas))('sends %s as one invoke on that channel with the request alone', async (channel) => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc) as unknown as LooseApi;
    await expect(api.call(channel, { any: 'request' })).resolves.toEqual({ ok: true, value: `answer to ${channel}` });
    expect(ipc.invoked).toEqual([{ channel, args: [{ any: 'request' }] }]);
  });

  it.each(['electron-store-get-data', 'shell:open', 'checkpoints:locate', '__proto__', 'constructor', 'toString', ''])('refuses the unknown channel %j without sending', async (channel) => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc) as unknown as LooseApi;
    await expect(api.call(channel, {})).resolves.toEqual({ ok: false, error: { code: 'CONFIG', message: `Unknown channel ${JSON.stringify(channel)}; nothing was sent.` } });
    expect(ipc.invoked).toEqual([]);
  });

  it('turns a failed invoke into an error result instead of a rejection', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => {
      throw new Error("No handler registered for 'runs:list'");
    };
    const api = createWorkbenchApi(ipc);
    await expect(api.call('runs:list', {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: "'runs:list' failed: No handler registered for 'runs:list'" } });
  });

  it('gives listeners the payload alone, never the IPC event', () => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc);
    const received: unknown[][] = [];
    api.on('engine:status', (...args: unknown[]) => received.push(args));
    ipc.emit('engine:status', { state: 'crashed', message: 'boom' });
    expect(received).toEqual([[{ state: 'crashed', message: 'boom' }]]);
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc);
    const received: unknown[] = [];
    const off = api.on('training:event', (payload) => received.push(payload));
    ipc.emit('training:event', { type: 'warning', runId: 'r', text: 'one' });
    off();
    off();
    ipc.emit('training:event', { type: 'warning', runId: 'r', text: 'two' });
    expect(received).toEqual([{ type: 'warning', runId: 'r', text: 'one' }]);
    expect(ipc.listeners.get('training:event')).toEqual([]);
  });

  it('removes only the listener it added', () => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('engine:status', (payload) => a.push(payload));
    api.on('engine:status', (payload) => b.push(payload));
    offA();
    ipc.emit('engine:status', { state: 'ready' });
    expect(a).toEqual([]);
    expect(b).toEqual([{ state: 'ready' }]);
  });

  it.each(['electron-store-get-data', 'runs:list', 'ELECTRON_BROWSER_REQUIRE'])('refuses to subscribe to %s', (event) => {
    const ipc = new FakeIpcRenderer();
    const api = createWorkbenchApi(ipc) as unknown as LooseApi;
    expect(() => api.on(event, () => undefined)).toThrow(`Unknown event ${JSON.stringify(event)}: expected one of 'training:event', 'engine:status'.`);
    expect(ipc.listeners.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const api = createWorkbenchApi(new FakeIpcRenderer()) as unknown as LooseApi;
    expect(() => api.on('engine:status', 'alert(1)')).toThrow("The listener for 'engine:status' must be a function.");
  });

  it('exposes exactly call and on, frozen', () => {
    const api = createWorkbenchApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('exposeWorkbenchApi', () => {
  it('exposes the api as window.workbench and nothing else', async () => {
    const exposed: [string, unknown][] = [];
    const ipc = new FakeIpcRenderer();
    exposeWorkbenchApi({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, ipc);
    expect(exposed.map(([key]) => key)).toEqual(['workbench']);
    const api = exposed[0][1] as WorkbenchApi;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.values(api).includes(ipc)).toBe(false);
    await api.call('system:info', {});
    expect(ipc.invoked).toEqual([{ channel: 'system:info', args: [{}] }]);
  });
});
