/**
 * `workbench checkpoint replay <scenario.json> [--out <dir>]`: a dry run of a checkpoint policy.
 * Prints `{ "completed": bool, "events": [...] }` as JSON.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../../shared/errors';
import { replayScenario } from '../checkpoint-replay/replay-scenario';
import { parseScenario } from '../checkpoint-replay/scenario';
import type { CliIo } from './cli-io';

/** Usage text of the command. */
export const REPLAY_USAGE = `Usage: workbench checkpoint replay <scenario.json> [--out <dir>] [--keep]

Drives the real ModelCheckpoint with a scenario's scripted logs (no training; placeholder
checkpoints with real sidecars) and prints {"completed": bool, "events": [...]} as JSON.

  --out <dir>   write the placeholder checkpoints there (kept afterwards)
  --keep        keep the fresh temporary output directory and print its path on stderr
`;

/** Runs the command; returns the exit code. */
export async function checkpointReplayCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(REPLAY_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new ConfigError(`workbench checkpoint replay takes exactly one scenario file; received ${positionals.length}.\n${REPLAY_USAGE}`);
  }
  const source = positionals[0];
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read scenario ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`);
  }
  const scenario = parseScenario(text, source);
  const outDir = values.out ? nodePath.resolve(values.out) : await mkdtemp(nodePath.join(os.tmpdir(), 'workbench-replay-'));
  try {
    const trace = await replayScenario(scenario, outDir);
    io.out(`${JSON.stringify(trace, null, 2)}\n`);
  } finally {
    if (!values.out && !values.keep) await rm(outDir, { recursive: true, force: true });
    else if (!values.out) io.err(`placeholder checkpoints kept in ${outDir}\n`);
  }
  return 0;
}
