/**
 * The browser mode's WebSocket protocol: the same contract as the Electron preload bridge, as JSON
 * frames. The page connects to `/ws?token=<token>` on the server that served it.
 */
import type { EventChannel, RequestChannel, Result } from './contract';

/** Browser -> server: one call. */
export interface WsCallFrame {
  id: number;
  channel: RequestChannel;
  request: unknown;
}

/** Server -> browser: a call's result, or an event. */
export type WsServerFrame =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; channel: EventChannel; payload: unknown };

/** Path of the WebSocket endpoint. */
export const WS_PATH = '/ws';
/** Query parameter that carries the access token, on the page URL and the WebSocket URL. */
export const TOKEN_PARAM = 'token';
