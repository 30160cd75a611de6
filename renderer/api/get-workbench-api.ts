/**
 * Finds the engine: the Electron preload's `window.workbench` when present, else the browser
 * mode's WebSocket on the server that served the page.
 */
import type { WorkbenchApi } from '../../shared/contract';
import { TOKEN_PARAM, WS_PATH } from '../../shared/ws-protocol';
import { createWsClient, type WsClientArgs } from './create-ws-client';

/** A window that may carry the preload bridge. Not declared globally: the preload owns that. */
export type WindowWithWorkbench = Window & { workbench?: WorkbenchApi };

/**
 * The WebSocket URL for a page location: same host, `wss` under https, and the page's access token.
 *
 * @example wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:7070', search: '?token=a%2Fb' })
 *   -> 'ws://127.0.0.1:7070/ws?token=a%2Fb'
 * @example wsUrlFromLocation({ protocol: 'https:', host: 'box:443', search: '' }) -> 'wss://box:443/ws?token='
 */
export function wsUrlFromLocation(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * The API for this page: `window.workbench` (Electron) when the preload exposed it, else a
 * WebSocket client to `ws(s)://<host>/ws?token=<token>`.
 */
export function getWorkbenchApi(win: WindowWithWorkbench = window, wsArgs?: WsClientArgs): WorkbenchApi {
  if (win.workbench) return win.workbench;
  return createWsClient(wsUrlFromLocation(win.location), wsArgs);
}
