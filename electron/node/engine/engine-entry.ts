/**
 * Where the engine process entry is in this source tree (run through tsx by the Node fork
 * adapter). A packaged Electron app runs its bundled `engine.js` instead.
 */
import * as nodePath from 'node:path';

/** The engine process entry of the source tree. */
export const ENGINE_ENTRY = nodePath.resolve(__dirname, 'engine-process.ts');
