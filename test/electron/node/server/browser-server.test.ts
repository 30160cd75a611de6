import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RequestChannel, Result } from '../../../../shared/contract';
import { ENGINE_WORKSPACE_ENV } from '../../../../shared/engine-protocol';
import { browserRefusal, startBrowserServer, type BrowserServer } from '../../../../electron/node/server/browser-server';
import { EngineHost } from '../../../../electron/node/engine-host/engine-host';
import { stringEnv } from '../../../../electron/node/engine-host/fork-node-engine';
import { ENGINE_ENTRY } from '../../../../electron/node/engine/engine-entry';
import { forkNodeEngine } from '../../../helpers/fork-node-engine';
import { SettingsFile } from '../../../../electron/node/server/settings-file';
import { makeTempDir } from '../../../helpers/temp-dir';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** An engine that records what reached it and answers every call with the channel's name. */
class RecordingEngine {
  calls: Array<[RequestChannel, unknown]> = [];
  async call(channel: RequestChannel, req: unknown): Promise<Result<unknown>> {
    this.calls.push([channel, req]);
    return { ok: true, value: channel };
  }
}

async function serve(engine: { call: RecordingEngine['call'] } = new RecordingEngine()) {
  const dir = await makeTempDir('workbench-static-');
  mkdirSync(nodePath.join(dir, 'assets'));
  writeFileSync(nodePath.join(dir, 'index.html'), '<!doctype html><title>Workbench</title>');
  writeFileSync(nodePath.join(dir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startBrowserServer({ staticDir: dir, engine, settings: new SettingsFile(dir) });
  cleanups.push(() => server.close());
  return { server, dir };
}

function get(server: BrowserServer, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(server: BrowserServer, { token = server.token, origin = `http://127.0.0.1:${server.port}` } = {}) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    cleanups.push(async () => ws.terminate());
  });
}

function call(ws: WebSocket, id: number, channel: string, req: unknown) {
  return new Promise<{ id: number; result: Result<unknown> }>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString());
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, request: req }));
  });
}

describe('browser server', () => {
  it('prints a loopback URL carrying the token', async () => {
    const { server } = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with the token and sets a cookie for its assets', async () => {
    const { server } = await serve();
    const page = await get(server, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Workbench</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await get(server, '/assets/app.js', { cookie })).status).toBe(200);
  });

  it.each([
    ['/', {}, 401],
    ['/?token=wrong', {}, 401],
    ['/assets/app.js', {}, 401],
    ['/?token=TOKEN', { host: 'evil.example:80' }, 403],
    ['/%2e%2e/%2e%2e/etc/passwd?token=TOKEN', {}, 404],
    ['/.secret?token=TOKEN', {}, 404],
  ])('refuses GET %s with %j (%i)', async (path, headers, status) => {
    const { server } = await serve();
    const response = await get(server, path.replace('TOKEN', server.token), headers as Record<string, string>);
    expect(response.status).toBe(status);
  });

  it('refuses a WebSocket without the token or from a foreign origin', async () => {
    const { server } = await serve();
    await expect(connect(server, { token: 'nope' })).rejects.toThrow(/403/);
    await expect(connect(server, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('refuses malformed and hostile requests before they reach the engine', async () => {
    const engine = new RecordingEngine();
    const { server } = await serve(engine);
    const ws = await connect(server);
    const hostile: Array<[string, unknown, RegExp]> = [
      ['runs:delete-everything', {}, /Unknown channel 'runs:delete-everything'/],
      ['inference:evaluate', { runId: '../../etc', checkpointId: 'x' }, /runId/],
      ['inference:evaluate', { runId: 'r1', checkpointId: '../../../etc/passwd' }, /checkpointId/],
      ['runs:get', { runId: 'r1', extra: true }, /Unrecognized key/],
      ['inference:predict', { runId: 'r1', checkpointId: 'c', inputs: 'zeros' }, /inputs/],
      ['runs:list', JSON.parse('{"__proto__": {"polluted": true}}'), /__proto__/],
      ['runs:list', { constructor: 1 }, /constructor/],
    ];
    let id = 1;
    for (const [channel, req, message] of hostile) {
      const { result } = await call(ws, id++, channel, req);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
    expect(engine.calls).toEqual([]);
    const { result } = await call(ws, id++, 'runs:list', {});
    expect(result).toEqual({ ok: true, value: 'runs:list' });
    expect(engine.calls).toEqual([['runs:list', {}]]);
  });

  it.each([
    ['checkpoints:reveal', { runId: 'r1', checkpointId: 'epoch01' }, "'checkpoints:reveal' is not available in the browser: use Copy path."],
    ['checkpoints:locate', { runId: 'r1', checkpointId: 'epoch01' }, "'checkpoints:locate' is not available in the browser: use Copy path."],
    ['dialog:open-csv', {}, "'dialog:open-csv' is not available in the browser: type the CSV file's path (on the machine that runs `workbench serve`)."],
  ])('refuses the desktop-only %s without reaching the engine', async (channel, req, message) => {
    const engine = new RecordingEngine();
    const { server } = await serve(engine);
    const ws = await connect(server);
    const { result } = await call(ws, 1, channel, req);
    expect(result).toEqual({ ok: false, error: { code: 'CONFIG', message } });
    expect(engine.calls).toEqual([]);
  });

  it('keeps settings in the workspace and answers them without the engine', async () => {
    const engine = new RecordingEngine();
    const { server } = await serve(engine);
    const ws = await connect(server);
    await call(ws, 1, 'settings:set', { lastRunConfig: { dataset: { kind: 'iris' } } });
    const { result } = await call(ws, 2, 'settings:get', {});
    expect(result).toMatchObject({ ok: true, value: { lastRunConfig: { dataset: { kind: 'iris' } } } });
    expect(engine.calls).toEqual([]);
  });
});

describe('browser server with the real engine process', () => {
  it('trains a run and streams its events to the page', async () => {
    const workspace = await makeTempDir('workbench-ws-');
    let server: BrowserServer | null = null;
    const engine = new EngineHost({
      enginePath: ENGINE_ENTRY,
      fork: forkNodeEngine(),
      env: () => ({ ...stringEnv(), [ENGINE_WORKSPACE_ENV]: workspace }),
      sendEvent: (channel, payload) => server?.broadcast(channel, payload),
    });
    engine.start();
    cleanups.push(async () => void (await engine.shutdown({ graceful: false })));
    ({ server } = await serve(engine));
    const ws = await connect(server);
    const events: Array<{ type: string }> = [];
    const finished = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.kind !== 'event' || frame.channel !== 'training:event') return;
        events.push(frame.payload);
        if (frame.payload.type === 'run-finished') resolve();
      }),
    );
    const start = await call(ws, 1, 'training:start', {
      config: { dataset: { kind: 'iris' }, model: { preset: 'mlp' }, training: { epochs: 3, batchSize: 16 }, backend: 'cpu' },
    });
    expect(start.result.ok).toBe(true);
    await finished;
    expect(events.filter((e) => e.type === 'epoch-end')).toHaveLength(3);
    const runId = (start.result as { value: { runId: string } }).value.runId;
    const list = await call(ws, 2, 'checkpoints:list', { runId });
    expect(list.result.ok && (list.result.value as Array<{ integrity: string }>).every((c) => c.integrity === 'ok')).toBe(true);
  });
});

describe('browserRefusal', () => {
  it.each([
    ['checkpoints:reveal', "'checkpoints:reveal' is not available in the browser: use Copy path."],
    ['runs:list', null],
  ])('answers %s with %j (the documented examples)', (channel, refusal) => {
    expect(browserRefusal(channel)).toBe(refusal);
  });
});
