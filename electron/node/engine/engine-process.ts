/**
 * The engine process entry: Electron starts it with `utilityProcess.fork` (messages over
 * `process.parentPort`), the browser-mode server and tests with `child_process.fork` (messages over
 * `process.send`). It speaks shared/engine-protocol.ts and trains off the host's main thread.
 */
import { toErrorData } from '../../../shared/errors';
import { isHostChannel, type EventChannel } from '../../../shared/contract';
import {
  ENGINE_HOST_ENV,
  ENGINE_MNIST_DIR_ENV,
  ENGINE_WASM_DIR_ENV,
  ENGINE_WORKSPACE_ENV,
  validateEngineCall,
  type EngineToHostMessage,
  type HostToEngineMessage,
} from '../../../shared/engine-protocol';
import { defaultWorkspace } from './default-workspace';
import { EngineService } from './engine-service';
import { RunStore } from './run-store';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: EngineToHostMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) process.send(message);
}

function receive(listener: (message: HostToEngineMessage) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data as HostToEngineMessage));
  else process.on('message', (message) => listener(message as HostToEngineMessage));
}

/** Starts the engine loop in this process. */
export function runEngineProcess(env: Record<string, string | undefined> = process.env): void {
  let service: EngineService;
  const store = new RunStore(env[ENGINE_WORKSPACE_ENV] || defaultWorkspace(env), (runId) => service?.isTraining(runId) ?? false);
  service = new EngineService({
    store,
    host: env[ENGINE_HOST_ENV] === 'electron' ? 'electron' : 'browser',
    wasmDir: env[ENGINE_WASM_DIR_ENV] || undefined,
    mnistDir: env[ENGINE_MNIST_DIR_ENV] || undefined,
    emit: (channel: EventChannel, payload: unknown) => send({ kind: 'event', channel, payload }),
  });

  receive((message) => {
    if (message?.kind === 'call') {
      const checked = validateEngineCall(message.channel, message.request);
      if (!checked.ok) {
        send({ kind: 'result', id: message.id, result: checked });
        return;
      }
      if (isHostChannel(message.channel)) {
        const why = message.channel.startsWith('settings:') ? 'Settings are kept by the host, not the engine.' : `'${message.channel}' is answered by the desktop app, not the engine.`;
        send({ kind: 'result', id: message.id, result: { ok: false, error: { code: 'CONFIG', message: why } } });
        return;
      }
      service
        .handle(message.channel, checked.value as never)
        .then((value) => send({ kind: 'result', id: message.id, result: { ok: true, value } }))
        .catch((error) => send({ kind: 'result', id: message.id, result: { ok: false, error: toErrorData(error) } }));
    } else if (message?.kind === 'shutdown') {
      const finish = () => {
        send({ kind: 'shutdown-complete' });
        setTimeout(() => process.exit(0), 50);
      };
      if (message.graceful) service.shutdown().then(finish, finish);
      else finish();
    }
  });

  process.on('uncaughtException', (error) => {
    send({ kind: 'fatal', error: toErrorData(error) });
    setTimeout(() => process.exit(1), 50);
  });
  send({ kind: 'ready', pid: process.pid });
}

// Started as a process entry (not imported by a test): run.
if (require.main === module || (process as unknown as { parentPort?: unknown }).parentPort) runEngineProcess();
