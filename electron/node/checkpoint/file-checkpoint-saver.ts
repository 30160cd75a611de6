/**
 * The default saver: real tfjs checkpoints (model.json + weights.bin + checkpoint.json), written
 * atomically by the checkpoint writer. The weights are snapshotted in the training hook and
 * written in the background on the writer thread (checkpoint-write-thread.ts), so saving every
 * epoch costs training little more than the snapshot.
 */
import { ConfigError } from '../../../shared/errors';
import { startCheckpointWriter, writeCheckpointOffThread } from '../checkpoint-io/checkpoint-write-thread';
import { collectModelArtifacts } from '../checkpoint-io/model-artifacts';
import { removeCheckpoint } from '../checkpoint-io/remove-checkpoint';
import type { CheckpointSaver, SaveRequest, StagedCheckpoint } from './checkpoint-saver';

/** Options of {@link FileCheckpointSaver}. */
export interface FileCheckpointSaverArgs {
  /** Write in the background while training continues (false: the hook waits for the write). Defaults to true. */
  background?: boolean;
}

/** Writes real checkpoints of the model being trained. */
export class FileCheckpointSaver implements CheckpointSaver {
  readonly writesModels = true;

  constructor(private readonly args: FileCheckpointSaverArgs = {}) {
    // The thread starts while training sets up, not in the first save's epoch hook.
    startCheckpointWriter();
  }

  async stage(request: SaveRequest): Promise<StagedCheckpoint> {
    if (!request.model) {
      throw new ConfigError(
        'ModelCheckpoint has no model to save: use it in model.fit({ callbacks: [...] }), or call setModel(model) first.',
      );
    }
    // tfjs tensors are immutable (training assigns new ones), so the collected arrays are a snapshot.
    const artifacts = await collectModelArtifacts(request.model, {
      weightsOnly: request.kind === 'weights',
      includeOptimizer: request.includeOptimizer,
    });
    return {
      background: this.args.background ?? true,
      commit: async () => {
        try {
          return await writeCheckpointOffThread(request.dir, {
            kind: request.kind,
            artifacts,
            includeOptimizer: request.includeOptimizer,
            sidecar: request.sidecar,
          });
        } finally {
          artifacts.dispose();
        }
      },
    };
  }

  async remove(dir: string): Promise<void> {
    await removeCheckpoint(dir);
  }
}
