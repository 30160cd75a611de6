import { describe, expect, it } from 'vitest';
import { checkpointIssuePath } from '../../../../electron/node/engine/checkpoint-issue-path';

describe('checkpointIssuePath', () => {
  it.each([
    ["ModelCheckpoint option 'saveTopK' must be an integer >= 0, or -1 to keep every checkpoint; received -2.", 'checkpoint.saveTopK'],
    ["ModelCheckpoint option 'filepath' ends in '.keras', which asks for a Keras file, ...", 'checkpoint.filepath'],
    ["ModelCheckpoint option 'monitor' must be a log key such as 'val_loss'; received .", 'checkpoint.monitor'],
    ["ModelCheckpoint option 'everyNEpochs' (2) only applies with saveFreq: 'epoch', but saveFreq is 10.", 'checkpoint.everyNEpochs'],
    ["Unrecognized save_freq: 2.5. Expected save_freq are 'epoch' or integer values", 'checkpoint.saveFreq'],
    ["ModelCheckpoint option 'baseDir' must be a directory path; received .", 'checkpoint'],
    ["ModelCheckpoint cannot tell whether monitor 'score' should be minimized or maximized ...", 'checkpoint'],
    ["Run r1 says ModelCheckpoint option 'saveTopK' somewhere in the middle", 'checkpoint'],
  ])('maps %j to %s', (message, path) => {
    expect(checkpointIssuePath(message)).toBe(path);
  });
});
