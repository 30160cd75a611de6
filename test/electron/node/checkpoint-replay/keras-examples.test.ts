import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario } from '../../../../electron/node/checkpoint-replay/replay-scenario';
import { parseScenario } from '../../../../electron/node/checkpoint-replay/scenario';
import { makeTempDir } from '../../../helpers/temp-dir';

const FIXTURES = nodePath.resolve(__dirname, '../../../fixtures/keras-checkpoint');
const examples = readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort();

describe('replayScenario against recorded Keras 3 runs', () => {
  it('has the recorded examples to replay', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples)('reproduces %s event for event', async (name) => {
    const text = readFileSync(nodePath.join(FIXTURES, name), 'utf8');
    const recorded = JSON.parse(text).keras3;
    const trace = await replayScenario(parseScenario(text, name), await makeTempDir());
    expect(JSON.stringify(trace, null, 2)).toBe(JSON.stringify(recorded, null, 2));
  });
});
