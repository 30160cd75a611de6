/**
 * Starts engine processes as forked Node children behind EngineHost's narrow `EngineProcess`
 * interface (Electron's utilityProcess cannot run here), and kills whatever a test left running.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import type { EngineProcess, ForkEngine } from '../../electron/main/engine-host';

const children: ChildProcess[] = [];

afterEach(() => {
  while (children.length) {
    const child = children.pop() as ChildProcess;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** Every child forked so far in this test, oldest first. */
export function forkedChildren(): readonly ChildProcess[] {
  return children;
}

/** A `ForkEngine` that runs `modulePath` with `child_process.fork` (structured-clone messages, like utilityProcess). */
export function forkNodeEngine(extraEnv: Record<string, string> = {}): ForkEngine {
  return (modulePath, env) => {
    const child = fork(modulePath, [], { env: { ...env, ...extraEnv }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const engine: EngineProcess = {
      // A send to a dead child fails asynchronously; the host learns of the death from 'exit'.
      postMessage: (message) => void child.send(message, () => undefined),
      on: (event: 'message' | 'exit', listener: (value: never) => void) => {
        if (event === 'exit') child.on('exit', (code) => (listener as (code: number | null) => void)(code));
        else child.on('message', listener as (message: unknown) => void);
        return engine;
      },
      kill: () => child.kill(),
    };
    return engine;
  };
}

/** Whether a process with this pid is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
