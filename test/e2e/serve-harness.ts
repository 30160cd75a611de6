/**
 * Starts `workbench serve` as a user would (the real CLI, a temporary workspace) and Debian's
 * Chromium through playwright-core, for end-to-end tests of the real UI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { WORKBENCH_BIN } from '../helpers/run-cli';

/** Where screenshots go (CI keeps them as artifacts; people look at them). */
export const ARTIFACTS_DIR = nodePath.resolve(__dirname, '../../test-artifacts/e2e');

/** Chromium's path: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.');
  return found;
}

/** A running `workbench serve`. */
export interface Served {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs `workbench serve --port 0 --workspace <dir>` and waits for its URL. */
export function startServe(workspace: string, timeoutMs = 120_000): Promise<Served> {
  const child = spawn(process.execPath, [WORKBENCH_BIN, 'serve', '--port', '0', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workbench serve did not start in time:\n${output}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /Workbench ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({
          url: match[1],
          process: child,
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
            }),
        });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`workbench serve exited with ${code}:\n${output}`));
    });
  });
}

/** Launches headless Chromium with the flags that work on this kind of machine. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
