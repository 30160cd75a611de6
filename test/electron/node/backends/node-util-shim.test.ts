import { describe, expect, it } from 'vitest';

import { installIsNullOrUndefined } from '../../../../electron/node/backends/node-util-shim';

describe('installIsNullOrUndefined', () => {
  it('adds isNullOrUndefined where it is missing', () => {
    const util: { isNullOrUndefined?: unknown } = {};
    expect(installIsNullOrUndefined(util)).toBe(true);
    const isNullOrUndefined = util.isNullOrUndefined as (value: unknown) => boolean;
    expect([null, undefined, 0, '', false, Number.NaN].map(isNullOrUndefined)).toEqual([true, true, false, false, false, false]);
  });

  it('leaves an existing isNullOrUndefined alone', () => {
    const own = (): boolean => false;
    const util = { isNullOrUndefined: own };
    expect(installIsNullOrUndefined(util)).toBe(false);
    expect(util.isNullOrUndefined).toBe(own);
  });
});
