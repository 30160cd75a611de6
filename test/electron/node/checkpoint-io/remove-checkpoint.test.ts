import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CheckpointOccupiedError } from '../../../../shared/errors';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { removeCheckpoint } from '../../../../electron/node/checkpoint-io/remove-checkpoint';
import { listTree, makeTempDir, sidecarInput, snapshot } from './helpers';

describe('removeCheckpoint', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    tmp = await makeTempDir();
  });

  afterEach(async () => {
    await tmp.cleanup();
  });

  it('removes a checkpoint of ours and nothing beside it', async () => {
    await writeCheckpoint(path.join(tmp.dir, 'e01'), { kind: 'placeholder', sidecar: sidecarInput() });
    await writeCheckpoint(path.join(tmp.dir, 'e02'), { kind: 'placeholder', sidecar: sidecarInput() });
    await removeCheckpoint(path.join(tmp.dir, 'e01'));
    expect(await listTree(tmp.dir)).toEqual(['e02', 'e02/checkpoint.json']);
  });

  it('does nothing when the checkpoint is already gone', async () => {
    await removeCheckpoint(path.join(tmp.dir, 'gone'));
    expect(await listTree(tmp.dir)).toEqual([]);
  });

  it('refuses a user folder and leaves it untouched', async () => {
    const dir = path.join(tmp.dir, 'photos');
    await nodeFs.mkdir(dir);
    await nodeFs.writeFile(path.join(dir, 'cat.jpg'), 'meow');
    const before = await snapshot(tmp.dir);
    const error = await removeCheckpoint(dir).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointOccupiedError);
    expect(error.message).toBe(
      `Refusing to remove ${dir}: it holds a folder that is not a checkpoint (no checkpoint.json). It was left untouched.`,
    );
    expect(await snapshot(tmp.dir)).toEqual(before);
  });
});
