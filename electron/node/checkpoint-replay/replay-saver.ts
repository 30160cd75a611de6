/**
 * The replay tool's saver: writes placeholder checkpoints (a real sidecar, no weights) through
 * the same atomic writer as real runs, and fails chosen saves as a full disk would.
 */
import { CheckpointSaveError } from '../../../shared/errors';
import type { CheckpointSaver, SaveRequest, StagedCheckpoint } from '../checkpoint/checkpoint-saver';
import { writeCheckpoint } from '../checkpoint-io/checkpoint-writer';
import { removeCheckpoint } from '../checkpoint-io/remove-checkpoint';

/** A save that a scenario makes fail: the `call`-th save (1-based) raises `type` with `message`. */
export interface FakeSaveError {
  call: number;
  type: string;
  message: string;
}

/** Placeholder checkpoints for dry runs; records nothing heavy. */
export class ReplaySaver implements CheckpointSaver {
  readonly writesModels = false;
  private calls = 0;

  constructor(private readonly fakeErrors: readonly FakeSaveError[] = []) {}

  async stage(request: SaveRequest): Promise<StagedCheckpoint> {
    return {
      background: false,
      commit: async () => {
        this.calls += 1;
        const fake = this.fakeErrors.find((error) => error.call === this.calls);
        if (fake) {
          throw new CheckpointSaveError(`Could not save checkpoint to ${request.path}: ${fake.type}: ${fake.message}`, {
            pyType: fake.type,
          });
        }
        return writeCheckpoint(request.dir, { kind: 'placeholder', model: null, includeOptimizer: false, sidecar: request.sidecar });
      },
    };
  }

  async remove(dir: string): Promise<void> {
    await removeCheckpoint(dir);
  }
}
