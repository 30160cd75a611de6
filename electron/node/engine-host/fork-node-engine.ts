/**
 * Engine processes as forked Node children, behind EngineHost's narrow `EngineProcess` interface:
 * what the browser-mode server (and tests) use where Electron's utilityProcess does not exist.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { EngineProcess, ForkEngine } from './engine-host';

/** Options of {@link forkNodeEngine}. */
export interface ForkNodeEngineArgs {
  /** Extra environment on top of what the host passes. Defaults to none. */
  extraEnv?: Record<string, string>;
  /** Called with every child started (tests kill leftovers). Defaults to none. */
  onChild?: (child: ChildProcess) => void;
}

/**
 * A `ForkEngine` that runs the entry with `child_process.fork` (structured-clone messages, like
 * utilityProcess). A `.ts` entry (the source tree, not a bundle) runs through tsx.
 */
export function forkNodeEngine(args: ForkNodeEngineArgs = {}): ForkEngine {
  return (modulePath, env) => {
    const child = fork(modulePath, [], {
      env: { ...env, ...args.extraEnv },
      execArgv: modulePath.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    args.onChild?.(child);
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

/** The process environment as strings only (what a fork takes). */
export function stringEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
