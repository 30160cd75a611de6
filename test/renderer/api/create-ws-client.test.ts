import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-events';
import { createWsClient, type WebSocketLike } from '../../../renderer/api/create-ws-client';

/** A WebSocket stand-in: records what the client sends; the test opens, answers and closes it. */
class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  readonly sent: Array<{ id: number; channel: string; request: unknown }> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.closed = true;
  }

  open() {
    this.onopen?.({});
  }

  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop() {
    this.onerror?.({});
    this.onclose?.({});
  }
}

const URL = 'ws://127.0.0.1:7070/ws?token=t0k';
const connect = (args = {}) => createWsClient(URL, { createSocket: (url) => new FakeSocket(url), ...args });
const latest = () => FakeSocket.made[FakeSocket.made.length - 1];

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createWsClient', () => {
  it('connects to the URL it was given', () => {
    connect();
    expect(latest().url).toBe(URL);
  });

  it('resolves each call by its id, whatever order the results come in', async () => {
    const client = connect();
    latest().open();
    const runs = client.call('runs:list', {});
    const info = client.call('runs:get', { runId: 'r1' });
    const [first, second] = latest().sent;
    expect(first).toEqual({ id: first.id, channel: 'runs:list', request: {} });
    expect(second).toEqual({ id: second.id, channel: 'runs:get', request: { runId: 'r1' } });
    latest().receive({ kind: 'result', id: second.id, result: { ok: false, error: { code: 'NOT_FOUND', message: 'No run r1.' } } });
    latest().receive({ kind: 'result', id: first.id, result: { ok: true, value: [] } });
    await expect(runs).resolves.toEqual({ ok: true, value: [] });
    await expect(info).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No run r1.' } });
  });

  it('sends calls made before the connection opened once it opens', async () => {
    const client = connect();
    const pending = client.call('datasets:list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((frame) => frame.channel)).toEqual(['datasets:list']);
    latest().receive({ kind: 'result', id: latest().sent[0].id, result: { ok: true, value: [] } });
    await expect(pending).resolves.toEqual({ ok: true, value: [] });
  });

  it('dispatches event frames to the listeners of their channel until they unsubscribe', () => {
    const client = connect();
    latest().open();
    const events: EngineEvent[] = [];
    const statuses: unknown[] = [];
    const unsubscribe = client.on('training:event', (event) => events.push(event));
    client.on('engine:status', (status) => statuses.push(status));
    const warning: EngineEvent = { type: 'warning', runId: 'r1', text: 'hello' };
    latest().receive({ kind: 'event', channel: 'training:event', payload: warning });
    unsubscribe();
    latest().receive({ kind: 'event', channel: 'training:event', payload: warning });
    latest().receive({ kind: 'event', channel: 'engine:status', payload: { state: 'crashed', message: 'out of memory' } });
    expect(events).toEqual([warning]);
    expect(statuses).toEqual([{ state: 'crashed', message: 'out of memory' }]);
  });

  it('fails pending calls when the connection drops, and calls made while disconnected at once', async () => {
    const client = connect();
    latest().open();
    const pending = client.call('runs:list', {});
    latest().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED', message: expect.stringContaining("before it answered 'runs:list'") } });
    expect(client.connectionState()).toBe('disconnected');
    await expect(client.call('system:info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED', message: "Not connected to the engine (reconnecting), so 'system:info' was not sent. Try again once the connection is back." },
    });
  });

  it('reconnects with a doubling backoff and reports the connection state', () => {
    const states: string[] = [];
    const client = connect({ initialBackoffMs: 100, maxBackoffMs: 300 });
    client.onConnectionChange((state) => states.push(state));
    latest().open();
    latest().drop();
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(3);
    latest().drop();
    vi.advanceTimersByTime(300);
    expect(FakeSocket.made).toHaveLength(4);
    latest().open();
    expect(states).toEqual(['open', 'disconnected', 'open']);
    expect(client.connectionState()).toBe('open');
  });

  it('ignores frames that are not JSON and results nobody waits for', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = connect();
    latest().open();
    const pending = client.call('runs:list', {});
    latest().onmessage?.({ data: 'not json' });
    latest().receive({ kind: 'result', id: 9999, result: { ok: true, value: 'stray' } });
    latest().receive({ kind: 'result', id: latest().sent[0].id, result: { ok: true, value: [] } });
    await expect(pending).resolves.toEqual({ ok: true, value: [] });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('stops reconnecting once closed', () => {
    const client = connect({ initialBackoffMs: 10 });
    latest().open();
    client.close();
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
