/**
 * `workbench train` (and `workbench resume`): trains in this process with Keras's verbose lines and
 * a progress bar. Ctrl-C stops gracefully after the epoch; a second Ctrl-C aborts.
 */
import { parseArgs } from 'node:util';
import type { BackendRequest } from '../../../shared/backend-report';
import type { EngineEvent } from '../../../shared/engine-events';
import { ConfigError } from '../../../shared/errors';
import { RunStore } from '../engine/run-store';
import { resumeTraining, startTraining, type TrainingSession } from '../engine/trainer';
import type { CliIo } from './cli-io';
import { COMMON_OPTIONS, integer, runConfigFromFlags, TRAIN_OPTIONS, workspaceOf } from './cli-options';
import { TrainingPrinter } from './training-printer';

/** Usage of `workbench train`. */
export const TRAIN_USAGE = `Usage: workbench train [options]

With no options: the default experiment (MNIST, the small CNN, best val_loss checkpoints; 12 epochs,
batch 64, learning rate 0.0015, digits shifted by up to 2 pixels). Model flags alone keep its data
and training settings (shifts only for the CNN); naming a data set starts from plain defaults.

Data:        --dataset mnist|iris|spirals|xor|csv  --csv <file> --label <column> --task classification|regression --samples <n>
Model:       --model mlp|cnn  --hidden 128,64 --activation relu --filters 16,32 --dense 64 --dropout 0.1 --topology <model.json>
Training:    --epochs <n> --batch-size <n> --lr <rate> --optimizer adam|sgd|rmsprop|adagrad --seed <n>
             --augment-shift <pixels> (images: random shifts each epoch) --backend auto|wasm|cpu|tfjs-node|tfjs-node-gpu
Checkpoints: --filepath <template> --monitor <key> --mode auto|min|max --save-best-only | --save-all --weights-only
             --save-freq epoch|<batches> --top-k <k> --every-n-epochs <n> --no-save-last
Other:       --config <run.json-like file> (flags override it)  --name <name>  --workspace <dir>  --json (events as JSON lines)
`;

/** Usage of `workbench resume`. */
export const RESUME_USAGE = `Usage: workbench resume <run> [--from <checkpoint id>] [--epochs <total>] [--backend <name>] [--workspace <dir>] [--json]

Continues a run from one of its checkpoints (default: 'last', else the newest) with the optimizer
and checkpoint state restored. --epochs sets the total number of epochs (to train a finished run further).
`;

/** Runs `workbench train`. */
export async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...TRAIN_OPTIONS }, strict: true, allowPositionals: false });
  if (values.help) {
    io.out(TRAIN_USAGE);
    return 0;
  }
  const config = await runConfigFromFlags(values);
  const store = new RunStore(workspaceOf(values));
  return follow(io, values.json, (emit) => startTraining({ store, emit }, config));
}

/** Runs `workbench resume`. */
export async function resumeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, from: { type: 'string' }, epochs: { type: 'string' }, backend: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(RESUME_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new ConfigError(`workbench resume takes one run id; received ${positionals.length}.\n${RESUME_USAGE}`);
  const store = new RunStore(workspaceOf(values));
  const epochs = values.epochs === undefined ? undefined : integer('epochs', values.epochs);
  const backendOverride = values.backend as BackendRequest | undefined;
  return follow(io, values.json, (emit) =>
    resumeTraining({ store, emit, backendOverride }, { runId: positionals[0], checkpointId: values.from, epochs }),
  );
}

/** Starts a session with an event sink that prints, then waits for it; Ctrl-C stops gracefully. */
async function follow(
  io: CliIo,
  json: boolean,
  start: (emit: (event: EngineEvent) => void) => Promise<TrainingSession>,
): Promise<number> {
  let total = 0;
  const printer = new TrainingPrinter(io, !json && Boolean(process.stdout.isTTY), () => total);
  const emit = (event: EngineEvent) => {
    if (event.type === 'run-started') total = event.run.config.training.epochs;
    if (json) io.out(`${JSON.stringify(event)}\n`);
    else printer.handle(event);
  };
  const session = await start(emit);
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) {
      io.err('\nStopping after this epoch (pending checkpoints are written). Press Ctrl-C again to abort now.\n');
      session.stop();
    } else {
      io.err('Aborted: the run is left as interrupted; resume it with workbench resume.\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const record = await session.done;
    if (record.status === 'failed') return 1;
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
