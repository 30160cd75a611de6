import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../../shared/contract';
import type { HostToEngineMessage } from '../../../../shared/engine-protocol';
import { EngineHost, restartDelay, type EngineHostArgs, type EngineProcess } from '../../../../electron/node/engine-host/engine-host';
import { forkNodeEngine, forkedChildren, isAlive } from '../../../helpers/fork-node-engine';

const FAKE_ENGINE = nodePath.resolve(__dirname, '../../../fixtures/fake-engine/fake-engine.cjs');

interface Sent {
  channel: EventChannel;
  payload: unknown;
}

/** A host on the real fake-engine child, with fast restarts, recording what it sends to the window. */
function realHost(extraEnv: Record<string, string> = {}, args: Partial<EngineHostArgs> = {}) {
  const events: Sent[] = [];
  const warnings: string[] = [];
  const host = new EngineHost({
    enginePath: FAKE_ENGINE,
    fork: forkNodeEngine(extraEnv),
    env: () => ({ PATH: process.env.PATH ?? '', WORKBENCH_WORKSPACE: '/tmp/ws-a' }),
    sendEvent: (channel, payload) => events.push({ channel, payload }),
    restartDelayMs: 10,
    log: (message) => warnings.push(message),
    ...args,
  });
  return { host, events, warnings };
}

const statuses = (events: Sent[]) =>
  events.filter((event) => event.channel === 'engine:status').map((event) => (event.payload as { state: string }).state);

/** Resolves once `predicate` holds, polling; fails the test after `timeoutMs`. */
async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EngineHost with a real child process', () => {
  it('sends calls made while the engine starts once it is ready', async () => {
    const { host } = realHost();
    host.start();
    await expect(host.call('runs:get', { runId: 'early' })).resolves.toEqual({ ok: true, value: { runId: 'early' } });
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('pairs each result with its call when answers arrive out of order', async () => {
    const { host } = realHost();
    host.start();
    const slow = host.call('runs:get', { runId: 'slow-200' });
    const fast = host.call('runs:get', { runId: 'slow-5' });
    const order: string[] = [];
    void slow.then(() => order.push('slow'));
    void fast.then(() => order.push('fast'));
    expect(await Promise.all([slow, fast])).toEqual([
      { ok: true, value: { runId: 'slow-200' } },
      { ok: true, value: { runId: 'slow-5' } },
    ]);
    expect(order).toEqual(['fast', 'slow']);
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('returns the engine errors as results', async () => {
    const { host } = realHost();
    host.start();
    await expect(host.call('datasets:list', {})).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: "fake engine has no 'datasets:list'" } });
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('forwards engine events and tracks the running training', async () => {
    const { host, events } = realHost();
    host.start();
    expect(host.isTraining()).toBe(false);
    await expect(host.call('training:start', { config: {} })).resolves.toEqual({ ok: true, value: { runId: 'run-1' } });
    await until(() => events.filter((event) => event.channel === 'training:event').length === 2);
    expect(events.filter((event) => event.channel === 'training:event').map((event) => event.payload)).toEqual([
      { type: 'run-started', runId: 'run-1', run: {} },
      { type: 'epoch-end', runId: 'run-1', epoch: 0, logs: { loss: 0.5 }, elapsedMs: 1 },
    ]);
    expect(host.isTraining()).toBe(true);
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('reports a crash as a crashed status, answers the call in flight with an error and restarts', async () => {
    const { host, events } = realHost();
    host.start();
    const first = (await host.call('system:info', {})) as { ok: true; value: { pid: number } };
    const crashed = await host.call('runs:get', { runId: 'crash' });
    expect(crashed).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "The engine stopped unexpectedly (exit code 3). 'runs:get' got no answer; try again once it has restarted." },
    });
    const second = (await host.call('system:info', {})) as { ok: true; value: { pid: number } };
    expect(second.value.pid).not.toBe(first.value.pid);
    expect(isAlive(first.value.pid)).toBe(false);
    expect(statuses(events)).toEqual(['ready', 'crashed', 'restarting', 'ready']);
    expect(events.find((event) => (event.payload as { state?: string }).state === 'crashed')?.payload).toEqual({
      state: 'crashed',
      message: 'The engine stopped unexpectedly (exit code 3).',
    });
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('forgets the running training when the engine crashes', async () => {
    const { host } = realHost();
    host.start();
    await host.call('training:start', { config: {} });
    await until(() => host.isTraining());
    await host.call('runs:get', { runId: 'crash' });
    expect(host.isTraining()).toBe(false);
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('waits for shutdown-complete when shutting down gracefully during a training', async () => {
    const { host, events } = realHost({ FAKE_ENGINE_FINISH_MS: '300' });
    host.start();
    await host.call('training:start', { config: {} });
    const pid = (forkedChildren()[0].pid as number);
    const started = Date.now();
    const outcome = await host.shutdown({ graceful: true, timeoutMs: 5000 });
    expect(outcome).toBe('complete');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    // The training finished (its event reached the window) before the shutdown resolved.
    expect(events.at(-1)?.payload).toEqual({ type: 'run-finished', runId: 'run-1', run: {} });
    expect(host.isTraining()).toBe(false);
    expect(isAlive(pid)).toBe(false);
    expect(statuses(events)).toEqual(['ready']);
  });

  it('kills an engine that does not finish within the shutdown timeout', async () => {
    const { host } = realHost({ FAKE_ENGINE_IGNORE_SHUTDOWN: '1' });
    host.start();
    await host.call('training:start', { config: {} });
    const pid = forkedChildren()[0].pid as number;
    await expect(host.shutdown({ graceful: true, timeoutMs: 200 })).resolves.toBe('timeout');
    expect(isAlive(pid)).toBe(false);
  });

  it('refuses calls after shutdown without starting the engine again', async () => {
    const { host } = realHost();
    host.start();
    await host.call('runs:list', {});
    await host.shutdown({ timeoutMs: 2000 });
    await expect(host.call('runs:list', {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: "The engine is shut down; 'runs:list' was not sent." } });
    expect(forkedChildren()).toHaveLength(1);
  });

  it('can be started again after a shutdown, and shut down again', async () => {
    const { host } = realHost();
    host.start();
    await host.call('runs:list', {});
    await host.shutdown({ timeoutMs: 2000 });
    host.start();
    await expect(host.call('runs:get', { runId: 'again' })).resolves.toEqual({ ok: true, value: { runId: 'again' } });
    const second = forkedChildren()[1].pid as number;
    await expect(host.shutdown({ timeoutMs: 2000 })).resolves.toBe('complete');
    expect(isAlive(second)).toBe(false);
  });

  it('gives up after too many crashes in a row and says so', async () => {
    const { host, events } = realHost({ FAKE_ENGINE_CRASH_ON_START: '1' }, { maxRestarts: 2 });
    host.start();
    await until(() => statuses(events).length === 5);
    expect(statuses(events)).toEqual(['crashed', 'restarting', 'crashed', 'restarting', 'crashed']);
    expect((events.at(-1)?.payload as { message: string }).message).toBe(
      'The engine stopped unexpectedly (exit code 5). It crashed 3 times in a row and will not be restarted; restart the app.',
    );
    await expect(host.call('runs:list', {})).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/has stopped working/) } });
  });

  it('starts the fresh engine of a restart with the environment of that moment', async () => {
    let workspace = '/tmp/ws-a';
    const { host, events } = realHost({}, { env: () => ({ PATH: process.env.PATH ?? '', WORKBENCH_WORKSPACE: workspace }) });
    host.start();
    await expect(host.call('system:info', {})).resolves.toMatchObject({ value: { workspace: '/tmp/ws-a' } });
    workspace = '/tmp/ws-b';
    await host.restart({ timeoutMs: 2000 });
    await expect(host.call('system:info', {})).resolves.toMatchObject({ value: { workspace: '/tmp/ws-b' } });
    expect(statuses(events)).toEqual(['ready', 'restarting', 'ready']);
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('lets calls made during a restart wait for the new engine', async () => {
    const { host } = realHost();
    host.start();
    const before = (await host.call('system:info', {})) as { value: { pid: number } };
    const restarted = host.restart({ timeoutMs: 2000 });
    const during = host.call('system:info', {});
    await restarted;
    const answer = (await during) as { ok: boolean; value: { pid: number } };
    expect(answer.ok).toBe(true);
    expect(answer.value.pid).not.toBe(before.value.pid);
    await host.shutdown({ timeoutMs: 2000 });
  });

  it('starts no new engine when shut down during a restart', async () => {
    const { host } = realHost();
    host.start();
    await host.call('runs:list', {});
    const restarted = host.restart({ timeoutMs: 2000 });
    const during = host.call('runs:list', {});
    await expect(host.shutdown({ timeoutMs: 2000 })).resolves.toBe('complete');
    await restarted;
    await expect(during).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(forkedChildren()).toHaveLength(1);
  });
});

/** A hand-written fake process: records what it is sent; the test plays the engine's part. */
class FakeProcess implements EngineProcess {
  readonly sent: HostToEngineMessage[] = [];
  killed = 0;
  private readonly listeners = { message: [] as ((message: unknown) => void)[], exit: [] as ((code: number | null) => void)[] };

  postMessage(message: HostToEngineMessage): void {
    this.sent.push(message);
  }

  on(event: 'message' | 'exit', listener: (value: never) => void): this {
    this.listeners[event].push(listener as never);
    return this;
  }

  kill(): void {
    this.killed += 1;
    this.exit(null);
  }

  emit(message: unknown): void {
    for (const listener of this.listeners.message) listener(message);
  }

  exit(code: number | null): void {
    for (const listener of this.listeners.exit) listener(code);
  }
}

function fakeHost(args: Partial<EngineHostArgs> = {}) {
  const processes: FakeProcess[] = [];
  const events: Sent[] = [];
  const warnings: string[] = [];
  const host = new EngineHost({
    enginePath: '/app/engine.js',
    fork: () => {
      const child = new FakeProcess();
      processes.push(child);
      return child;
    },
    env: () => ({}),
    sendEvent: (channel, payload) => events.push({ channel, payload }),
    restartDelayMs: 1,
    log: (message) => warnings.push(message),
    ...args,
  });
  return { host, processes, events, warnings };
}

describe('EngineHost with a fake process', () => {
  it('ignores malformed messages and results for unknown ids, and says so', async () => {
    const { host, processes, warnings } = fakeHost();
    host.start();
    processes[0].emit({ kind: 'ready', pid: 1 });
    processes[0].emit('hello');
    processes[0].emit({ kind: 'result', id: 99, result: { ok: true, value: 1 } });
    processes[0].emit({ kind: 'event', channel: 'shell:exec', payload: {} });
    expect(warnings).toEqual([
      'Ignored a malformed message from the engine: "hello"',
      'Ignored a result for unknown call id 99.',
      'Ignored an event on unknown channel "shell:exec".',
    ]);
  });

  it('answers a call with an INTERNAL error when the engine sends a malformed result', async () => {
    const { host, processes } = fakeHost();
    host.start();
    processes[0].emit({ kind: 'ready', pid: 1 });
    const result = host.call('runs:list', {});
    processes[0].emit({ kind: 'result', id: 1, result: { ok: 'yes' } });
    await expect(result).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: "The engine sent a malformed result for 'runs:list'." } });
  });

  it('kills an engine that reports a fatal error and reports its reason', async () => {
    const { host, processes, events } = fakeHost();
    host.start();
    processes[0].emit({ kind: 'ready', pid: 1 });
    processes[0].emit({ kind: 'fatal', error: { code: 'INTERNAL', message: 'out of memory' } });
    expect(processes[0].killed).toBe(1);
    expect(events.at(-1)).toEqual({ channel: 'engine:status', payload: { state: 'crashed', message: 'The engine failed: out of memory' } });
  });

  it('kills an engine that never reports ready', async () => {
    const { host, processes, events } = fakeHost({ readyTimeoutMs: 20 });
    host.start();
    await until(() => processes[0].killed === 1);
    expect(events[0]).toEqual({ channel: 'engine:status', payload: { state: 'crashed', message: 'The engine did not start within 20 ms.' } });
  });

  it('keeps calls queued across a crash during start and sends them to the next engine', async () => {
    const { host, processes } = fakeHost();
    host.start();
    const result = host.call('runs:list', {});
    processes[0].exit(1);
    await until(() => processes.length === 2);
    expect(processes[0].sent).toEqual([]);
    processes[1].emit({ kind: 'ready', pid: 2 });
    expect(processes[1].sent).toEqual([{ kind: 'call', id: 1, channel: 'runs:list', request: {} }]);
    processes[1].emit({ kind: 'result', id: 1, result: { ok: true, value: [] } });
    await expect(result).resolves.toEqual({ ok: true, value: [] });
  });

  it('answers an error when the engine process cannot be started at all', async () => {
    const { host, events } = fakeHost({
      maxRestarts: 0,
      fork: () => {
        throw new Error('spawn ENOENT');
      },
    });
    host.start();
    expect(events).toEqual([
      {
        channel: 'engine:status',
        payload: {
          state: 'crashed',
          message: 'The engine could not be started: spawn ENOENT It crashed 1 times in a row and will not be restarted; restart the app.',
        },
      },
    ]);
  });
});

describe('restartDelay', () => {
  it.each([
    [0, 500],
    [3, 4000],
    [10, 30_000],
  ])('waits %i -> %i ms', (attempt, delay) => {
    expect(restartDelay(attempt, 500, 30_000)).toBe(delay);
  });
});
