/**
 * Engine processes as forked Node children for tests (Electron's utilityProcess cannot run here),
 * with every child killed when its test ends.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import type { ForkEngine } from '../../electron/node/engine-host/engine-host';
import { forkNodeEngine as forkProductionEngine } from '../../electron/node/engine-host/fork-node-engine';

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

/** The production fork adapter, with the children tracked for cleanup. */
export function forkNodeEngine(extraEnv: Record<string, string> = {}): ForkEngine {
  return forkProductionEngine({ extraEnv, onChild: (child) => children.push(child) });
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
