/**
 * `workbench serve`: the renderer and the contract for a browser, over HTTP and a WebSocket, on
 * 127.0.0.1 by default. Every request needs the random token of the printed URL (the page sets it
 * as an HttpOnly cookie for its assets); a foreign Host (DNS rebinding) or Origin is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as nodePath from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRequestChannel, validateRequest, type DesktopChannel, type EventChannel, type RequestChannel, type Result } from '../../../shared/contract';
import { checkPlainData } from '../../../shared/check-plain-data';
import type { HostCallChannel } from '../../../shared/engine-protocol';
import { toErrorData } from '../../../shared/errors';
import { TOKEN_PARAM, WS_PATH, type WsServerFrame } from '../../../shared/ws-protocol';
import type { SettingsFile } from './settings-file';

/** What the server forwards calls to. */
export interface ServerEngine {
  call(channel: RequestChannel, request: unknown): Promise<Result<unknown>>;
}

/** Options of {@link startBrowserServer}. */
export interface BrowserServerArgs {
  /** Folder of the built renderer. */
  staticDir: string;
  engine: ServerEngine;
  settings: SettingsFile;
  /** Address to bind. Defaults to 127.0.0.1. */
  host?: string;
  /** Port; 0 picks a free one. Defaults to 0. */
  port?: number;
  /** Access token. Defaults to 24 random bytes, base64url. */
  token?: string;
}

/** A running server. */
export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  /** Sends an event to every connected page. */
  broadcast<E extends EventChannel>(channel: E, payload: unknown): void;
  close(): Promise<void>;
}

const COOKIE = 'workbench_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Channels the browser mode refuses, and what the page offers instead: the desktop channels need
 * the system's file manager and dialogs, and host calls answer with engine paths, which a page
 * never receives.
 */
const DESKTOP_ONLY: Record<DesktopChannel | HostCallChannel, string> = {
  'checkpoints:reveal': 'use Copy path',
  'checkpoints:locate': 'use Copy path',
  'dialog:open-csv': "type the CSV file's path (on the machine that runs `workbench serve`)",
};

/**
 * Why the browser mode refuses a channel, or null when it answers it.
 *
 * @example browserRefusal('checkpoints:reveal') -> "'checkpoints:reveal' is not available in the browser: use Copy path."
 * @example browserRefusal('runs:list') -> null
 */
export function browserRefusal(channel: unknown): string | null {
  if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(DESKTOP_ONLY, channel)) return null;
  return `'${channel}' is not available in the browser: ${DESKTOP_ONLY[channel as keyof typeof DESKTOP_ONLY]}.`;
}

/** Whether an address is loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Starts the server. */
export async function startBrowserServer(args: BrowserServerArgs): Promise<BrowserServer> {
  const host = args.host ?? '127.0.0.1';
  const token = args.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let allowedHosts = new Set<string>();

  const tokenMatches = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const hostAllowed = (req: IncomingMessage) => allowedHosts.has((req.headers.host ?? '').toLowerCase());

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req)) return refuse(res, 403, 'Forbidden: unexpected Host header.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const queryToken = url.searchParams.get(TOKEN_PARAM);
    const cookieToken = parseCookies(req.headers.cookie)[COOKIE];
    if (!tokenMatches(queryToken) && !tokenMatches(cookieToken)) {
      return refuse(res, 401, 'Unauthorized: open the URL that `workbench serve` printed (it carries the access token).');
    }
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = confine(args.staticDir, path);
    if (!file) return refuse(res, 404, 'Not found.');
    res.setHeader('Content-Type', MIME[nodePath.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    if (tokenMatches(queryToken)) res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const origin = req.headers.origin;
    const ok =
      url.pathname === WS_PATH &&
      hostAllowed(req) &&
      tokenMatches(url.searchParams.get(TOKEN_PARAM)) &&
      (origin === undefined || origin === `http://${req.headers.host}`);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  const answer = async (ws: WebSocket, text: string) => {
    let frame: { id?: unknown; channel?: unknown; request?: unknown };
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id)) return;
    const id = frame.id;
    const reply = (result: Result<unknown>) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id, result } satisfies WsServerFrame));
    };
    const refusal = browserRefusal(frame.channel);
    if (refusal !== null) return reply({ ok: false, error: { code: 'CONFIG', message: refusal } });
    if (!isRequestChannel(frame.channel)) {
      return reply({ ok: false, error: { code: 'CONFIG', message: `Unknown channel '${String(frame.channel)}'.` } });
    }
    // Same gate as Electron's IPC: plain data only (no __proto__/constructor keys, no cycles, bounded size).
    const problem = checkPlainData(frame.request);
    if (problem !== null) return reply({ ok: false, error: { code: 'CONFIG', message: `Invalid '${frame.channel}' request: ${problem}` } });
    const checked = validateRequest(frame.channel, frame.request);
    if (!checked.ok) return reply(checked);
    try {
      if (frame.channel === 'settings:get') {
        const value = await args.settings.read();
        return reply({ ok: true, value: args.settings.notice ? { ...value, notice: args.settings.notice } : value });
      }
      if (frame.channel === 'settings:set') return reply({ ok: true, value: await args.settings.write(checked.value as { lastRunConfig?: unknown }) });
      reply(await args.engine.call(frame.channel, checked.value));
    } catch (error) {
      reply({ ok: false, error: toErrorData(error) });
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${shownHost}:${port}`, ...(isLoopback(host) ? [`localhost:${port}`, `127.0.0.1:${port}`] : [])].map((h) => h.toLowerCase()));

  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    broadcast: (channel, payload) => {
      const text = JSON.stringify({ kind: 'event', channel, payload } satisfies WsServerFrame);
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key) out[key] = rest.join('=');
  }
  return out;
}

/** A file under `root` for a URL path, or null when it escapes, is hidden or is not a file. */
function confine(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const file = nodePath.resolve(root, `.${decoded}`);
  if (!file.startsWith(nodePath.resolve(root) + nodePath.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
