/**
 * The process that crash.test.ts kills. Writes checkpoints of a small real tfjs model in an
 * endless loop, alternating new paths (`epochs/g<k>/e<epoch>`, removing its own older ones as
 * retention does) and replacing `latest`, and reports progress on stdout, one line each:
 * `ready`, `begin <new|latest> <epoch>`, `done <new|latest> <epoch>`, `removing <epoch>`,
 * `removed <epoch>`, and `paused <step> <epoch>` when told to stop at a step
 * (CRASH_PAUSE_STEP, CRASH_PAUSE_TARGET, optional CRASH_PAUSE_FILE). With CRASH_VIA_THREAD=1 it
 * writes as ModelCheckpoint does, on the checkpoint writer thread (no pauses there).
 * Every weight of epoch e's checkpoint is filled with e + (weight index) / 100.
 */
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { writeCheckpointOffThread } from '../../../../electron/node/checkpoint-io/checkpoint-write-thread';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { collectModelArtifacts } from '../../../../electron/node/checkpoint-io/model-artifacts';
import { removeCheckpoint } from '../../../../electron/node/checkpoint-io/remove-checkpoint';

const root = process.env.CRASH_ROOT ?? '';
const start = Number(process.env.CRASH_START_EPOCH ?? '0');
const pauseStep = process.env.CRASH_PAUSE_STEP;
const pauseTarget = process.env.CRASH_PAUSE_TARGET;
const pauseFile = process.env.CRASH_PAUSE_FILE;
const viaThread = process.env.CRASH_VIA_THREAD === '1';
/** New checkpoints kept; older ones are removed. */
const KEEP_NEW = 3;

function say(line: string): void {
  // stdout to a pipe is synchronous on Linux: a line said is in the pipe before the next step.
  process.stdout.write(`${line}\n`);
}

/** Where epoch `epoch` goes: even epochs to a new path, odd ones replace `latest`. */
export function crashTarget(rootDir: string, epoch: number): { kind: 'new' | 'latest'; dir: string } {
  return epoch % 2 === 0
    ? { kind: 'new', dir: path.join(rootDir, 'epochs', `g${epoch % 3}`, `e${epoch}`) }
    : { kind: 'latest', dir: path.join(rootDir, 'latest') };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [32], units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 8 }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  const xs = tf.ones([4, 32]);
  const ys = tf.zeros([4, 8]);
  await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
  tf.dispose([xs, ys]);
  say('ready');

  const written: number[] = [];
  for (let epoch = start; ; epoch += 1) {
    const target = crashTarget(root, epoch);
    const values = model.weights.map((w, i) => tf.fill(w.shape as number[], epoch + i / 100));
    model.setWeights(values);
    tf.dispose(values);
    say(`begin ${target.kind} ${epoch}`);
    const sidecar = {
      epoch, batch: null, reason: 'periodic' as const, logs: { loss: 1 / (epoch + 1) }, monitor: 'loss',
      value: 1 / (epoch + 1), best: 1 / (epoch + 1), mode: 'min' as const, options: {},
      state: { best: null, batchCounter: 0, lastBatchIndex: null, topK: [], lastPath: null },
    };
    if (viaThread) {
      const artifacts = await collectModelArtifacts(model);
      try {
        await writeCheckpointOffThread(target.dir, { kind: 'model', artifacts, includeOptimizer: true, sidecar });
      } finally {
        artifacts.dispose();
      }
    } else {
      await writeCheckpoint(target.dir, {
        model,
        kind: 'model',
        sidecar,
        onStep: async (info) => {
          const wanted = info.step === pauseStep && target.kind === pauseTarget
            && (pauseFile === undefined || info.file === pauseFile) && epoch >= start + 2;
          if (wanted) {
            say(`paused ${info.step} ${epoch}`);
            await new Promise(() => setInterval(() => undefined, 1000));
          }
        },
      });
    }
    say(`done ${target.kind} ${epoch}`);
    if (target.kind === 'new') {
      written.push(epoch);
      if (written.length > KEEP_NEW) {
        const old = written.shift() as number;
        say(`removing ${old}`);
        await removeCheckpoint(crashTarget(root, old).dir);
        say(`removed ${old}`);
      }
    }
  }
}

if (process.env.CRASH_ROOT !== undefined) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
