import { mkdirSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_WORKSPACE_ENV } from '../../../../shared/engine-protocol';
import { EngineHost } from '../../../../electron/node/engine-host/engine-host';
import { stringEnv } from '../../../../electron/node/engine-host/fork-node-engine';
import { ENGINE_ENTRY } from '../../../../electron/node/engine/engine-entry';
import { RunStore } from '../../../../electron/node/engine/run-store';
import { forkNodeEngine } from '../../../helpers/fork-node-engine';
import { makeTempDir } from '../../../helpers/temp-dir';
import { makeRun } from '../../../renderer/fixtures';

const hosts: EngineHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.shutdown({ graceful: false });
});

/** The real engine process on a workspace holding run `run-1` with checkpoint `epoch01`. */
async function engineOnWorkspace() {
  const workspace = await makeTempDir('workbench-process-');
  const store = new RunStore(workspace);
  mkdirSync(store.checkpointDir('run-1', 'epoch01'), { recursive: true });
  await store.writeRecord(makeRun({ id: 'run-1', status: 'completed' }));
  writeFileSync(nodePath.join(store.checkpointDir('run-1', 'epoch01'), 'checkpoint.json'), '{}');
  const host = new EngineHost({
    enginePath: ENGINE_ENTRY,
    fork: forkNodeEngine(),
    env: () => ({ ...stringEnv(), [ENGINE_WORKSPACE_ENV]: workspace }),
    sendEvent: () => {},
  });
  hosts.push(host);
  host.start();
  return { host, workspace };
}

describe('the engine process', () => {
  it('answers a host\'s checkpoints:locate with the checkpoint\'s real folder', async () => {
    const { host, workspace } = await engineOnWorkspace();
    await expect(host.call('checkpoints:locate', { runId: 'run-1', checkpointId: 'epoch01' })).resolves.toEqual({
      ok: true,
      value: { dir: nodePath.join(await realpath(workspace), 'run-1', 'checkpoints', 'epoch01') },
    });
  }, 60_000);

  it('validates checkpoints:locate against its schema', async () => {
    const { host } = await engineOnWorkspace();
    await expect(host.call('checkpoints:locate', { runId: 'run-1', checkpointId: '../../run-2' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFIG', message: expect.stringMatching(/^Invalid 'checkpoints:locate' request: checkpointId: a checkpoint id/) },
    });
  }, 60_000);

  it.each([
    ['checkpoints:reveal', { runId: 'run-1', checkpointId: 'epoch01' }, "'checkpoints:reveal' is answered by the desktop app, not the engine."],
    ['dialog:open-csv', {}, "'dialog:open-csv' is answered by the desktop app, not the engine."],
    ['settings:get', {}, 'Settings are kept by the host, not the engine.'],
  ] as const)('refuses %s, which the host answers itself', async (channel, request, message) => {
    const { host } = await engineOnWorkspace();
    await expect(host.call(channel, request)).resolves.toEqual({ ok: false, error: { code: 'CONFIG', message } });
  }, 60_000);
});
