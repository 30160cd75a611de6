/**
 * Checkpoint write throughput, for a ~10M-parameter Dense model on the cpu backend, against a raw
 * `fs` write + fsync of the same number of bytes, with and without the Adam state; and tfjs's naive
 * path (model.save with a handler that writes the concatenated buffer) for comparison.
 *
 * The SHA-256 row is the hash alone over the same bytes: the one cost the checkpoint adds over a
 * raw write (it runs on the main thread while the thread pool writes and fsyncs).
 *
 * Run: npx tsx test/bench/checkpoint-write.bench.ts [--reps 5] [--dir /some/tmp]
 * Prints a table, then the numbers as JSON on the last line. Not a test: it asserts nothing.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { emptyWriteProfile, type WriteProfile } from '../../electron/node/checkpoint-io/atomic-directory';
import { writeCheckpoint } from '../../electron/node/checkpoint-io/checkpoint-writer';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const REPS = Number(argument('reps', '5'));
const BASE = argument('dir', os.tmpdir());

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function rawWrite(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await nodeFs.open(file, 'w');
  try {
    let offset = 0;
    while (offset < bytes.byteLength) {
      offset += (await handle.write(bytes, offset, bytes.byteLength - offset, offset)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** tfjs's own path: encodeWeights copies every tensor into one buffer; the handler writes it. */
async function naiveSave(model: tf.LayersModel, dir: string, includeOptimizer: boolean): Promise<number> {
  let bytes = 0;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    await nodeFs.mkdir(dir, { recursive: true });
    const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
    const modelJson = JSON.stringify({
      modelTopology: artifacts.modelTopology, format: artifacts.format, generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      trainingConfig: artifacts.trainingConfig,
    });
    await rawWrite(path.join(dir, 'model.json'), Buffer.from(modelJson));
    await rawWrite(path.join(dir, 'weights.bin'), weights);
    bytes = weights.byteLength + Buffer.byteLength(modelJson);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer });
  return bytes;
}

function buildModel(): tf.LayersModel {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2048], units: 2048, activation: 'relu' }),
    tf.layers.dense({ units: 2048, activation: 'relu' }),
    tf.layers.dense({ units: 384, activation: 'relu' }),
    tf.layers.dense({ units: 2048 }),
  ] });
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'meanSquaredError' });
  return model;
}

interface Row {
  name: string;
  bytes: number;
  ms: number;
  gbPerS: number;
  ratioToRaw: number;
  profile?: Record<string, number>;
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const model = buildModel();
  const params = model.countParams();
  // One step, so Adam's moments exist.
  const xs = tf.randomNormal([8, 2048]);
  const ys = tf.randomNormal([8, 2048]);
  await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 });
  tf.dispose([xs, ys]);

  const root = await nodeFs.mkdtemp(path.join(BASE, 'wb-bench-'));
  const sidecar = {
    epoch: 0, batch: null, reason: 'periodic' as const, logs: { loss: 1 }, monitor: 'loss', value: 1, best: 1,
    mode: 'min' as const, options: {}, state: { best: 1, batchCounter: 0, lastBatchIndex: null, topK: [], lastPath: null },
  };
  const rows: Row[] = [];
  try {
    for (const includeOptimizer of [false, true]) {
      const label = includeOptimizer ? 'with optimizer' : 'without optimizer';
      const raw: number[] = [];
      const ours: number[] = [];
      const naive: number[] = [];
      const hashOnly: number[] = [];
      const profiles: WriteProfile[] = [];
      let oursBytes = 0;
      let naiveBytes = 0;
      // Same byte count as our checkpoint, in one preallocated buffer (untimed).
      const probe = await writeCheckpoint(path.join(root, 'probe'), { model, kind: 'model', includeOptimizer, sidecar });
      oursBytes = probe.files.reduce((n, f) => n + f.size, 0)
        + (await nodeFs.stat(path.join(root, 'probe', 'checkpoint.json'))).size;
      await nodeFs.rm(path.join(root, 'probe'), { recursive: true });
      const rawBytes = new Uint8Array(oursBytes).fill(7);

      for (let rep = 0; rep < REPS; rep += 1) {
        const rawFile = path.join(root, `raw-${rep}.bin`);
        let started = performance.now();
        await rawWrite(rawFile, rawBytes);
        raw.push(performance.now() - started);

        const profile = emptyWriteProfile();
        started = performance.now();
        await writeCheckpoint(path.join(root, `ours-${rep}`), { model, kind: 'model', includeOptimizer, sidecar, profile });
        ours.push(performance.now() - started);
        profiles.push(profile);

        started = performance.now();
        createHash('sha256').update(rawBytes).digest('hex');
        hashOnly.push(performance.now() - started);

        started = performance.now();
        naiveBytes = await naiveSave(model, path.join(root, `naive-${rep}`), includeOptimizer);
        naive.push(performance.now() - started);

        for (const entry of await nodeFs.readdir(root)) await nodeFs.rm(path.join(root, entry), { recursive: true });
      }
      const rawMs = median(raw);
      const row = (name: string, bytes: number, times: number[]): Row => {
        const ms = median(times);
        return { name: `${name}, ${label}`, bytes, ms, gbPerS: bytes / ms / 1e6, ratioToRaw: (bytes / ms) / (rawBytes.byteLength / rawMs) };
      };
      rows.push(row('raw write+fsync', rawBytes.byteLength, raw));
      const oursRow = row('writeCheckpoint', oursBytes, ours);
      oursRow.profile = Object.fromEntries(
        (Object.keys(profiles[0]) as (keyof WriteProfile)[]).map((key) => [key, median(profiles.map((p) => p[key]))]),
      );
      rows.push(oursRow);
      rows.push(row('tfjs model.save naive', naiveBytes, naive));
      rows.push(row('SHA-256 alone (no I/O)', rawBytes.byteLength, hashOnly));
    }
  } finally {
    await nodeFs.rm(root, { recursive: true, force: true });
    model.dispose();
  }

  console.log(`Checkpoint write, ${(params / 1e6).toFixed(2)}M parameters, cpu backend, median of ${REPS}, in ${BASE}`);
  console.log('| path | MB | ms | GB/s | x raw |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${(r.bytes / 1e6).toFixed(1)} | ${r.ms.toFixed(1)} | ${r.gbPerS.toFixed(2)} | ${r.ratioToRaw.toFixed(2)} |`);
  }
  console.log('\nwriteCheckpoint time split (ms, medians; hashing overlaps writing and fsync):');
  for (const r of rows.filter((row) => row.profile !== undefined)) {
    const p = r.profile as Record<string, number>;
    console.log(`  ${r.name}: collect ${p.collectMs.toFixed(1)}, hash ${p.hashMs.toFixed(1)}, write ${p.writeMs.toFixed(1)}, ` +
      `fsync ${p.fsyncMs.toFixed(1)}, rename ${p.renameMs.toFixed(1)}, total ${p.totalMs.toFixed(1)}`);
  }
  console.log(JSON.stringify({ params, reps: REPS, rows }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
