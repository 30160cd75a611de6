import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT, runConfigFromFlags } from '../../../../electron/node/cli/cli-options';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('runConfigFromFlags', () => {
  it('gives the default experiment without flags', async () => {
    expect(await runConfigFromFlags({})).toEqual(DEFAULT_EXPERIMENT);
  });

  it.each([
    [{ dataset: 'iris' }, { dataset: { kind: 'iris' }, model: { preset: 'mlp' } }],
    [{ dataset: 'mnist' }, { dataset: { kind: 'mnist' }, model: { preset: 'cnn' } }],
    [{ csv: 'a.csv', label: 'y' }, { dataset: { kind: 'csv', path: 'a.csv', labelColumn: 'y' }, model: { preset: 'mlp' } }],
    [
      { dataset: 'xor', hidden: '8,8', epochs: '3', lr: '0.1', 'top-k': '2', 'save-all': true, backend: 'cpu' },
      { dataset: { kind: 'xor' }, model: { preset: 'mlp', hiddenUnits: [8, 8] }, training: { epochs: 3, learningRate: 0.1 }, checkpoint: { saveTopK: 2, saveBestOnly: false }, backend: 'cpu' },
    ],
  ])('starts from the schema defaults when a data set is named: %j', async (flags, expected) => {
    expect(await runConfigFromFlags(flags)).toEqual(expected);
  });

  it.each([
    [{ model: 'mlp' }, { preset: 'mlp' }, {}],
    [{ topology: 'net.json' }, { preset: 'custom', topologyPath: 'net.json' }, {}],
    [{ model: 'mlp', 'augment-shift': '1' }, { preset: 'mlp' }, { augmentShift: 1 }],
    [{ model: 'cnn', filters: '8' }, { preset: 'cnn', filters: [8] }, { augmentShift: 2 }],
  ])('keeps the default experiment\'s training settings for %j, with image shifts only for its CNN or when asked', async (flags, model, shift) => {
    const { augmentShift: _shift, ...training } = DEFAULT_EXPERIMENT.training!;
    expect(await runConfigFromFlags(flags)).toEqual({ dataset: DEFAULT_EXPERIMENT.dataset, model, training: { ...training, ...shift } });
  });

  it('lets flags override a --config file', async () => {
    const file = nodePath.join(await makeTempDir(), 'run.json');
    writeFileSync(file, JSON.stringify({ dataset: { kind: 'iris' }, model: { preset: 'mlp' }, training: { epochs: 9, batchSize: 8 } }));
    expect(await runConfigFromFlags({ config: file, epochs: '2' })).toEqual({
      dataset: { kind: 'iris' }, model: { preset: 'mlp' }, training: { epochs: 2, batchSize: 8 },
    });
  });

  it.each([
    [{ epochs: '2.5' }, "--epochs must be an integer; received '2.5'."],
    [{ lr: 'fast' }, "--lr must be a number; received 'fast'."],
    [{ hidden: '64,x' }, "--hidden must be an integer; received 'x'."],
  ])('refuses %j naming the flag', async (flags, message) => {
    await expect(runConfigFromFlags(flags)).rejects.toThrow(message);
  });
});
