/**
 * Restores `util.isNullOrUndefined` (removed in Node 23) on the given `node:util` object, which
 * tfjs-node 4.22 calls while loading; Electron's Node is >= 23. Does nothing where it exists.
 *
 * @example const util = {}; installIsNullOrUndefined(util); util.isNullOrUndefined(null) -> true,
 *   util.isNullOrUndefined(0) -> false
 * @returns whether the shim was installed.
 */
export function installIsNullOrUndefined(util: { isNullOrUndefined?: unknown }): boolean {
  if (typeof util.isNullOrUndefined === 'function') return false;
  Object.defineProperty(util, 'isNullOrUndefined', {
    value: (value: unknown): boolean => value === null || value === undefined,
    configurable: true,
    writable: true,
  });
  return true;
}
