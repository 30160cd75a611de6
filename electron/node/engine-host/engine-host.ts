/**
 * Runs the training engine in its own process and talks to it over shared/engine-protocol.ts.
 * Written against a narrow `fork` function, so it runs in plain Node: Electron passes
 * `utilityProcess.fork`, tests pass a hand-written fake or a real forked Node child.
 */
import { isEventChannel, type EventChannel, type EventTypes, type Result } from '../../../shared/contract';
import type { EngineCallChannel, HostToEngineMessage } from '../../../shared/engine-protocol';
import type { ErrorData } from '../../../shared/errors';

/**
 * A running engine process as the host sees it: what Electron's `UtilityProcess` offers, and what
 * a forked Node child offers behind a three-line adapter (`postMessage` -> `send`).
 */
export interface EngineProcess {
  postMessage(message: HostToEngineMessage): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): unknown;
}

/** Starts an engine process running `modulePath` with exactly the environment `env`. */
export type ForkEngine = (modulePath: string, env: Record<string, string>) => EngineProcess;

/** Options of {@link EngineHost}. */
export interface EngineHostArgs {
  /** Path of the engine's entry script (the built `engine.js`). */
  enginePath: string;
  /** Starts an engine process. */
  fork: ForkEngine;
  /** The environment of each engine process, asked at every start (a changed workspace applies on restart). */
  env: () => Record<string, string>;
  /** Receives the engine's events and the host's own `engine:status` events (Electron: `webContents.send`). */
  sendEvent: (channel: EventChannel, payload: unknown) => void;
  /** Delay before the first restart after a crash; doubles with each crash in a row. Defaults to 500 ms. */
  restartDelayMs?: number;
  /** Longest delay between restarts. Defaults to 30,000 ms. */
  maxRestartDelayMs?: number;
  /** Crashes in a row after which the host stops restarting (and says so). Defaults to 5. */
  maxRestarts?: number;
  /** How long an engine must have been ready for its crash to count as a first one again. Defaults to 30,000 ms. */
  stableAfterMs?: number;
  /** How long a started engine may take to report `ready` before it is killed as hung. Defaults to 60,000 ms. */
  readyTimeoutMs?: number;
  /** After `shutdown-complete`, how long the engine may take to exit before it is killed. Defaults to 2,000 ms. */
  exitGraceMs?: number;
  /** Where the host reports protocol trouble (a malformed message). Defaults to `console.warn`. */
  log?: (message: string) => void;
  /** Clock for `stableAfterMs`. Defaults to `Date.now`. */
  now?: () => number;
}

/** Options of {@link EngineHost.shutdown}. */
export interface ShutdownArgs {
  /** Let running trainings finish their epoch and pending checkpoint writes first. Defaults to true. */
  graceful?: boolean;
  /** How long to wait for `shutdown-complete` before killing the engine. Defaults to 60,000 ms. */
  timeoutMs?: number;
}

/** How a shutdown went: `complete` (the engine said so), `exited` (it exited without saying), `timeout` (killed), `not-running`. */
export type ShutdownOutcome = 'complete' | 'exited' | 'timeout' | 'not-running';

type HostState = 'idle' | 'starting' | 'ready' | 'backoff' | 'stopping' | 'stopped' | 'failed';

interface PendingCall {
  channel: EngineCallChannel;
  resolve: (result: Result<unknown>) => void;
  /** Whether it was posted to a process (else it waits in `queued` for a ready engine). */
  sent: boolean;
}

/**
 * The delay before restart number `attempt` (0-based) after crashes in a row: doubling from `base`,
 * capped at `max`.
 *
 * @example restartDelay(0, 500, 30_000) -> 500
 * @example restartDelay(3, 500, 30_000) -> 4000
 * @example restartDelay(10, 500, 30_000) -> 30000
 */
export function restartDelay(attempt: number, base: number, max: number): number {
  return Math.min(base * 2 ** attempt, max);
}

/**
 * Hosts one engine process: starts it, pairs each call with its result by id, forwards its events,
 * keeps track of running trainings (from `run-started` / `run-finished` / `run-failed` events),
 * restarts it with backoff when it crashes (reporting `engine:status` `crashed`, `restarting`,
 * `ready`), and shuts it down gracefully on request.
 *
 * `call` never rejects: every failure, including a crash while a call is in flight, resolves to
 * `{ ok: false, error }`.
 */
export class EngineHost {
  private readonly args: Required<Omit<EngineHostArgs, 'log' | 'now'>> & Pick<EngineHostArgs, 'log' | 'now'>;
  private state: HostState = 'idle';
  private child: EngineProcess | undefined;
  /** Bumped at every start; messages and exits of older processes are ignored. */
  private generation = 0;
  private nextId = 0;
  private readonly pending = new Map<number, PendingCall>();
  /** Calls made while no engine is ready; sent when one is. */
  private queued: HostToEngineMessage[] = [];
  private readonly runningRuns = new Set<string>();
  private crashesInARow = 0;
  private readyAt: number | undefined;
  private fatalMessage: string | undefined;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private shutdownPromise: Promise<ShutdownOutcome> | undefined;
  /** Set while `restart` replaces the engine: calls wait for the new one instead of failing. */
  private restarting = false;
  private onShutdownComplete: (() => void) | undefined;
  private onChildExit: (() => void) | undefined;

  constructor(args: EngineHostArgs) {
    if (!args.enginePath) throw new TypeError('EngineHost needs `enginePath`, the path of the built engine.js.');
    this.args = {
      restartDelayMs: 500,
      maxRestartDelayMs: 30_000,
      maxRestarts: 5,
      stableAfterMs: 30_000,
      readyTimeoutMs: 60_000,
      exitGraceMs: 2_000,
      ...args,
    };
  }

  /** Starts the engine (again, after a shutdown). Does nothing while it is running, starting or stopping. */
  start(): void {
    if (this.state !== 'idle' && this.state !== 'stopped' && this.state !== 'failed') return;
    this.shutdownPromise = undefined;
    this.crashesInARow = 0;
    this.spawn();
  }

  /** Whether a training is running (a `run-started` without its `run-finished`/`run-failed` yet). */
  isTraining(): boolean {
    return this.runningRuns.size > 0;
  }

  /**
   * Sends a call (already validated) to the engine and resolves with its result. Calls made while the
   * engine starts or restarts wait for it; calls in flight when it dies resolve to an `INTERNAL` error.
   */
  call(channel: EngineCallChannel, request: unknown): Promise<Result<unknown>> {
    if (this.state === 'failed') return Promise.resolve(failure(`The engine has stopped working; '${channel}' was not sent. Restart the app.`));
    if ((this.state === 'stopping' || this.state === 'stopped') && !this.restarting) {
      return Promise.resolve(failure(`The engine is shut down; '${channel}' was not sent.`));
    }
    if (this.state === 'idle') return Promise.resolve(failure(`The engine has not been started; '${channel}' was not sent.`));
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, { channel, resolve, sent: false });
      const message: HostToEngineMessage = { kind: 'call', id, channel, request };
      if (this.state === 'ready') this.post(message);
      else this.queued.push(message);
    });
  }

  /**
   * Stops the engine for good: sends `shutdown` and waits for `shutdown-complete` (at most
   * `timeoutMs`, then kills it). Calls still in flight resolve to an error. Calling it again returns
   * the same promise; a `restart` in progress ends with the engine stopped.
   */
  shutdown(args: ShutdownArgs = {}): Promise<ShutdownOutcome> {
    this.restarting = false;
    return this.stop(args);
  }

  /**
   * Shuts the engine down gracefully and starts a fresh one (e.g. with a new workspace), reporting
   * `engine:status` `restarting`. Calls made meanwhile wait for the new engine.
   */
  async restart(args: ShutdownArgs = {}): Promise<void> {
    this.restarting = true;
    this.emitStatus({ state: 'restarting', message: 'Restarting the engine.' });
    await this.stop(args);
    // A shutdown() meanwhile (the app quitting) wins: no new engine.
    if (!this.restarting) return;
    this.restarting = false;
    this.start();
  }

  private stop(args: ShutdownArgs): Promise<ShutdownOutcome> {
    if (this.shutdownPromise) return this.shutdownPromise;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child === undefined || (this.state !== 'starting' && this.state !== 'ready')) {
      this.state = 'stopped';
      this.failCalls('The engine is shut down.', !this.restarting);
      return Promise.resolve('not-running');
    }
    this.state = 'stopping';
    const graceful = args.graceful ?? true;
    const timeoutMs = args.timeoutMs ?? 60_000;
    this.shutdownPromise = new Promise<ShutdownOutcome>((resolve) => {
      let outcome: ShutdownOutcome | undefined;
      const exited = new Promise<void>((resolveExit) => {
        this.onChildExit = resolveExit;
      });
      const complete = new Promise<void>((resolveComplete) => {
        this.onShutdownComplete = resolveComplete;
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<void>((resolveTimeout) => {
        timer = setTimeout(resolveTimeout, timeoutMs);
      });
      void Promise.race([
        complete.then(() => (outcome ??= 'complete')),
        exited.then(() => (outcome ??= 'exited')),
        timedOut.then(() => (outcome ??= 'timeout')),
      ]).then(async () => {
        clearTimeout(timer);
        if (outcome === 'complete') {
          // The engine said it is done; it should exit by itself. Give it a moment, then make sure.
          let graceTimer: ReturnType<typeof setTimeout> | undefined;
          const grace = new Promise<void>((resolveGrace) => {
            graceTimer = setTimeout(resolveGrace, this.args.exitGraceMs);
          });
          await Promise.race([exited, grace]);
          clearTimeout(graceTimer);
        }
        if (this.child === child) child.kill();
        await exited;
        resolve(outcome as ShutdownOutcome);
      });
      this.post({ kind: 'shutdown', graceful });
    });
    return this.shutdownPromise;
  }

  private spawn(): void {
    const generation = ++this.generation;
    this.state = 'starting';
    this.readyAt = undefined;
    this.fatalMessage = undefined;
    let child: EngineProcess;
    try {
      child = this.args.fork(this.args.enginePath, this.args.env());
    } catch (error) {
      this.child = undefined;
      this.fatalMessage = `The engine could not be started: ${error instanceof Error ? error.message : String(error)}`;
      this.handleExit(null);
      return;
    }
    this.child = child;
    child.on('message', (message) => {
      if (generation === this.generation) this.handleMessage(message);
    });
    child.on('exit', (code) => {
      if (generation === this.generation) this.handleExit(code);
    });
    this.readyTimer = setTimeout(() => {
      const limit = this.args.readyTimeoutMs;
      this.fatalMessage = `The engine did not start within ${limit < 1000 ? `${limit} ms` : `${Math.round(limit / 1000)} s`}.`;
      child.kill();
    }, this.args.readyTimeoutMs);
  }

  private handleMessage(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null || typeof (raw as { kind?: unknown }).kind !== 'string') {
      this.warn(`Ignored a malformed message from the engine: ${describe(raw)}`);
      return;
    }
    const message = raw as Record<string, unknown>;
    switch (message.kind) {
      case 'ready':
        clearTimeout(this.readyTimer);
        if (this.state !== 'starting') return;
        this.state = 'ready';
        this.readyAt = this.now();
        this.emitStatus({ state: 'ready' });
        for (const queued of this.queued.splice(0)) this.post(queued);
        return;
      case 'result': {
        const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
        if (pending === undefined) {
          this.warn(`Ignored a result for unknown call id ${describe(message.id)}.`);
          return;
        }
        this.pending.delete(message.id as number);
        pending.resolve(isResult(message.result) ? message.result : failure(`The engine sent a malformed result for '${pending.channel}'.`));
        return;
      }
      case 'event':
        if (!isEventChannel(message.channel)) {
          this.warn(`Ignored an event on unknown channel ${describe(message.channel)}.`);
          return;
        }
        if (message.channel === 'training:event') this.trackRuns(message.payload);
        this.args.sendEvent(message.channel, message.payload);
        return;
      case 'shutdown-complete':
        this.onShutdownComplete?.();
        return;
      case 'fatal': {
        const error = message.error as Partial<ErrorData> | undefined;
        this.fatalMessage = `The engine failed: ${typeof error?.message === 'string' ? error.message : 'no reason given'}`;
        this.child?.kill();
        return;
      }
      default:
        this.warn(`Ignored an engine message of unknown kind ${describe(message.kind)}.`);
    }
  }

  private handleExit(code: number | null): void {
    clearTimeout(this.readyTimer);
    this.child = undefined;
    this.runningRuns.clear();
    if (this.state === 'stopping') {
      this.state = 'stopped';
      this.failCalls('The engine was shut down before answering.', !this.restarting);
      this.onChildExit?.();
      return;
    }
    const reason = this.fatalMessage ?? `The engine stopped unexpectedly (exit code ${code ?? 'none'}).`;
    // Calls the dead process had received get an error; calls still queued wait for the next one.
    for (const [id, pending] of this.pending) {
      if (!pending.sent) continue;
      this.pending.delete(id);
      pending.resolve(failure(`${reason} '${pending.channel}' got no answer; try again once it has restarted.`));
    }
    if (this.readyAt !== undefined && this.now() - this.readyAt >= this.args.stableAfterMs) this.crashesInARow = 0;
    this.crashesInARow += 1;
    if (this.crashesInARow > this.args.maxRestarts) {
      this.state = 'failed';
      this.failCalls('The engine has stopped working.', true);
      this.emitStatus({
        state: 'crashed',
        message: `${reason} It crashed ${this.crashesInARow} times in a row and will not be restarted; restart the app.`,
      });
      return;
    }
    this.state = 'backoff';
    this.emitStatus({ state: 'crashed', message: reason });
    const delay = restartDelay(this.crashesInARow - 1, this.args.restartDelayMs, this.args.maxRestartDelayMs);
    this.restartTimer = setTimeout(() => {
      if (this.state !== 'backoff') return;
      this.emitStatus({ state: 'restarting', message: `Restarting the engine (attempt ${this.crashesInARow}).` });
      this.spawn();
    }, delay);
  }

  private trackRuns(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return;
    const { type, runId } = payload as { type?: unknown; runId?: unknown };
    if (typeof runId !== 'string') return;
    if (type === 'run-started') this.runningRuns.add(runId);
    else if (type === 'run-finished' || type === 'run-failed') this.runningRuns.delete(runId);
  }

  private post(message: HostToEngineMessage): void {
    try {
      if (this.child === undefined) throw new Error('no engine process');
      if (message.kind === 'call') (this.pending.get(message.id) as PendingCall).sent = true;
      this.child.postMessage(message);
    } catch (error) {
      if (message.kind !== 'call') return;
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      pending?.resolve(failure(`'${message.channel}' could not be sent to the engine: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  /** Answers the calls sent to the engine with an error, and the queued ones too when `queuedToo`. */
  private failCalls(reason: string, queuedToo: boolean): void {
    for (const [id, pending] of this.pending) {
      if (!pending.sent && !queuedToo) continue;
      this.pending.delete(id);
      pending.resolve(failure(`${reason} '${pending.channel}' got no answer.`));
    }
    if (queuedToo) this.queued = [];
  }

  private emitStatus(status: EventTypes['engine:status']): void {
    this.args.sendEvent('engine:status', status);
  }

  private warn(message: string): void {
    (this.args.log ?? console.warn)(message);
  }

  private now(): number {
    return (this.args.now ?? Date.now)();
  }
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: unknown };
  if (result.ok === true) return 'value' in result;
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null) return false;
  const error = result.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return String(value);
  }
}
