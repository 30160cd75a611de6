/**
 * The default saver: real tfjs checkpoints (model.json + weights.bin + checkpoint.json), written
 * atomically by the checkpoint writer.
 */
import type { CheckpointSidecar } from '../../../shared/checkpoint-record';
import { ConfigError } from '../../../shared/errors';
import { writeCheckpoint } from '../checkpoint-io/checkpoint-writer';
import { removeCheckpoint } from '../checkpoint-io/remove-checkpoint';
import type { CheckpointSaver, SaveRequest } from './checkpoint-saver';

/** Writes real checkpoints of the model being trained. */
export class FileCheckpointSaver implements CheckpointSaver {
  readonly writesModels = true;

  async save(request: SaveRequest): Promise<CheckpointSidecar> {
    if (!request.model) {
      throw new ConfigError(
        'ModelCheckpoint has no model to save: use it in model.fit({ callbacks: [...] }), or call setModel(model) first.',
      );
    }
    return writeCheckpoint(request.dir, {
      kind: request.kind,
      model: request.model,
      includeOptimizer: request.includeOptimizer,
      sidecar: request.sidecar,
    });
  }

  async remove(dir: string): Promise<void> {
    await removeCheckpoint(dir);
  }
}
