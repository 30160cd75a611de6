import { describe, expect, it } from 'vitest';
import type { ShutdownArgs, ShutdownOutcome } from '../../../electron/node/engine-host/engine-host';
import type { PreventableEvent } from '../../../electron/main/navigation-guard';
import { QuitGuard } from '../../../electron/main/quit-guard';

class FakeEvent implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

/** Plays Electron's app (quit -> before-quit) and the engine; the test answers the dialog. */
function setup(training: boolean) {
  const log: string[] = [];
  const shutdowns: ShutdownArgs[] = [];
  let answer: (stop: boolean) => void = () => undefined;
  let finishShutdown: (outcome: ShutdownOutcome) => void = () => undefined;
  const engine = {
    training,
    isTraining: () => engine.training,
    shutdown: (args: ShutdownArgs = {}) => {
      log.push('shutdown');
      shutdowns.push(args);
      return new Promise<ShutdownOutcome>((resolve) => {
        finishShutdown = resolve;
      });
    },
  };
  const quitEvents: FakeEvent[] = [];
  const guard: QuitGuard = new QuitGuard({
    engine,
    confirmStopTraining: () => {
      log.push('asked');
      return new Promise((resolve) => {
        answer = resolve;
      });
    },
    quit: () => {
      log.push('quit');
      // app.quit() emits before-quit synchronously.
      const event = new FakeEvent();
      quitEvents.push(event);
      guard.onBeforeQuit(event);
    },
    shutdownTimeoutMs: 1234,
    log: (message) => log.push(message),
  });
  return { guard, log, shutdowns, quitEvents, engine, answer: (stop: boolean) => answer(stop), finishShutdown: (o: ShutdownOutcome) => finishShutdown(o) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QuitGuard', () => {
  it('shuts the engine down gracefully, without asking, when no training runs', async () => {
    const { guard, log, shutdowns, quitEvents, finishShutdown } = setup(false);
    const first = new FakeEvent();
    guard.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    await tick();
    expect(shutdowns).toEqual([{ graceful: true, timeoutMs: 1234 }]);
    finishShutdown('complete');
    await tick();
    expect(log).toEqual(['shutdown', 'quit']);
    expect(quitEvents.map((event) => event.prevented)).toEqual([false]);
  });

  it('asks first when a training runs, then stops it gracefully and quits', async () => {
    const { guard, log, quitEvents, answer, finishShutdown } = setup(true);
    guard.onBeforeQuit(new FakeEvent());
    await tick();
    expect(log).toEqual(['asked']);
    answer(true);
    await tick();
    expect(log).toEqual(['asked', 'shutdown']);
    finishShutdown('complete');
    await tick();
    expect(log).toEqual(['asked', 'shutdown', 'quit']);
    expect(quitEvents.map((event) => event.prevented)).toEqual([false]);
  });

  it('keeps running when the user chooses to keep training, and asks again next time', async () => {
    const { guard, log, answer } = setup(true);
    guard.onBeforeQuit(new FakeEvent());
    await tick();
    answer(false);
    await tick();
    expect(log).toEqual(['asked']);
    expect(guard.done).toBe(false);
    const again = new FakeEvent();
    guard.onBeforeQuit(again);
    await tick();
    expect(again.prevented).toBe(true);
    expect(log).toEqual(['asked', 'asked']);
  });

  it('holds back further quits while it asks, without asking twice', async () => {
    const { guard, log } = setup(true);
    guard.onBeforeQuit(new FakeEvent());
    const second = new FakeEvent();
    guard.onBeforeQuit(second);
    await tick();
    expect(second.prevented).toBe(true);
    expect(log).toEqual(['asked']);
  });

  it('quits even when the engine has to be killed, and says so', async () => {
    const { guard, log, finishShutdown } = setup(false);
    guard.onBeforeQuit(new FakeEvent());
    await tick();
    finishShutdown('timeout');
    await tick();
    expect(log).toEqual(['shutdown', 'The engine did not finish in time and was stopped.', 'quit']);
  });

  it('turns closing the window during a training into a quit request, so the user is asked with the window still open', async () => {
    const { guard, log } = setup(true);
    const close = new FakeEvent();
    guard.onWindowClose(close);
    expect(close.prevented).toBe(true);
    await tick();
    expect(log).toEqual(['quit', 'asked']);
  });

  it('lets the window close when no training runs', () => {
    const { guard, log } = setup(false);
    const close = new FakeEvent();
    guard.onWindowClose(close);
    expect(close.prevented).toBe(false);
    expect(log).toEqual([]);
  });
});
