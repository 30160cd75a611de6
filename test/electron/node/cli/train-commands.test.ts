import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, WORKBENCH_BIN } from '../../../helpers/run-cli';
import { makeTempDir } from '../../../helpers/temp-dir';

const IRIS = ['--dataset', 'iris', '--backend', 'cpu', '--lr', '0.05', '--batch-size', '16'];

describe('workbench train and the commands around it', () => {
  it('trains, lists, evaluates and predicts as a user would', async () => {
    const workspace = await makeTempDir('workbench-cli-');
    const train = await runCli(['train', ...IRIS, '--epochs', '12', '--workspace', workspace]);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/^Run \d{8}-\d{6}-iris-mlp\n/);
    expect(train.stdout).toContain('backend: cpu (requested: cpu)');
    expect(train.stdout).toContain('\nEpoch 1: val_loss improved from None to ');
    expect(train.stdout).toMatch(/Best checkpoint: epoch\d\d-\d\.\d{4} \(val_loss /);
    const runId = /^Run (\S+)/.exec(train.stdout)![1];

    const runs = await runCli(['runs', '--workspace', workspace]);
    expect(runs.stdout).toMatch(new RegExp(`^RUN +STATUS +BACKEND +EPOCHS +BEST +DURATION\\n${runId} +completed +cpu +12/12 +val_loss 0\\.\\d{4}`));

    const listed = await runCli(['checkpoints', runId, '--verify', '--json', '--workspace', workspace]);
    const { checkpoints } = JSON.parse(listed.stdout);
    expect(checkpoints.every((c: { integrity: string }) => c.integrity === 'ok')).toBe(true);
    expect(checkpoints.filter((c: { isBest: boolean }) => c.isBest)).toHaveLength(1);

    const evaluation = await runCli(['evaluate', runId, '--json', '--workspace', workspace]);
    expect(evaluation.code).toBe(0);
    const result = JSON.parse(evaluation.stdout);
    expect(result.samples).toBe(30);
    expect(result.confusionMatrix).toHaveLength(3);

    const input = nodePath.join(workspace, 'flowers.csv');
    writeFileSync(input, 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n');
    const predicted = await runCli(['predict', `${runId}/last`, '--input', input, '--workspace', workspace]);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).toMatch(/^INPUT +PREDICTION\n +1 +Iris-\w+ \d+\.\d%/);
  });

  it('replays a run\'s history: its own policy names the checkpoints the run wrote, another policy what it would have kept', async () => {
    const workspace = await makeTempDir('workbench-cli-');
    const train = await runCli(['train', ...IRIS, '--epochs', '8', '--workspace', workspace]);
    const runId = /^Run (\S+)/.exec(train.stdout)![1];
    const listed = JSON.parse((await runCli(['checkpoints', runId, '--json', '--workspace', workspace])).stdout);
    const written = listed.checkpoints.map((c: { id: string }) => c.id).filter((id: string) => id !== 'last').sort();

    const own = await runCli(['checkpoint', 'replay', '--run', runId, '--workspace', workspace]);
    expect(own.code, own.stderr).toBe(0);
    const ownSaves = JSON.parse(own.stdout).events.filter((e: { kind: string; path: string }) => e.kind === 'save' && e.path !== 'last');
    expect(ownSaves.map((e: { path: string }) => e.path).sort()).toEqual(written);

    const other = await runCli(['checkpoint', 'replay', '--run', runId, '--workspace', workspace, '--policy', '{"filepath": "e{epoch}", "save_best_only": false, "every_n_epochs": 4}']);
    expect(JSON.parse(other.stdout).events.filter((e: { kind: string }) => e.kind === 'save').map((e: { path: string }) => e.path)).toEqual(['e4', 'e8']);
  });

  it('resumes a run killed mid-way from its last checkpoint', async () => {
    const workspace = await makeTempDir('workbench-cli-');
    const child = spawn(process.execPath, [WORKBENCH_BIN, 'train', ...IRIS, '--epochs', '400', '--workspace', workspace, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let runId = '';
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        runId ||= /"runId":"([^"]+)"/.exec(out)?.[1] ?? '';
        // Killed once a few epochs and checkpoint writes have finished (writes run behind training).
        if ((out.match(/"type":"epoch-end"/g) ?? []).length >= 3 && (out.match(/"kind":"save"/g) ?? []).length >= 2) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('close', resolve));

    const runs = await runCli(['runs', '--json', '--workspace', workspace]);
    const [record] = JSON.parse(runs.stdout);
    expect(record).toMatchObject({ id: runId, status: 'interrupted' });
    const done = record.epochsCompleted as number;

    const resumed = await runCli(['resume', runId, '--epochs', String(done + 2), '--workspace', workspace]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    // From 'last', or the newest checkpoint when the kill came while 'last' was being written.
    expect(resumed.stdout).toMatch(/\(resumed from (last|epoch\d\d-\d\.\d{4}), epoch \d+\)/);
    const history = readFileSync(nodePath.join(workspace, runId, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).epoch);
    expect(history).toEqual(Array.from({ length: done + 2 }, (_, i) => i).slice(0, history.length));
    expect(history.at(-1)).toBe(done + 1);
  });

  it.each([
    [['train', '--epochs', 'ten'], "--epochs must be an integer; received 'ten'."],
    [['train', '--dataset', 'iris', '--monitor', 'val_accuracy'], "TensorFlow.js calls accuracy 'acc': use 'val_acc'."],
    [['train', '--dataset', 'csv', '--csv', '/nonexistent.csv'], '/nonexistent.csv'],
    [['train', '--config', '/nonexistent.json'], 'Cannot read --config /nonexistent.json: ENOENT.'],
    [['evaluate', 'no-such-run'], "No run 'no-such-run' in"],
    [['resume', 'no-such-run'], "No run 'no-such-run' in"],
    [['train', '--backend', 'tfjs-node-gpu', '--dataset', 'iris'], 'tfjs-node-gpu'],
  ])('fails %j with a one-line reason', async (args, message) => {
    const workspace = await makeTempDir('workbench-cli-');
    const result = await runCli([...args, '--workspace', workspace]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('prints the backend table with the reason each better backend did not load', async () => {
    const result = await runCli(['doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^backend: wasm \(requested: auto\)\n  tfjs-node-gpu +failed +.+\n  tfjs-node +failed +.+\n  wasm +selected/);
  });
});
