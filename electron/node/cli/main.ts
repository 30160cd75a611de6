/**
 * The `workbench` command line: routes subcommands, turns errors into one-line reasons and exit codes.
 */
import { toErrorData } from '../../../shared/errors';
import { checkpointReplayCommand } from './checkpoint-replay-command';
import { processIo, type CliIo } from './cli-io';
import { doctorCommand } from './doctor-command';
import { evaluateCommand, predictCommand } from './inference-commands';
import { checkpointsCommand, runsCommand } from './runs-command';
import { resumeCommand, trainCommand } from './train-command';
import { serveCommand } from './serve-command';

/** Top-level usage. */
export const USAGE = `Usage: workbench <command> [options]

Commands:
  train [options]                     train (no options: MNIST, small CNN, best val_loss checkpoints)
  resume <run> [--from <checkpoint>]  continue a run from a checkpoint
  runs                                list the workspace's runs
  checkpoints <run> [--verify]        list a run's checkpoints
  evaluate <checkpoint>               evaluate a checkpoint on its run's test split
  predict <checkpoint> --input <file> predict with a checkpoint
  doctor                              which backend trains here, and why not a faster one
  serve [--port <n>] [--host <addr>]  the UI in a browser (for machines without a display)
  checkpoint replay <scenario.json>   dry-run a ModelCheckpoint policy on scripted logs

Every command takes --workspace <dir> (default: $WORKBENCH_WORKSPACE or ~/TrainingWorkbench) and --json.

Run 'workbench <command> --help' for a command's options.
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  train: trainCommand,
  resume: resumeCommand,
  runs: runsCommand,
  checkpoints: checkpointsCommand,
  evaluate: evaluateCommand,
  predict: predictCommand,
  doctor: doctorCommand,
  serve: serveCommand,
  'checkpoint replay': checkpointReplayCommand,
};

/**
 * Runs the CLI with `argv` (without node and script). Returns the exit code: 0 on success,
 * 2 for bad usage or input (with a one-line reason on stderr), 1 for other failures.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const name = [2, 1].map((n) => argv.slice(0, n).join(' ')).find((candidate) => COMMANDS[candidate]);
  if (!name) {
    const near = Object.keys(COMMANDS).filter((command) => command.startsWith(`${argv[0]} `) || command.startsWith(argv[0]));
    const hint = near.length ? ` Did you mean: ${near.map((command) => `workbench ${command}`).join(', ')}?` : '';
    io.err(`workbench: unknown command '${argv.join(' ')}'.${hint}\n${USAGE}`);
    return 2;
  }
  try {
    return await COMMANDS[name](argv.slice(name.split(' ').length), io);
  } catch (error) {
    const data = toErrorData(error);
    if (data.code === 'INTERNAL' && !isUsageError(error)) {
      io.err(`workbench ${name}: internal error: ${(error as Error)?.stack ?? data.message}\n`);
      return 1;
    }
    io.err(`workbench ${name}: ${data.message}\n`);
    return 2;
  }
}

/** node:util parseArgs reports unknown flags with ERR_PARSE_ARGS_* codes: those are usage errors. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
