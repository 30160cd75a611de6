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
import { parseScenario, type Scenario } from '../checkpoint-replay/scenario';
import { scenarioFromHistory } from '../checkpoint-replay/scenario-from-history';
import { RunStore } from '../engine/run-store';
import { workspaceOf } from './cli-options';
import type { CliIo } from './cli-io';

/** Usage text of the command. */
export const REPLAY_USAGE = `Usage: workbench checkpoint replay <scenario.json> [--out <dir>] [--keep]
       workbench checkpoint replay --run <run> [--policy <json or file>] [--workspace <dir>] [--out <dir>] [--keep]

Drives the real ModelCheckpoint with scripted logs (no training; placeholder checkpoints with real
sidecars) and prints {"completed": bool, "events": [...]} as JSON.

  <scenario.json>  a scenario (shared/keras-checkpoint/semantics.md section D)
  --run <run>      replay a run's recorded epochs instead: what would a policy have saved?
  --policy <p>     ModelCheckpoint options for --run, as JSON text or a JSON file
                   (e.g. '{"filepath": "best", "saveBestOnly": true, "saveTopK": 2}'); default: the run's own
  --out <dir>      write the placeholder checkpoints there (kept afterwards)
  --keep           keep the fresh temporary output directory and print its path on stderr
`;

/** Runs the command; returns the exit code. */
export async function checkpointReplayCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      run: { type: 'string' },
      policy: { type: 'string' },
      workspace: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(REPLAY_USAGE);
    return 0;
  }
  const scenario = values.run ? await scenarioOfRun(values.run, values.policy, values) : await scenarioOfFile(positionals);
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

async function scenarioOfFile(positionals: string[]): Promise<Scenario> {
  if (positionals.length !== 1) {
    throw new ConfigError(`workbench checkpoint replay takes exactly one scenario file (or --run <run>); received ${positionals.length}.\n${REPLAY_USAGE}`);
  }
  const source = positionals[0];
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read scenario ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`);
  }
  return parseScenario(text, source);
}

async function scenarioOfRun(runId: string, policyArg: string | undefined, values: { workspace?: string }): Promise<Scenario> {
  const store = new RunStore(workspaceOf(values));
  const run = await store.readRecord(runId);
  let policy: Record<string, unknown> | undefined;
  if (policyArg !== undefined) {
    let text = policyArg;
    if (!policyArg.trim().startsWith('{')) {
      try {
        text = await readFile(policyArg, 'utf8');
      } catch (error) {
        throw new ConfigError(`--policy is neither JSON text nor a readable file (${policyArg}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
    }
    try {
      policy = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`--policy is not valid JSON: ${(error as Error).message}.`);
    }
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new ConfigError('--policy must be a JSON object of ModelCheckpoint options.');
    // Keras snake_case names are welcome, as in scenario files.
    policy = parseScenario(JSON.stringify({ options: policy, steps_per_epoch: 0, epochs: [] }), '--policy').options;
  }
  return scenarioFromHistory(run, await store.readHistory(runId), policy);
}
