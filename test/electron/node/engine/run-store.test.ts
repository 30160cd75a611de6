import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../../electron/node/engine/run-store';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('RunStore', () => {
  it('creates unique run folders named after the time and a slug', async () => {
    const store = new RunStore(await makeTempDir());
    const now = new Date('2026-11-25T14:30:12Z');
    const first = await store.createRunFolder('MNIST CNN', now);
    const second = await store.createRunFolder('MNIST CNN', now);
    expect([first, second]).toEqual(['20261125-143012-mnist-cnn', '20261125-143012-mnist-cnn-2']);
    expect(existsSync(store.checkpointsDir(first))).toBe(true);
  });

  it('removes a run folder that holds nothing yet', async () => {
    const store = new RunStore(await makeTempDir());
    const runId = await store.createRunFolder('empty');
    await store.removeEmptyRun(runId);
    expect(existsSync(store.runDir(runId))).toBe(false);
  });

  it('keeps a run folder with anything in it', async () => {
    const store = new RunStore(await makeTempDir());
    const runId = await store.createRunFolder('kept');
    writeFileSync(nodePath.join(store.runDir(runId), 'notes.txt'), 'mine');
    mkdirSync(nodePath.join(store.checkpointsDir(runId), 'epoch01'));
    await store.removeEmptyRun(runId);
    expect(existsSync(nodePath.join(store.runDir(runId), 'notes.txt'))).toBe(true);
    expect(existsSync(nodePath.join(store.checkpointsDir(runId), 'epoch01'))).toBe(true);
  });

  it.each([['../escape'], ['/etc'], ['a/b']])('refuses %s as a run id', async (runId) => {
    const store = new RunStore(await makeTempDir());
    expect(() => store.runDir(runId)).toThrow(`'${runId}' is not a run id`);
  });

  it.each([['../../etc'], ['/etc/passwd'], ['..']])('confines checkpoint id %s to the run\'s checkpoints folder', async (checkpointId) => {
    const store = new RunStore(await makeTempDir());
    expect(() => store.checkpointDir('run1', checkpointId)).toThrow(`'${checkpointId}' is not a checkpoint id of run run1`);
  });

  it('reports a running run whose process is gone as interrupted, and ignores a torn history line', async () => {
    const workspace = await makeTempDir();
    const store = new RunStore(workspace);
    const runId = await store.createRunFolder('crashed');
    writeFileSync(nodePath.join(store.runDir(runId), 'run.json'), JSON.stringify({ id: runId, status: 'running', pid: 2 ** 30, host: 'x', createdAt: '2026-11-25T00:00:00Z' }));
    writeFileSync(nodePath.join(store.runDir(runId), 'history.jsonl'), '{"epoch":0,"logs":{"loss":1},"elapsedMs":1,"time":"t"}\n{"epoch":1,"lo');
    expect((await store.readRecord(runId)).status).toBe('interrupted');
    expect((await store.readHistory(runId)).map((entry) => entry.epoch)).toEqual([0]);
  });
});
