/**
 * Where no worker thread can start, or the thread fails, checkpoints are written on the calling
 * thread with the same result. (Its own file: the worker module is mocked here.)
 */
import * as path from 'node:path';

import type * as tf from '@tensorflow/tfjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { collectModelArtifacts } from '../../../../electron/node/checkpoint-io/model-artifacts';
import { sidecarInput, type TempDir, useModelAndTempDir } from './helpers';

/** How the fake Worker behaves: cannot be created, or dies on its first job. */
const fake = vi.hoisted(() => ({ mode: 'throw' as 'throw' | 'crash', jobs: 0 }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const { EventEmitter } = await import('node:events');
  return {
    ...(await importOriginal<typeof import('node:worker_threads')>()),
    Worker: class extends EventEmitter {
      readonly threadId = 99;
      constructor() {
        super();
        if (fake.mode === 'throw') throw new Error('worker threads are unavailable here');
      }
      ref(): void {}
      unref(): void {}
      postMessage(): void {
        fake.jobs++;
        setImmediate(() => this.emit('error', new Error('the thread ran out of memory')));
      }
    },
  };
});

describe('writeCheckpointOffThread without a working thread', () => {
  let model: tf.LayersModel;
  let tmp: TempDir;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) });
  beforeEach(() => {
    // A fresh module each test: the writer thread is per module instance.
    vi.resetModules();
    fake.jobs = 0;
  });

  async function writeTwo() {
    const thread = await import('../../../../electron/node/checkpoint-io/checkpoint-write-thread');
    const artifacts = await collectModelArtifacts(model);
    const write = (name: string) =>
      thread.writeCheckpointOffThread(path.join(tmp.dir, name), { kind: 'model', artifacts, includeOptimizer: true, sidecar: sidecarInput() });
    const sidecars = [await write('first'), await write('second')];
    artifacts.dispose();
    for (const name of ['first', 'second']) await verifyCheckpoint(path.join(tmp.dir, name));
    return { sidecars, threadId: thread.checkpointWriterThreadId() };
  }

  it('writes on this thread where no worker can start', async () => {
    fake.mode = 'throw';
    const { sidecars, threadId } = await writeTwo();
    expect(threadId).toBeNull();
    expect(sidecars[0].files.map((f) => f.name).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('writes the job a failing thread dropped, and the later ones, on this thread', async () => {
    fake.mode = 'crash';
    const { sidecars, threadId } = await writeTwo();
    expect(fake.jobs).toBe(1);
    expect(threadId).toBeNull();
    expect(sidecars[1].files.map((f) => f.name).sort()).toEqual(['model.json', 'weights.bin']);
  });
});
