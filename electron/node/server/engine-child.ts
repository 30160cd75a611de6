/**
 * Runs the engine in a forked Node child (browser mode, CLI hosts): pairs calls with results,
 * forwards events, reports a crash and restarts the engine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as nodePath from 'node:path';
import type { EventChannel, EventTypes, RequestChannel, Result } from '../../../shared/contract';
import type { EngineToHostMessage, HostToEngineMessage } from '../../../shared/engine-protocol';

/** Options of {@link EngineChild}. */
export interface EngineChildArgs {
  /** Environment of the engine process (workspace, wasm folder...). */
  env: Record<string, string | undefined>;
  /** Receives the engine's events, and `engine:status` when it crashes or restarts. */
  onEvent: <E extends EventChannel>(channel: E, payload: EventTypes[E]) => void;
  /** Engine entry. Defaults to `engine/engine-process.ts`, run through tsx. */
  entry?: string;
  /** Delay before restarting a crashed engine. Defaults to 500 ms. */
  restartDelayMs?: number;
}

/** The engine entry of this source tree. */
export const ENGINE_ENTRY = nodePath.resolve(__dirname, '../engine/engine-process.ts');

/** A supervised engine child process. */
export class EngineChild {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private stopping = false;
  private shutdownWaiter: (() => void) | null = null;

  constructor(private readonly args: EngineChildArgs) {}

  /** Starts the engine and resolves when it says it is ready. */
  start(): Promise<void> {
    const entry = this.args.entry ?? ENGINE_ENTRY;
    const child = fork(entry, [], {
      env: { ...process.env, ...this.args.env },
      execArgv: entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: EngineToHostMessage) => {
        if (message.kind === 'ready') {
          child.off('exit', onEarlyExit);
          resolve();
        }
      };
      const onEarlyExit = (code: number | null) => reject(new Error(`The engine process exited during start (code ${code}).`));
      child.on('message', onMessage);
      child.once('exit', onEarlyExit);
    });
    child.on('message', (message: EngineToHostMessage) => this.onMessage(message));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    return ready;
  }

  /** Sends a validated call to the engine; resolves with its Result (an error Result if the engine dies first). */
  call(channel: RequestChannel, request: unknown): Promise<Result<unknown>> {
    const child = this.child;
    if (!child || !child.connected) {
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The engine is not running (it is restarting); try again in a moment.' } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message: HostToEngineMessage = { kind: 'call', id, channel, request };
      child.send(message);
    });
  }

  /** Stops the engine: gracefully (trainings finish their epoch and pending writes) within `timeoutMs`, then kills it. */
  async stop({ graceful = true, timeoutMs = 120_000 } = {}): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const completed = new Promise<void>((resolve) => (this.shutdownWaiter = resolve));
    child.send({ kind: 'shutdown', graceful } satisfies HostToEngineMessage);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await Promise.race([completed.then(() => exited), exited]);
    clearTimeout(timer);
  }

  private onMessage(message: EngineToHostMessage): void {
    switch (message.kind) {
      case 'result': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'event':
        this.args.onEvent(message.channel, message.payload as never);
        break;
      case 'shutdown-complete':
        this.shutdownWaiter?.();
        break;
      case 'fatal':
        this.args.onEvent('engine:status', { state: 'crashed', message: message.error.message });
        break;
      default:
        break;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    for (const [, resolve] of this.pending) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: `The engine process stopped (${signal ?? `exit code ${code}`}) before answering.` } });
    }
    this.pending.clear();
    this.child = null;
    if (this.stopping) return;
    this.args.onEvent('engine:status', { state: 'crashed', message: `The engine process stopped (${signal ?? `exit code ${code}`}); restarting it.` });
    setTimeout(() => {
      if (this.stopping) return;
      this.args.onEvent('engine:status', { state: 'restarting' });
      this.start().then(
        () => this.args.onEvent('engine:status', { state: 'ready' }),
        (error: Error) => this.args.onEvent('engine:status', { state: 'crashed', message: error.message }),
      );
    }, this.args.restartDelayMs ?? 500);
  }
}
