import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/run-cli';
import { makeTempDir } from '../../../helpers/temp-dir';

const EXAMPLE = nodePath.resolve(__dirname, '../../../fixtures/keras-checkpoint/nested_dirs_only_when_saving.json');

describe('workbench checkpoint replay', () => {
  it('prints the recorded Keras trace for an example, exiting 0', async () => {
    const result = await runCli(['checkpoint', 'replay', EXAMPLE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync(EXAMPLE, 'utf8')).keras3);
  });

  it('writes placeholder checkpoints into --out and keeps them', async () => {
    const out = nodePath.join(await makeTempDir(), 'replay-out');
    const result = await runCli(['checkpoint', 'replay', EXAMPLE, '--out', out]);
    expect(result.code).toBe(0);
    expect(existsSync(nodePath.join(out, 'out/e01/model.keras/checkpoint.json'))).toBe(true);
    expect(existsSync(nodePath.join(out, 'out/e02'))).toBe(false);
  });

  it('exits 0 with completed false when the policy fails, as the trace is the answer', async () => {
    const dir = await makeTempDir();
    const scenario = nodePath.join(dir, 's.json');
    writeFileSync(scenario, JSON.stringify({ options: { filepath: 'm-{val_loss}' }, steps_per_epoch: 1, epochs: [{ epoch_logs: { loss: 1 } }] }));
    const result = await runCli(['checkpoint', 'replay', scenario]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).completed).toBe(false);
  });

  it.each([
    [['checkpoint', 'replay'], /takes exactly one scenario file \(or --run <run>\); received 0/],
    [['checkpoint', 'replay', '/nonexistent/s.json'], /Cannot read scenario \/nonexistent\/s\.json: ENOENT/],
    [['checkpoint', 'replay', '--bogus', 'x'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['checkpoint'], /unknown command 'checkpoint'\. Did you mean: workbench checkpoints, workbench checkpoint replay\?/],
  ])('fails %j with a one-line reason and exit code 2', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('names the bad field of a malformed scenario', async () => {
    const dir = await makeTempDir();
    const scenario = nodePath.join(dir, 'bad.json');
    writeFileSync(scenario, JSON.stringify({ options: { filepath: 'm' }, steps_per_epoch: -1, epochs: [] }));
    const result = await runCli(['checkpoint', 'replay', scenario]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Scenario ${scenario} has an invalid field 'steps_per_epoch'`);
  });
});
