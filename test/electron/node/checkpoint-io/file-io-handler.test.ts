import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { CheckpointCorruptError, CheckpointNotFoundError, CheckpointOccupiedError } from '../../../../shared/errors';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { fileHandler, registerFileRouters } from '../../../../electron/node/checkpoint-io/file-io-handler';
import { listTree, makeMlp, predictBytes, sidecarInput, snapshot, type TempDir, trainBriefly, useModelAndTempDir } from './helpers';

describe('fileHandler', () => {
  let tmp: TempDir;
  let model: tf.LayersModel;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) }, makeMlp, trainBriefly);

  async function expectSamePredictions(loaded: tf.LayersModel): Promise<void> {
    try {
      expect(Buffer.from(predictBytes(loaded)).equals(Buffer.from(predictBytes(model)))).toBe(true);
    } finally {
      loaded.dispose();
      loaded.optimizer?.dispose();
    }
  }

  it('saves model.json and weights.bin into a new folder and loads them back', async () => {
    const dir = path.join(tmp.dir, 'models', 'm');
    await model.save(fileHandler(dir), { includeOptimizer: true });
    expect(await listTree(tmp.dir)).toEqual(['models', 'models/m', 'models/m/model.json', 'models/m/weights.bin']);
    await expectSamePredictions(await tf.loadLayersModel(fileHandler(dir)));
  });

  it('saves to a named JSON file with its own weights file and loads from that path', async () => {
    const file = path.join(tmp.dir, 'my-model.json');
    await model.save(fileHandler(file));
    expect(await listTree(tmp.dir)).toEqual(['my-model.json', 'my-model.weights.bin']);
    expect(JSON.parse(await nodeFs.readFile(file, 'utf8')).weightsManifest[0].paths).toEqual(['my-model.weights.bin']);
    await expectSamePredictions(await tf.loadLayersModel(fileHandler(file)));
  });

  it('refuses a manifest that points outside the model folder', async () => {
    const dir = path.join(tmp.dir, 'm');
    await model.save(fileHandler(dir));
    const file = path.join(dir, 'model.json');
    const json = JSON.parse(await nodeFs.readFile(file, 'utf8'));
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    await nodeFs.writeFile(file, JSON.stringify(json));
    const error = await tf.loadLayersModel(fileHandler(dir)).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointCorruptError);
    expect(error.message).toBe(`${file} names the weight file "../../etc/passwd" outside its folder; refusing to read it.`);
  });

  it('says which file is missing', async () => {
    const dir = path.join(tmp.dir, 'nothing');
    const error = await tf.loadLayersModel(fileHandler(dir)).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointNotFoundError);
    expect(error.message).toBe(`Cannot load the model ${dir}: ${path.join(dir, 'model.json')} does not exist.`);
  });

  it('refuses to save into a checkpoint folder, whose sidecar the new files would contradict', async () => {
    const dir = path.join(tmp.dir, 'ckpt');
    await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput() });
    const before = await snapshot(tmp.dir);
    const error = await model.save(fileHandler(dir)).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointOccupiedError);
    expect(error.message).toBe(
      `Cannot save the model into ${dir}: it holds a checkpoint (checkpoint.json), whose recorded hashes the new files ` +
        'would break. It was left untouched; save elsewhere, or use writeCheckpoint to replace it.',
    );
    expect(await snapshot(tmp.dir)).toEqual(before);
  });

  it('handles file:// URLs once the routers are registered', async () => {
    expect(registerFileRouters()).toBe(true);
    expect(registerFileRouters()).toBe(false);
    const dir = path.join(tmp.dir, 'url-model');
    await model.save(`file://${dir}`);
    await expectSamePredictions(await tf.loadLayersModel(`file://${dir}/model.json`));
  });
});
