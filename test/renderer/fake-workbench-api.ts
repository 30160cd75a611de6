/**
 * A small hand-written `WorkbenchApi` for renderer tests: records every call, answers from
 * per-channel handlers, and lets a test emit events to the subscribed listeners.
 */
import type { EventChannel, EventTypes, RequestChannel, RequestOf, ResponseTypes, Result, WorkbenchApi } from '../../shared/contract';

/** Answers one channel's calls. */
export type FakeHandler<C extends RequestChannel> = (request: RequestOf<C>) => Result<ResponseTypes[C]> | Promise<Result<ResponseTypes[C]>>;

/** One recorded call. */
export interface RecordedCall {
  channel: RequestChannel;
  request: unknown;
}

/** The fake. Unhandled channels answer `{ ok: false, error: { code: 'INTERNAL', message: 'no fake handler for <channel>' } }`. */
export class FakeWorkbenchApi implements WorkbenchApi {
  readonly calls: RecordedCall[] = [];
  private readonly handlers = new Map<RequestChannel, (request: never) => unknown>();
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  /** Sets the handler of a channel (replacing any earlier one). Returns this, for chaining. */
  handle<C extends RequestChannel>(channel: C, handler: FakeHandler<C>): this {
    this.handlers.set(channel, handler as (request: never) => unknown);
    return this;
  }

  /** Answers a channel with a fixed value. */
  respond<C extends RequestChannel>(channel: C, value: ResponseTypes[C]): this {
    return this.handle(channel, () => ({ ok: true, value }));
  }

  async call<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseTypes[C]>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel) as FakeHandler<C> | undefined;
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `no fake handler for ${channel}` } };
    return handler(request);
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventTypes[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  /** Sends an event to every current listener of its channel. */
  emit<E extends EventChannel>(event: E, payload: EventTypes[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (value: EventTypes[E]) => void)(payload);
  }

  /** Listeners subscribed to a channel now. */
  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** The requests sent on a channel, in order. */
  requestsOf<C extends RequestChannel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>);
  }
}
