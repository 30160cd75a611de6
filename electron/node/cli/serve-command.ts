/**
 * `workbench serve`: the desktop app's UI in a browser, for training boxes without a display.
 */
import { parseArgs } from 'node:util';
import { ENGINE_HOST_ENV, ENGINE_WORKSPACE_ENV } from '../../../shared/engine-protocol';
import { ConfigError } from '../../../shared/errors';
import { isLoopback, startBrowserServer, type BrowserServer } from '../server/browser-server';
import { EngineHost } from '../engine-host/engine-host';
import { forkNodeEngine, stringEnv } from '../engine-host/fork-node-engine';
import { ENGINE_ENTRY } from '../engine/engine-entry';
import { ensureRendererBuilt } from '../server/renderer-build';
import { SettingsFile } from '../server/settings-file';
import type { CliIo } from './cli-io';
import { COMMON_OPTIONS, integer, workspaceOf } from './cli-options';

/** Usage of `workbench serve`. */
export const SERVE_USAGE = `Usage: workbench serve [--port <n>] [--host <address>] [--workspace <dir>] [--rebuild]

Serves the UI and the engine to a browser. Binds 127.0.0.1 by default; open the printed URL (it
carries a random access token). --host 0.0.0.0 exposes it to your network: anyone with the URL can train.
`;

/** Runs `workbench serve` until SIGINT/SIGTERM (then stops gracefully). */
export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    io.out(SERVE_USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : integer('port', values.port);
  if (port < 0 || port > 65535) throw new ConfigError(`--port must be from 0 to 65535; received ${port}.`);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    io.err(`warning: --host ${host} is not a loopback address: anyone who can reach it and has the URL's token can use this workbench.\n`);
  }
  const workspace = workspaceOf(values);
  const staticDir = await ensureRendererBuilt({ force: values.rebuild });
  let server: BrowserServer | null = null;
  const engine = new EngineHost({
    enginePath: ENGINE_ENTRY,
    fork: forkNodeEngine(),
    env: () => ({ ...stringEnv(), [ENGINE_WORKSPACE_ENV]: workspace, [ENGINE_HOST_ENV]: 'browser' }),
    sendEvent: (channel, payload) => server?.broadcast(channel, payload),
  });
  engine.start();
  try {
    server = await startBrowserServer({ staticDir, engine, settings: new SettingsFile(workspace), host, port });
  } catch (error) {
    await engine.shutdown({ graceful: false });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${port} on ${host} is in use; pick another with --port, or --port 0 for a free one.`);
    if (code === 'EADDRNOTAVAIL') throw new ConfigError(`Cannot bind ${host}: no such address on this machine.`);
    throw error;
  }
  io.out(`Workbench ready at ${server.url}\n`);
  io.out(`Workspace: ${workspace}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.err('Stopping: running trainings finish their epoch and pending checkpoint writes...\n');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  await engine.shutdown({ graceful: true });
  return 0;
}
