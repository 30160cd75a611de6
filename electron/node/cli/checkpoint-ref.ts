/**
 * What a user may type to name a checkpoint: a checkpoint folder's path, `<run>/<checkpoint id>`,
 * or a run id alone (its best checkpoint, else its last).
 */
import { existsSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { CHECKPOINT_FILES } from '../../../shared/checkpoint-record';
import { CheckpointNotFoundError } from '../../../shared/errors';
import { RUN_FILES, RunStore } from '../engine/run-store';

/** A resolved checkpoint reference. */
export interface CheckpointRef {
  store: RunStore;
  runId: string;
  checkpointId: string;
}

/**
 * Resolves a reference against a workspace.
 *
 * @example resolveCheckpointRef(store, '/ws/20261125-mnist-cnn/checkpoints/epoch03-0.0500')
 *   -> { runId: '20261125-mnist-cnn', checkpointId: 'epoch03-0.0500' }
 * @example resolveCheckpointRef(store, '20261125-mnist-cnn/last') -> { runId: '20261125-mnist-cnn', checkpointId: 'last' }
 * @example resolveCheckpointRef(store, '20261125-mnist-cnn') -> its best checkpoint
 */
export async function resolveCheckpointRef(store: RunStore, ref: string): Promise<CheckpointRef> {
  const asPath = nodePath.resolve(ref);
  if (existsSync(nodePath.join(asPath, CHECKPOINT_FILES.sidecar))) {
    // Walk up to the run folder that holds this checkpoint.
    let dir = nodePath.dirname(asPath);
    while (dir !== nodePath.dirname(dir)) {
      if (nodePath.basename(dir) === RUN_FILES.checkpoints && existsSync(nodePath.join(nodePath.dirname(dir), RUN_FILES.record))) {
        const runDir = nodePath.dirname(dir);
        return {
          store: new RunStore(nodePath.dirname(runDir)),
          runId: nodePath.basename(runDir),
          checkpointId: nodePath.relative(dir, asPath).split(nodePath.sep).join('/'),
        };
      }
      dir = nodePath.dirname(dir);
    }
    throw new CheckpointNotFoundError(
      `${ref} is a checkpoint, but not inside a workbench run (no run.json above it), so its data set is unknown. ` +
        'Evaluate checkpoints of workbench runs, by run id or path.',
    );
  }
  const [runId, ...rest] = ref.split('/').filter(Boolean);
  if (!runId) throw new CheckpointNotFoundError(`'${ref}' names no checkpoint. Use <run>/<checkpoint> or a checkpoint folder's path.`);
  const record = await store.readRecord(runId);
  if (rest.length > 0) {
    const checkpointId = rest.join('/');
    const dir = store.checkpointDir(runId, checkpointId);
    if (!existsSync(nodePath.join(dir, CHECKPOINT_FILES.sidecar))) {
      throw new CheckpointNotFoundError(`Run ${runId} has no checkpoint '${checkpointId}'. List them with: workbench checkpoints ${runId}`);
    }
    return { store, runId, checkpointId };
  }
  const fallback = record.best?.id ?? (isDir(store.checkpointDir(runId, 'last')) ? 'last' : null);
  if (!fallback) throw new CheckpointNotFoundError(`Run ${runId} has no checkpoint yet.`);
  return { store, runId, checkpointId: fallback };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
