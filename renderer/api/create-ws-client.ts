/**
 * The browser mode's `WorkbenchApi`: the contract over one WebSocket (shared/ws-protocol.ts).
 * Calls are paired with their results by id; event frames go to the listeners of their channel.
 * When the socket drops it reconnects with exponential backoff; calls made meanwhile fail at once
 * with a `DISCONNECTED` error instead of hanging.
 */
import type { EventChannel, EventTypes, RequestChannel, RequestOf, ResponseTypes, Result, WorkbenchApi } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import type { WsCallFrame, WsServerFrame } from '../../shared/ws-protocol';
import type { ConnectionAware, ConnectionState } from './connection-state';

/** The part of the DOM `WebSocket` the client uses (tests pass a fake). */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Options of {@link createWsClient}. */
export interface WsClientArgs {
  /** Opens a socket to `url`. Defaults to `new WebSocket(url)`. */
  createSocket?: (url: string) => WebSocketLike;
  /** Delay before the first reconnection attempt, doubled after each failure. Defaults to 500 ms. */
  initialBackoffMs?: number;
  /** Longest delay between reconnection attempts. Defaults to 10,000 ms. */
  maxBackoffMs?: number;
}

/** A `WorkbenchApi` over a WebSocket that reports its connection and can be closed for good. */
export interface WsClient extends WorkbenchApi, ConnectionAware {
  /** Closes the socket and stops reconnecting; pending calls fail. */
  close(): void;
}

interface Pending {
  channel: RequestChannel;
  resolve: (result: Result<unknown>) => void;
}

interface Queued extends Pending {
  request: unknown;
}

/**
 * Connects to `url` (e.g. `ws://127.0.0.1:5173/ws?token=abc`) at once and returns the client.
 * Calls made before the first connection opens are sent when it opens.
 */
export function createWsClient(url: string, args: WsClientArgs = {}): WsClient {
  const createSocket = args.createSocket ?? ((target: string) => new WebSocket(target) as unknown as WebSocketLike);
  const initialBackoffMs = args.initialBackoffMs ?? 500;
  const maxBackoffMs = args.maxBackoffMs ?? 10_000;

  let state: ConnectionState = 'connecting';
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedForGood = false;
  const pending = new Map<number, Pending>();
  let queued: Queued[] = [];
  const eventListeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'DISCONNECTED', message } satisfies ErrorData });

  const send = (channel: RequestChannel, request: unknown, resolve: (result: Result<unknown>) => void) => {
    const id = nextId++;
    const frame: WsCallFrame = { id, channel, request };
    pending.set(id, { channel, resolve });
    try {
      socket!.send(JSON.stringify(frame));
    } catch (error) {
      pending.delete(id);
      resolve(failure(`Could not send '${channel}' to the engine: ${error instanceof Error ? error.message : String(error)}.`));
    }
  };

  const dispatch = (channel: EventChannel, payload: unknown) => {
    const listeners = eventListeners.get(channel);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        (listener as (value: unknown) => void)(payload);
      } catch (error) {
        // One broken listener must not starve the others of events.
        console.error(`A '${channel}' listener threw:`, error);
      }
    }
  };

  const onMessage = (data: unknown) => {
    let frame: WsServerFrame;
    try {
      frame = JSON.parse(String(data)) as WsServerFrame;
    } catch {
      console.warn('Ignored a WebSocket frame that is not JSON:', String(data).slice(0, 200));
      return;
    }
    if (frame?.kind === 'result') {
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      call.resolve(frame.result);
    } else if (frame?.kind === 'event') {
      dispatch(frame.channel, frame.payload);
    }
  };

  const onClose = () => {
    socket = null;
    const lost = [...pending.values()];
    pending.clear();
    for (const call of lost) {
      call.resolve(failure(`The connection to the engine was lost before it answered '${call.channel}'. Try again once it is back.`));
    }
    const waiting = queued;
    queued = [];
    for (const call of waiting) {
      call.resolve(failure(`Could not connect to the engine, so '${call.channel}' was not sent. Try again once the connection is back.`));
    }
    if (closedForGood) return;
    setState('disconnected');
    const delay = Math.min(maxBackoffMs, initialBackoffMs * 2 ** failures);
    failures += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  function connect() {
    let opened: WebSocketLike;
    try {
      opened = createSocket(url);
    } catch (error) {
      console.warn('Could not open the WebSocket:', error);
      socket = null;
      onClose();
      return;
    }
    socket = opened;
    opened.onopen = () => {
      failures = 0;
      setState('open');
      const waiting = queued;
      queued = [];
      for (const call of waiting) send(call.channel, call.request, call.resolve);
    };
    opened.onmessage = (event) => onMessage(event.data);
    // A failed connection fires `error` then `close`: act once, on close.
    opened.onerror = () => {};
    opened.onclose = () => {
      if (socket === opened) onClose();
    };
  }

  connect();

  return {
    call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseTypes[C]>> {
      return new Promise((resolve) => {
        const done = resolve as (result: Result<unknown>) => void;
        if (closedForGood) done(failure(`The connection to the engine is closed; '${channel}' was not sent.`));
        else if (state === 'open' && socket) send(channel, request, done);
        else if (state === 'connecting') queued.push({ channel, request, resolve: done });
        else done(failure(`Not connected to the engine (reconnecting), so '${channel}' was not sent. Try again once the connection is back.`));
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventTypes[E]) => void): () => void {
      const listeners = eventListeners.get(event) ?? new Set<(payload: never) => void>();
      eventListeners.set(event, listeners);
      const entry = listener as (payload: never) => void;
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    connectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      const current = socket;
      if (current) {
        current.close(1000, 'closed by the page');
        onClose();
      }
    },
  };
}
