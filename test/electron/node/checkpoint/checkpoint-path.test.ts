import { describe, expect, it } from 'vitest';
import { formatCheckpointPath, templateRootDir } from '../../../../electron/node/checkpoint/checkpoint-path';

describe('formatCheckpointPath', () => {
  it.each([
    ['epoch{epoch:02d}-{val_loss:.4f}', 4, null, { val_loss: 0.125 }, 'epoch05-0.1250'],
    ['e{epoch}-l{loss}', 0, null, { loss: 3 }, 'e1-l3.0'],
    ['ckpt-{epoch:02d}-{batch:02d}', 0, 2, { loss: 0.5 }, 'ckpt-01-03'],
    ['m-{loss:.2f}', 0, null, { loss: 0.125 }, 'm-0.12'],
    ['m-{loss:.2f}', 0, null, { loss: 2.675 }, 'm-2.67'],
    ['{{literal}}-{epoch}', 0, null, {}, '{literal}-1'],
    ['e{epoch:>4}', 9, null, {}, 'e  10'],
    ['l{loss:.3e}', 0, null, { loss: 0.000123456 }, 'l1.235e-04'],
  ] as const)('formats %s (epoch %i, batch %s) as in its doc', (template, epoch, batch, logs, expected) => {
    expect(formatCheckpointPath(template, epoch, batch, logs)).toBe(expected);
  });

  it("wraps a missing key in Keras's message", () => {
    expect(() => formatCheckpointPath('m-{val_loss:.2f}', 0, null, { loss: 1 })).toThrow(
      'Failed to format this callback filepath: "m-{val_loss:.2f}". Reason: \'val_loss\'',
    );
  });
});

describe('templateRootDir', () => {
  it.each([
    ['ckpt/epoch{epoch:02d}', 'ckpt'],
    ['out/e{epoch:02d}/model', 'out'],
    ['best', ''],
    ['/abs/runs/ckpt/e{epoch}', '/abs/runs/ckpt'],
    ['a/b/c', 'a/b'],
  ])('finds the fixed root of %s: %s', (template, expected) => {
    expect(templateRootDir(template)).toBe(expected);
  });
});
