import { describe, expect, it } from 'vitest';

import { toSaveError } from '../../../../electron/node/checkpoint-io/save-error';
import { isHeldByLiveWriter, parseTemporaryName, temporaryName } from '../../../../electron/node/checkpoint-io/temporary-names';

describe('temporaryName', () => {
  it('gives its doc example', () => {
    expect(temporaryName({ target: 'epoch-3', kind: 'tmp', pid: 4242, token: '0a1b2c3d' })).toBe('.epoch-3.wbtmp-4242-0a1b2c3d');
  });
});

describe('parseTemporaryName', () => {
  it('gives its doc examples', () => {
    expect(parseTemporaryName('.epoch-3.wbold-4242-0a1b2c3d')).toEqual({ target: 'epoch-3', kind: 'old', pid: 4242, token: '0a1b2c3d' });
    expect(parseTemporaryName('.epoch-3.wbtmp-x')).toBeNull();
  });

  it.each(['epoch-3.wbtmp-4242-0a1b2c3d', '.epoch-3.wbtmp-4242-0A1B2C3D', '.epoch-3.wbnew-4242-0a1b2c3d',
    '.epoch-3.wbtmp-4242-0a1b2c3d~', '.wbtmp-4242-0a1b2c3d'])('rejects %s', (entry) => {
    expect(parseTemporaryName(entry)).toBeNull();
  });

  it('round-trips names that themselves contain dots', () => {
    const name = { target: 'model.v2.best', kind: 'del' as const, pid: 1, token: 'ffffffff' };
    expect(parseTemporaryName(temporaryName(name))).toEqual(name);
  });
});

describe('isHeldByLiveWriter', () => {
  it('says a temporary of a dead process is free and one of a live process is held', () => {
    expect(isHeldByLiveWriter('/x/.a.wbtmp-1-0a1b2c3d', 2 ** 30)).toBe(false);
    expect(isHeldByLiveWriter('/x/.a.wbtmp-1-0a1b2c3d', process.ppid)).toBe(true);
  });

  it('says an unclaimed temporary of this process is free', () => {
    expect(isHeldByLiveWriter('/x/.a.wbtmp-1-0a1b2c3d', process.pid)).toBe(false);
  });
});

describe('toSaveError', () => {
  it('gives its doc example', () => {
    const error = toSaveError('/runs/a/e3', Object.assign(new Error('ENOSPC: no space left on device, write'),
      { code: 'ENOSPC', syscall: 'write' }));
    expect(error.message).toBe(
      'Could not save the checkpoint /runs/a/e3: the disk is full; free some space or save to another disk ' +
        '(ENOSPC: no space left on device, write). Earlier checkpoints are intact.',
    );
  });

  it('passes an error without an OS code through unchanged, since it is a bug', () => {
    const bug = new TypeError('x is undefined');
    expect(toSaveError('/runs/a/e3', bug)).toBe(bug);
  });
});
