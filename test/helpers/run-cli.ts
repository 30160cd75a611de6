/** Runs the real `workbench` binary in a child process, as a user would. */
import { spawn } from 'node:child_process';
import * as nodePath from 'node:path';

/** The CLI entry shipped in package.json's `bin`. */
export const WORKBENCH_BIN = nodePath.resolve(__dirname, '../../electron/node/cli/workbench.cjs');

/** Exit code and output of one CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node workbench.cjs ...args` in `cwd` and collects its output. */
export function runCli(args: string[], { cwd = process.cwd(), env = {} }: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKBENCH_BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
